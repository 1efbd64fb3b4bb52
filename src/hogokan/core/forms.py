"""The form pattern of the design system: aria wiring for support text and errors."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class AccessibleForm(forms.Form):
    """Sets ``aria-describedby`` to the support text and ``aria-invalid`` + the error text id."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wire_aria(self)

    def full_clean(self):
        super().full_clean()
        wire_aria(self)


def wire_aria(form) -> None:
    for name, field in form.fields.items():
        bound = form[name]
        ids = []
        if field.help_text:
            ids.append(f"{bound.id_for_label}_help")
        if form.is_bound and name in (getattr(form, "_errors", None) or {}):
            field.widget.attrs["aria-invalid"] = "true"
            ids.append(f"{bound.id_for_label}_error")
        else:
            field.widget.attrs.pop("aria-invalid", None)
        if ids:
            field.widget.attrs["aria-describedby"] = " ".join(ids)


def add_service_errors(form: forms.Form, error: ValidationError, field_map: dict[str, str] | None = None,
                       *, plain_field: str | None = None) -> None:
    """A service's ValidationError as form errors: at the field it names (``field_map`` renames a
    service argument to its form field), else at the top; never a 500."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            name = field_map.get(key, key)
            form.add_error(name if name in form.fields and key != NON_FIELD_ERRORS else None, messages)
    else:
        form.add_error(plain_field, error.messages)
    wire_aria(form)


class PlainSelect(forms.Select):
    """A single select built in Python: a city's 3,000 files render in milliseconds, not a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join("", "<option value=\"{}\"{}>{}</option>", (
            (str(key), mark_safe(" selected") if str(key) in chosen else "", label) for key, label in self.choices))
        return format_html("<select{}>{}</select>", flatatt(final), options)
