"""What every list page shares: its filter form (applied by the page, its downloads and its API), pagination,
and the fiscal-year parameter of statistics pages.

A list's filters are a ``FilterForm`` with ``apply(queryset)``; the page shows invalid values with
their message and ignores them, the API answers 400 for them (``core.rest.filtered``), and both
narrow the same queryset the same way. ``templates/includes/list.html`` is the page's skeleton.
"""

from __future__ import annotations

import copy

from django import forms
from django.core.paginator import Page, Paginator
from django.utils import timezone

from hogokan.core.calendar import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, fiscal_year, wareki_fiscal_year

PAGE_SIZE = 50


def paginate(request, items, *, per_page: int = PAGE_SIZE) -> Page:
    """The page of ``items`` asked for by ``?page=`` (the last page when beyond it, the first when unreadable)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class FilterForm(forms.Form):
    """A list's filters. Subclasses give the fields and ``apply(queryset)`` on ``cleaned_data``.

    ``actor`` is who asks (for the choices of units …); ``api`` is set by the API, whose defaults
    may differ from the page's (a page may hide ended records by default, the API never hides rows).
    """

    api_only: tuple[str, ...] = ()  # parameters the API keeps for its clients, not shown on the page

    def __init__(self, data=None, *, actor=None, api: bool = False, **kwargs):
        self.actor, self.api = actor, api
        super().__init__(data, **kwargs)
        if not api:
            for name in self.api_only:
                del self.fields[name]

    def clean(self):
        cleaned_data = super().clean()
        if self.api:  # a checkbox reads any word as "on"; an API client says true or false (as the schema does)
            for name, field in self.fields.items():
                if isinstance(field, forms.BooleanField) and self.data.get(name, "") not in ("", "true", "false"):
                    self.add_error(name, f"{field.label}は true か false で指定してください。")
        return cleaned_data

    def apply(self, queryset):
        raise NotImplementedError

    def filtered(self, queryset):
        """For the page and its downloads: the valid filters applied (invalid ones are shown, not applied).

        A list opened without filters gets the form's defaults (e.g. ended records hidden): they are
        applied through a bound twin, so this form still shows its initial values.
        """
        form = self
        if not self.is_bound:
            form = copy.copy(self)
            form.is_bound, form.data, form.files, form._errors = True, {}, {}, None
        if not form.is_valid():
            return queryset
        return form.apply(queryset)

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (for the empty state: "no match" rather than "none yet")."""
        return self.is_bound and self.is_valid() and any(value not in (None, "", [], ()) for value in
                                                         self.cleaned_data.values())


def filter_data(request, form_class) -> dict | None:
    """The query string when it carries one of the form's filters; otherwise None, so the form shows its
    initial values (a list opened from the menu starts with its defaults)."""
    return request.GET if any(name in request.GET for name in form_class.base_fields) else None


def fiscal_year_field(label: str = "年度（西暦）") -> forms.IntegerField:
    from hogokan.core.forms import YearField

    return YearField(
        label=label, required=False, min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR,
        widget=forms.TextInput(attrs={"size": 8}), help_text="例: 2026（令和8年度 も可）",
        error_messages={"invalid": f"{label}は「2026」または「令和8年度」のように入力してください。",
                        "min_value": f"{label}は{FIRST_FISCAL_YEAR}年度から{LAST_FISCAL_YEAR}年度までで指定してください。",
                        "max_value": f"{label}は{FIRST_FISCAL_YEAR}年度から{LAST_FISCAL_YEAR}年度までで指定してください。"},
    )


def fiscal_year_param(request, *, default: int | None = None) -> int:
    """The 年度 a statistics page shows: ``?fiscal_year=`` (``?year=`` on old links) when it is a year in range,
    else ``default`` (the current 年度)."""
    for name in ("fiscal_year", "year"):
        raw = request.GET.get(name, "").strip()
        if raw.isascii() and raw.isdigit() and len(raw) == 4 and FIRST_FISCAL_YEAR <= int(raw) <= LAST_FISCAL_YEAR:
            return int(raw)
    return default if default is not None else fiscal_year(timezone.localdate())


def fiscal_year_choices(*, count: int = 10, latest: int | None = None) -> list[tuple[int, str]]:
    """(year, 令和8年度) for the year selector, newest first: the current 年度 and the ``count - 1`` before it."""
    latest = latest if latest is not None else fiscal_year(timezone.localdate())
    return [(year, wareki_fiscal_year(year)) for year in range(latest, max(FIRST_FISCAL_YEAR, latest - count + 1) - 1, -1)]
