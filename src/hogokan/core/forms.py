"""The form pattern of the design system: aria wiring for support text and errors, the one date field."""

from datetime import date

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from hogokan.core.calendar import date_range_error, is_impossible_date, parse_date, parse_year
from hogokan.core.validators import DateRange

DATE_HELP = "例: 2027-04-01（令和9年4月1日、R9.4.1 も可）"


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
        # No maxlength: a browser cuts pasted text there without a word; the server says 「…文字以内」.
        field.widget.attrs.pop("maxlength", None)
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


class DateInput(forms.DateInput):
    """``<input type="date">``: browsers send ISO dates; the field also reads what people type."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """Every date a form takes: one parser (core.calendar.parse_date), a plausible range, one message.

    ``earliest`` is the first date allowed (default 明治元年), ``not_future`` refuses dates after today.
    """

    widget = DateInput

    def __init__(self, *, earliest: date | None = None, not_future: bool = False, **kwargs):
        self.earliest, self.not_future = earliest, not_future
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            if is_impossible_date(str(value)):
                raise forms.ValidationError(f"{self.label}の「{value}」は存在しない日付です。", code="impossible")
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed

    def validate(self, value):
        super().validate(value)
        if value is not None:
            message = date_range_error(value, earliest=self.earliest, label=str(self.label or ""),
                                       today=timezone.localdate() if self.not_future else None)
            if message:
                raise forms.ValidationError(message, code="date_range")


class YearField(forms.IntegerField):
    """A year typed in 西暦 or 和暦 (2026, 令和8, R8 → 2026); never the digits of 「令和8」 run together."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        year = parse_year(str(value))
        if year is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return year

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("min", None), attrs.pop("max", None), attrs.pop("step", None)  # a text box: 令和8 is allowed
        return attrs


def date_messages(label: str) -> dict:
    return {"required": f"{label}を入力してください。",
            "invalid": f"{label}は「2027-04-01」のように年-月-日で入力してください。"}


def date_field(label: str, *, required: bool = True, help_text: str = DATE_HELP, earliest: date | None = None,
               not_future: bool = False, **kwargs) -> DateField:
    return DateField(label=label, required=required, help_text=help_text, earliest=earliest,
                     not_future=not_future, error_messages=date_messages(label), **kwargs)


def model_formfield(db_field: models.Field, **kwargs):
    """``formfield_callback`` of every ModelForm: date columns get the one date field, with the column's
    DateRange, so the form names the field in its message."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        label = str(db_field.verbose_name)
        kwargs.setdefault("form_class", DateField)
        kwargs.setdefault("error_messages", date_messages(label))
        for validator in db_field.validators:
            if isinstance(validator, DateRange):
                kwargs.setdefault("earliest", validator.earliest)
                kwargs.setdefault("not_future", validator.not_future)
    return db_field.formfield(**kwargs)


class AccessibleModelForm(forms.ModelForm):
    """A ModelForm with the design system's aria wiring and Japanese messages naming the field.

    Every subclass's Meta gets ``model_formfield`` (Django reads only the form's own Meta, and this runs
    before the metaclass builds the fields).
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(model_formfield)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"{field.label}を入力してください。"
            field.error_messages["invalid_choice"] = f"{field.label}の選択肢から選んでください。"
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = f"{field.label}は半角の整数で入力してください。"
        wire_aria(self)

    def full_clean(self):
        super().full_clean()
        wire_aria(self)


class TableFileField(forms.FileField):
    """An uploaded CSV or .xlsx for an import: checked for size and format; cleans to (name, format, bytes)."""

    def __init__(self, *, max_mb: int, **kwargs):
        self.max_mb = max_mb
        kwargs.setdefault("label", "ファイル")
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
        kwargs.setdefault("error_messages", {"required": "ファイルを選んでください。", "empty": "ファイルが空です。"})
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        from hogokan.core.tabular import ImportFileError, file_format

        upload = super().clean(data, initial)
        if upload is None:
            return None
        if upload.size > self.max_mb * 1024 * 1024:
            raise forms.ValidationError(f"ファイルが大きすぎます（{self.max_mb}MBまで）。")
        content = upload.read()
        try:
            fmt = file_format(upload.name, content)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload.name, fmt, content
