"""Forms of the 番号法 pages: validation only (the services decide the rules)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hogokan.core.calendar import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from hogokan.core.forms import AccessibleForm, PlainSelect, date_field, wire_aria
from hogokan.core.lists import FilterForm
from hogokan.mynumber.models import EARLIEST_MY_NUMBER_DATE, LedgerEntry
from hogokan.org.api import assignments_held
from hogokan.org.models import OrgUnit, Person
from hogokan.registers.api import PersonalInfoFile, affairs_for, files_for


def units_for(actor):
    """The units ``actor`` reaches that exist today (all for the body-wide roles)."""
    units = OrgUnit.objects.valid_on(timezone.localdate()).select_related("organ").order_by(
        "organ__display_order", "code")
    return units if actor is None or actor.unit_ids is None else units.filter(pk__in=actor.unit_ids)


class UnitChoiceField(forms.ModelChoiceField):
    widget = PlainSelect

    def label_from_instance(self, unit):
        return f"{unit.code} {unit.name}"


class PersonChoiceField(forms.ModelChoiceField):
    widget = PlainSelect

    def label_from_instance(self, person):
        return f"{person.name}（職員番号 {person.employee_no}）"


def _choice(label: str) -> dict:
    return {"required": f"{label}を選んでください。",
            "invalid_choice": f"選んだ{label}は選べません。一覧から選んでください。"}


class DesignationFilterForm(FilterForm):
    """The list of designations in office on a day: the page, its downloads and GET /api/v1/mynumber/designations."""

    unit = UnitChoiceField(label="所属", required=False, queryset=OrgUnit.objects.none(), empty_label="すべて",
                           error_messages=_choice("所属"))
    as_of = date_field("基準日", required=False, earliest=EARLIEST_MY_NUMBER_DATE,
                       help_text="この日に指定されている担当者（空欄: 今日）")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(self.actor) if not self.api else OrgUnit.objects.all()
        if self.api and self.actor is not None and self.actor.unit_ids is not None:
            self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=self.actor.unit_ids)
        self.fields["as_of"].widget.attrs["size"] = 14

    @property
    def day(self):
        if self.is_bound and self.is_valid() and self.cleaned_data.get("as_of"):
            return self.cleaned_data["as_of"]
        return timezone.localdate()

    def apply(self, queryset):
        from hogokan.mynumber.selectors import in_office

        unit = self.cleaned_data.get("unit")
        if unit is not None:
            queryset = queryset.filter(unit=unit)
        return queryset.filter(pk__in=[d.pk for d in in_office(self.day, queryset=queryset)])


class GapFilterForm(FilterForm):
    as_of = date_field("基準日", required=False, earliest=EARLIEST_MY_NUMBER_DATE, help_text="空欄: 今日")

    def apply(self, queryset):
        return queryset


class DesignationForm(AccessibleForm):
    unit = UnitChoiceField(label="所属", queryset=OrgUnit.objects.none(), error_messages=_choice("所属"))
    person = PersonChoiceField(label="事務取扱担当者", queryset=Person.objects.none(), error_messages=_choice("職員"),
                               help_text="指定日に所属に配属されている職員")
    start = date_field("指定日", earliest=EARLIEST_MY_NUMBER_DATE)
    file = forms.ModelChoiceField(label="特定個人情報ファイル", required=False, widget=PlainSelect,
                                  queryset=PersonalInfoFile.objects.none(), empty_label="（所属のすべてのファイル）",
                                  error_messages=_choice("特定個人情報ファイル"),
                                  help_text="一つのファイルだけを担当するときに選びます")
    affair = forms.ModelChoiceField(label="個人情報取扱事務", required=False, widget=PlainSelect,
                                    queryset=PersonalInfoFile.objects.none(), empty_label="（選ばない）",
                                    error_messages=_choice("個人情報取扱事務"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        units = units_for(actor)
        self.fields["unit"].queryset = units
        unit_ids = None if actor.unit_ids is None else list(actor.unit_ids)
        people = assignments_held(today, unit_ids=unit_ids).values("person_id")
        self.fields["person"].queryset = Person.objects.filter(pk__in=people, kind=Person.Kind.STAFF).order_by(
            "employee_no")
        self.fields["file"].queryset = files_for(actor).filter(is_specific=True)
        self.fields["affair"].queryset = affairs_for(actor, on=today)


class DesignationEndForm(AccessibleForm):
    end = date_field("終了日（この日まで担当）", earliest=EARLIEST_MY_NUMBER_DATE)
    reason = forms.CharField(label="理由", required=False, max_length=200, help_text="例: 担当替え",
                             widget=forms.TextInput(attrs={"size": 40}))


def _month_field():
    return forms.CharField(label="月", required=False, max_length=7, widget=forms.TextInput(attrs={"size": 10}),
                           help_text="例: 2026-11")


def parse_month(value: str):
    """"2026-11" (or 2026/11) → (2026, 11); None when empty; ValidationError when unreadable."""
    value = (value or "").strip().replace("/", "-")
    if not value:
        return None
    year, _, month = value.partition("-")
    if not (year.isascii() and year.isdigit() and month.isascii() and month.isdigit() and len(year) == 4
            and 1 <= int(month) <= 12 and FIRST_FISCAL_YEAR <= int(year) <= LAST_FISCAL_YEAR + 1):
        raise forms.ValidationError("月は「2026-11」のように年-月で入力してください。")
    return int(year), int(month)


class LedgerFilterForm(FilterForm):
    """The 取扱状況記録簿: the page, its downloads and GET /api/v1/mynumber/ledger (per file, unit and month)."""

    file = forms.ModelChoiceField(label="特定個人情報ファイル", required=False, widget=PlainSelect,
                                  queryset=PersonalInfoFile.objects.none(), empty_label="すべて",
                                  error_messages=_choice("特定個人情報ファイル"))
    unit = UnitChoiceField(label="所属", required=False, queryset=OrgUnit.objects.none(), empty_label="すべて",
                           error_messages=_choice("所属"))
    month = _month_field()
    kind = forms.ChoiceField(label="区分", required=False, choices=[("", "すべて"), *LedgerEntry.Kind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].queryset = files_for(self.actor, include_retired=True).filter(is_specific=True) \
            if self.actor is not None else PersonalInfoFile.objects.none()
        units = OrgUnit.objects.filter(pk__in=LedgerEntry.objects.values("unit_id")).order_by("code")
        if self.actor is not None and self.actor.unit_ids is not None:
            units = units.filter(pk__in=self.actor.unit_ids)
        self.fields["unit"].queryset = units

    def clean_month(self):
        return parse_month(self.cleaned_data.get("month", ""))

    def apply(self, queryset):
        data = self.cleaned_data
        for name in ("file", "unit", "kind"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if data.get("month"):
            from hogokan.mynumber.selectors import month_range

            queryset = queryset.filter(handled_on__range=month_range(*data["month"]))
        return queryset


class LedgerEntryForm(AccessibleForm):
    file = forms.ModelChoiceField(label="特定個人情報ファイル", widget=PlainSelect, queryset=PersonalInfoFile.objects.none(),
                                  error_messages=_choice("特定個人情報ファイル"))
    handled_on = date_field("日付", earliest=EARLIEST_MY_NUMBER_DATE, not_future=True)
    kind = forms.ChoiceField(label="区分", choices=LedgerEntry.Kind.choices, widget=forms.RadioSelect,
                             error_messages=_choice("区分"))
    count = forms.IntegerField(label="件数", min_value=1, max_value=10_000_000, widget=forms.TextInput(attrs={"size": 8}),
                               error_messages={"required": "件数を入力してください。",
                                               "invalid": "件数は半角数字で入力してください。",
                                               "min_value": "件数は1以上で入力してください。",
                                               "max_value": "件数が大きすぎます。"})
    purpose = forms.CharField(label="提供目的", required=False, max_length=300, widget=forms.TextInput(attrs={"size": 50}),
                              help_text="提供のとき必須。例: 地方税法に基づく課税資料の提供（番号法19条9号）")
    recipient = forms.CharField(label="提供先", required=False, max_length=200, widget=forms.TextInput(attrs={"size": 40}),
                                help_text="提供のとき必須。例: ○○市税務課")
    handler = PersonChoiceField(label="取扱者", queryset=Person.objects.none(), error_messages=_choice("取扱者"))
    checker = PersonChoiceField(label="確認者", required=False, queryset=Person.objects.none(), empty_label="（なし）",
                                error_messages=_choice("確認者"))
    note = forms.CharField(label="備考", required=False, max_length=300, widget=forms.TextInput(attrs={"size": 50}))

    def __init__(self, *args, actor, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        unit_ids = None if actor.unit_ids is None else list(actor.unit_ids)
        people = Person.objects.filter(pk__in=assignments_held(today, unit_ids=unit_ids).values("person_id"),
                                       kind=Person.Kind.STAFF).order_by("employee_no")
        self.fields["handler"].queryset = people
        self.fields["checker"].queryset = people
        self.fields["file"].queryset = files_for(actor).filter(is_specific=True)
        if correcting:
            del self.fields["file"]
            self.fields["correction_reason"] = forms.CharField(
                label="訂正の理由", max_length=300, widget=forms.TextInput(attrs={"size": 50}),
                error_messages={"required": "訂正の理由を入力してください。"}, help_text="例: 件数の記入誤り")
        wire_aria(self)
