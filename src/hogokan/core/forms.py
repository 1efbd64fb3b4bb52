"""The form pattern of the design system: aria wiring for support text and errors."""

from django import forms


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
