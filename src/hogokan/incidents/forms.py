"""Incident forms: validation only; the services write."""

from __future__ import annotations

from django import forms

from hogokan.core.calendar import fiscal_year_range
from hogokan.core.forms import AccessibleForm, AccessibleModelForm, date_field, wire_aria
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.incidents import rules, search
from hogokan.incidents.models import (
    EARLIEST_INCIDENT_DATE,
    DataItem,
    Incident,
    Kind,
    Medium,
    NearMiss,
    PreventiveMeasure,
)
from hogokan.org.api import SECTION_KINDS
from hogokan.org.models import OrgUnit, Person

TEXT = {"rows": 4, "cols": 70}


FACT_CHOICES = [("yes", "はい"), ("no", "いいえ"), ("unknown", "分からない")]


class FactQuestions:
    """The yes / no / 分からない questions the PPC decision needs (rules.UNKNOWABLE), asked in the first
    report and kept open on the record until answered: 「分からない」 is not ruled out (判定未了)."""

    def add_fact_questions(self, answers: dict | None):
        """``answers`` the record's (None for a first report: every fact starts as 分からない)."""
        self._fact_defaults = {name: (answers or {}).get(name, "unknown") for name in rules.UNKNOWABLE}
        for name, question in rules.UNKNOWABLE.items():
            self.fields[f"fact_{name}"] = forms.ChoiceField(
                label=question, choices=FACT_CHOICES, widget=forms.RadioSelect, required=False,
                initial=self._fact_defaults[name],
                error_messages={"invalid_choice": "はい・いいえ・分からない から選んでください。"})

    @property
    def fact_fields(self):
        return [self[f"fact_{name}"] for name in rules.UNKNOWABLE]

    def pop_fact_answers(self, data: dict) -> dict:
        """The answers from the cleaned data (a question left out keeps its default) and out of ``data``."""
        return {name: data.pop(f"fact_{name}", "") or self._fact_defaults[name] for name in rules.UNKNOWABLE}


def unit_choices(actor):
    units = OrgUnit.objects.filter(kind__in=SECTION_KINDS, valid_to__isnull=True).order_by("code")
    if actor is not None and actor.unit_ids is not None:
        units = units.filter(pk__in=actor.unit_ids)
    return units


