"""The contract and company forms and the list filters: validation only; the services write."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from hogokan.core.calendar import fiscal_year_range
from hogokan.core.forms import AccessibleModelForm, wire_aria
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.core.permissions import VIEW, restrict
from hogokan.org.api import SECTION_KINDS
from hogokan.org.models import OrgUnit, Person
from hogokan.outsourcing.models import Company, Contract

CONTRACT_FIELDS = ("title", "unit", "company", "kind", "period_start", "period_end", "handles_personal_information",
                   "persons_handled", "handles_my_number", "subcontracting", "files", "affairs",
                   "special_spec_attached", "common_spec_attached", "renewal_of", "contractor_people")


class ContractForm(AccessibleModelForm):
    class Meta:
        model = Contract
        fields = CONTRACT_FIELDS
        widgets = {"title": forms.TextInput(attrs={"size": 50}),
                   "persons_handled": forms.NumberInput(attrs={"min": 0, "size": 10}),
                   "kind": forms.RadioSelect,
                   "files": forms.CheckboxSelectMultiple, "affairs": forms.CheckboxSelectMultiple,
                   "contractor_people": forms.CheckboxSelectMultiple}

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(kind__in=SECTION_KINDS, valid_to__isnull=True).order_by("code")
        if actor is not None and actor.unit_ids is not None:
            units = units.filter(pk__in=actor.unit_ids)
        self.fields["unit"].queryset = units
        self.fields["company"].queryset = Company.objects.order_by("name")
        self.fields["company"].help_text = "一覧にない事業者は、先に「受託事業者の一覧」から登録してください。"
        self.fields["contractor_people"].queryset = Person.objects.filter(kind=Person.Kind.CONTRACTOR,
                                                                          is_active=True).order_by("company", "name")
        self.fields["contractor_people"].help_text = ("受託事業者の従事者は、その事業者のすべての委託を見られます。"
                                                      "ここでは、この委託の担当者を指定します。")
        # registers is a sibling layer (no import): its models are reached through the fields' relations,
        # scoped by the registers' own rules (core.permissions)
        for name in ("files", "affairs"):
            model = Contract._meta.get_field(name).related_model
            self.fields[name].queryset = (restrict(model.objects.all(), actor, VIEW) if actor is not None
                                          else model.objects.none()).order_by("name")
        others = Contract.objects.select_related("company").order_by("-period_start")
        if actor is not None and actor.unit_ids is not None:
            others = others.filter(unit_id__in=actor.unit_ids)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["renewal_of"].queryset = others
        self.fields["renewal_of"].help_text = "前年度までの契約を更新・継続するときに選びます。"
        wire_aria(self)


class CompanyForm(AccessibleModelForm):
    class Meta:
        model = Company
        fields = ("name", "corporate_number", "address", "contact", "email", "people")
        widgets = {"name": forms.TextInput(attrs={"size": 40}),
                   "corporate_number": forms.TextInput(attrs={"size": 15, "inputmode": "numeric",
                                                              "autocomplete": "off"}),
                   "address": forms.TextInput(attrs={"size": 50}), "contact": forms.TextInput(attrs={"size": 40}),
                   "people": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(kind=Person.Kind.CONTRACTOR,
                                                               is_active=True).order_by("company", "name")
        self.fields["people"].help_text = "受託者の役割でログインし、この事業者の委託を見る人です。"
        number = self.fields["corporate_number"]  # hyphens and spaces as printed are allowed; clean_ drops them
        number.max_length = 20
        number.validators = [v for v in number.validators if not hasattr(v, "limit_value")]
        number.widget.attrs["maxlength"] = "20"
        wire_aria(self)

    def clean_corporate_number(self):
        return "".join((self.cleaned_data.get("corporate_number") or "").split()).replace("-", "")


class ContractFilterForm(FilterForm):
    """The contract list's filters (the page, its downloads and the API)."""

    q = forms.CharField(label="案件名・受託者", required=False, widget=forms.TextInput(attrs={"size": 24, "type": "search"}))
    status = forms.ChoiceField(label="状態", required=False, choices=[("", "すべて"), *Contract.Status.choices])
    kind = forms.ChoiceField(label="委託の区分", required=False, choices=[("", "すべて"), *Contract.Kind.choices])
    fiscal_year = fiscal_year_field("履行する年度（西暦）")
    my_number = forms.BooleanField(label="特定個人情報を扱う委託のみ", required=False)

    def apply(self, queryset):
        data = self.cleaned_data
        if keyword := (data.get("q") or "").strip()[:100]:
            queryset = queryset.filter(Q(title__icontains=keyword) | Q(company__name__icontains=keyword))
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("fiscal_year"):
            start, end = fiscal_year_range(data["fiscal_year"])
            queryset = queryset.filter(period_start__lte=end, period_end__gte=start)
        if data.get("my_number"):
            queryset = queryset.filter(handles_my_number=True)
        return queryset


class CompanyFilterForm(FilterForm):
    q = forms.CharField(label="法人名・法人番号", required=False,
                        widget=forms.TextInput(attrs={"size": 24, "type": "search"}))

    def apply(self, queryset):
        if keyword := (self.cleaned_data.get("q") or "").strip()[:100]:
            queryset = queryset.filter(Q(name__icontains=keyword) | Q(corporate_number__startswith=keyword))
        return queryset
