"""The contract form: validation only; services.contract_save writes."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from hogokan.core.forms import AccessibleModelForm, wire_aria
from hogokan.core.lists import FilterForm
from hogokan.org.api import SECTION_KINDS
from hogokan.org.models import OrgUnit, Person
from hogokan.outsourcing.models import Contract


class ContractForm(AccessibleModelForm):
    class Meta:
        model = Contract
        fields = ("title", "unit", "contractor_name", "period_start", "period_end", "designated_manager",
                  "persons_handled", "handles_my_number", "subcontracting", "contractor_people")
        widgets = {"title": forms.TextInput(attrs={"size": 50}),
                   "contractor_name": forms.TextInput(attrs={"size": 40}),
                   "persons_handled": forms.NumberInput(attrs={"min": 0, "size": 10}),
                   "contractor_people": forms.CheckboxSelectMultiple}

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(kind__in=SECTION_KINDS, valid_to__isnull=True).order_by("code")
        if actor is not None and actor.unit_ids is not None:
            units = units.filter(pk__in=actor.unit_ids)
        self.fields["unit"].queryset = units
        self.fields["contractor_people"].queryset = Person.objects.filter(kind=Person.Kind.CONTRACTOR,
                                                                          is_active=True).order_by("company", "name")
        self.fields["contractor_people"].help_text = "受託者の担当者は、この委託について事故の報告ができます。"
        wire_aria(self)


class ContractFilterForm(FilterForm):
    """The contract list's filters (the page and its downloads)."""

    q = forms.CharField(label="案件名・受託者", required=False, widget=forms.TextInput(attrs={"size": 24, "type": "search"}))
    my_number = forms.BooleanField(label="特定個人情報を扱う委託のみ", required=False)

    def apply(self, queryset):
        if keyword := self.cleaned_data["q"].strip()[:100]:
            queryset = queryset.filter(Q(title__icontains=keyword) | Q(contractor_name__icontains=keyword))
        if self.cleaned_data["my_number"]:
            queryset = queryset.filter(handles_my_number=True)
        return queryset