class QuickReportForm(FactQuestions, AccessibleForm):
    """第一報: what, when, how many, which unit — in a minute."""

    title = forms.CharField(label="何が起きたか（件名）", max_length=200, widget=forms.TextInput(attrs={"size": 50}),
                            help_text="例: 郵送物の誤送付による個人情報の漏えい")
    unit = forms.ModelChoiceField(label="発生部署", queryset=OrgUnit.objects.none())
    contract = forms.ModelChoiceField(label="委託", queryset=None, required=False,
                                      help_text="受託者の方は、事故が起きた委託を選んでください。")
    learned_on = date_field("判明日", help_text="本市の部署が事故を知った日", earliest=EARLIEST_INCIDENT_DATE,
                            not_future=True)
    persons = forms.IntegerField(label="本人の数", min_value=0, widget=forms.NumberInput(attrs={"size": 10}),
                                 help_text="分からないときは考えられる最大の人数を入力し、「概数」にチェックしてください。")
    persons_is_estimate = forms.BooleanField(label="本人の数は概数（最大数）", required=False)
    summary = forms.CharField(label="分かっていること", required=False, widget=forms.Textarea(attrs=TEXT),
                              help_text="いつ、どこで、何が、どうなったか。分かる範囲で構いません。")

    def __init__(self, *args, actor=None, contracts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_fact_questions(None)
        self.contractor = contracts is not None
        if self.contractor:
            self.fields["contract"].queryset = contracts
            self.fields["contract"].required = True
            only = list(contracts[:2])
            if len(only) == 1 and not self.is_bound:  # a contractor with one contract does not have to pick it
                self.initial.setdefault("contract", only[0].pk)
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = unit_choices(actor)
            del self.fields["contract"]
            if actor is not None and actor.assignment and actor.assignment.unit_id and not self.is_bound:
                self.initial.setdefault("unit", actor.assignment.unit_id)
        for field in self.fields.values():
            field.error_messages["required"] = f"{field.label}を入力してください。"
            field.error_messages["invalid_choice"] = f"{field.label}の選択肢から選んでください。"
        self.fields["persons"].error_messages["invalid"] = "本人の数は半角の整数で入力してください。"
        self.fields["persons"].error_messages["min_value"] = "本人の数は0以上で入力してください。"
        wire_aria(self)


class IncidentForm(FactQuestions, AccessibleModelForm):
    """The 八千代市 record: every fact the office completes after the first report."""

    class Meta:
        model = Incident
        fields = ("title", "unit", "occurred_on", "learned_on", "learned_how", "discoverer", "discovered_by",
                  "discovered_how", "discovered_at", "summary", "data_items",
                  "data_items_note", "persons", "persons_is_estimate", "medium", "kind", "cause", "cause_detail",
                  "initial_response", "secondary_damage_status", "secondary_damage", "contractor_involved", "contract", "contractor_name",
                  "strongly_encrypted", "malicious", "published_on_web", "my_number_system")
        widgets = {"title": forms.TextInput(attrs={"size": 50}),
                   "learned_how": forms.Textarea(attrs=TEXT), "summary": forms.Textarea(attrs=TEXT),
                   "cause_detail": forms.Textarea(attrs=TEXT), "initial_response": forms.Textarea(attrs=TEXT),
                   "secondary_damage": forms.Textarea(attrs={"rows": 2, "cols": 70}),
                   "data_items": forms.CheckboxSelectMultiple, "data_items_note": forms.TextInput(attrs={"size": 50}),
                   "persons": forms.NumberInput(attrs={"min": 0, "size": 10}),
                   "contractor_name": forms.TextInput(attrs={"size": 40}), "my_number_system": forms.RadioSelect,
                   "discovered_by": forms.TextInput(attrs={"size": 40}),
                   "discovered_how": forms.TextInput(attrs={"size": 50}),
                   "discovered_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, actor=None, contracts=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A record without answers (before the questions existed) counts every fact as answered.
        self.add_fact_questions(self.instance.fact_answers or {name: "no" for name in rules.UNKNOWABLE})
        units = unit_choices(actor)
        if self.instance.pk:
            units = units | OrgUnit.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units.distinct()
        self.fields["data_items"].queryset = DataItem.objects.filter(active=True)
        self.fields["data_items"].label_from_instance = (
            lambda item: f"{item.name}（{'・'.join(item.marks)}）" if item.marks else item.name)
        self.fields["data_items"].help_text = ("（要配慮）（財産的被害）などの印は報告要否の判断に使います。"
                                               "一覧にない項目は「項目の補足」に書いてください。")
        if contracts is not None:
            self.fields["contract"].queryset = contracts
        self.fields["persons"].error_messages["min_value"] = "本人の数は0以上で入力してください。"
        self.fields["discovered_at"].help_text = "例: 2026-05-01 10:30（分からなければ空欄）"
        self.fields["discovered_at"].error_messages["invalid"] = "発見日時は「2026-05-01 10:30」のように入力してください。"


class NoticeForm(AccessibleModelForm):
    class Meta:
        model = Incident
        fields = ("notice_status", "notice_date", "notice_method", "notice_exemption", "substitute_measure",
                  "notice_exemption_reason", "published_on", "publication_note")
        widgets = {"notice_status": forms.RadioSelect, "publication_note": forms.TextInput(attrs={"size": 50}),
                   "notice_exemption_reason": forms.Textarea(attrs=TEXT),
                   "notice_method": forms.TextInput(attrs={"size": 30})}


class ReportDatesForm(AccessibleModelForm):
    class Meta:
        model = Incident
        fields = ("preliminary_reported_on", "final_reported_on")


class StatusForm(AccessibleForm):
    status = forms.ChoiceField(label="新しい状態", choices=Incident.Status.choices,
                               error_messages={"required": "新しい状態を選んでください。",
                                               "invalid_choice": "状態の選択肢から選んでください。"})
    note = forms.CharField(label="メモ", required=False, max_length=500, widget=forms.TextInput(attrs={"size": 50}))


class TimelineForm(AccessibleForm):
    text = forms.CharField(label="経過", max_length=2000, widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
                           help_text="例: 3月13日 自宅を訪問し、誤って送付した文書を回収した。",
                           error_messages={"required": "経過の内容を入力してください。",
                                           "max_length": "経過の内容は2000文字以内で入力してください。"})


class MeasureForm(AccessibleModelForm):
    class Meta:
        model = PreventiveMeasure
        fields = ("description", "owner", "due_date", "status", "done_on", "evidence", "evaluation", "reviewed_on")
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "cols": 70}),
                   "evidence": forms.Textarea(attrs={"rows": 2, "cols": 70}),
                   "evaluation": forms.Textarea(attrs={"rows": 3, "cols": 70})}

    def __init__(self, *args, incident=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(is_active=True, kind=Person.Kind.STAFF)
        if incident is not None:
            people = people.filter(assignments__unit=incident.unit).distinct()
        self.fields["owner"].queryset = people.order_by("name")


class NearMissForm(AccessibleModelForm):
    class Meta:
        model = NearMiss
        fields = ("title", "unit", "occurred_on", "medium", "kind", "description", "lesson", "anonymous")
        widgets = {"title": forms.TextInput(attrs={"size": 50}),
                   "description": forms.Textarea(attrs=TEXT), "lesson": forms.Textarea(attrs=TEXT)}

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(None)
        self.fields["anonymous"].help_text = "匿名にすると報告者は記録されません。"


class IncidentFilterForm(FilterForm):
    """The list's filters: the page, its downloads and GET /api/v1/incidents."""

    q = forms.CharField(label="キーワード", required=False, widget=forms.TextInput(attrs={"size": 24, "type": "search"}))
    unit = forms.ModelChoiceField(label="発生部署", required=False, queryset=OrgUnit.objects.none(),
                                  empty_label="すべて")
    fiscal_year = fiscal_year_field()
    status = forms.ChoiceField(label="状態", required=False, choices=[("", "すべて"), *Incident.Status.choices])
    kind = forms.ChoiceField(label="種類", required=False, choices=[("", "すべて"), *Kind.choices])
    medium = forms.ChoiceField(label="媒体", required=False, choices=[("", "すべて"), *Medium.choices])
    report = forms.ChoiceField(label="委員会への報告", required=False,
                               choices=[("", "すべて"), ("required", "報告が必要"), ("pending", "未提出あり"),
                                        ("none", "報告不要")])

    report_required = forms.NullBooleanField(label="報告の要否（true / false）", required=False)
    api_only = ("report_required",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(incidents__isnull=False).distinct().order_by("code")
        if self.actor is not None and self.actor.unit_ids is not None:
            units = units.filter(pk__in=self.actor.unit_ids)
        self.fields["unit"].queryset = units

    def apply(self, queryset):
        data = self.cleaned_data
        if data["fiscal_year"]:
            queryset = queryset.filter(learned_on__range=fiscal_year_range(data["fiscal_year"]))
        for name in ("unit", "status", "kind", "medium"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        if data["report"] == "required" or data.get("report_required") is True:
            queryset = queryset.filter(report_required=True)
        elif data["report"] == "pending":
            queryset = queryset.filter(report_required=True, final_reported_on__isnull=True)
        elif data["report"] == "none" or data.get("report_required") is False:
            queryset = queryset.filter(report_required=False)
        if data["q"].strip():
            queryset = search.matching(queryset, search.INCIDENT, data["q"].strip()[:100])
        return queryset


class NearMissFilterForm(FilterForm):
    """The near-miss list's filters: the page, its downloads and GET /api/v1/incidents/near-misses."""

    q = forms.CharField(label="キーワード", required=False, widget=forms.TextInput(attrs={"size": 24, "type": "search"}))
    kind = forms.ChoiceField(label="種類", required=False, choices=[("", "すべて"), *Kind.choices])

    def apply(self, queryset):
        data = self.cleaned_data
        if keyword := data["q"].strip()[:100]:
            queryset = search.matching(queryset, search.NEAR_MISS, keyword)
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        return queryset
