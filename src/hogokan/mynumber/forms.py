"""Forms of the 番号法 pages: validation only (the services decide the rules)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hogokan.core.forms import AccessibleForm, PlainSelect, date_field
from hogokan.core.lists import FilterForm
from hogokan.mynumber.models import EARLIEST_MY_NUMBER_DATE
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
