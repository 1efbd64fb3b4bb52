"""Audit forms: validation only; the services write."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hogokan.audits.models import (
    EARLIEST_AUDIT_DATE,
    PRACTICE_CATEGORIES,
    VISIT_FINDING_CATEGORIES,
    AuditPlan,
    FieldVisit,
    Finding,
    FindingSource,
)
from hogokan.core.forms import AccessibleForm, AccessibleModelForm, TableFileField, date_field
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.org.api import SECTION_KINDS
from hogokan.org.models import OrgUnit, Person, Role

TEXT = {"rows": 4, "cols": 70}
OPEN_STATES = [Finding.Status.OPEN, Finding.Status.REPORTED]


def section_choices(actor=None):
    units = OrgUnit.objects.filter(kind__in=SECTION_KINDS, valid_to__isnull=True).order_by("code")
    if actor is not None and actor.unit_ids is not None:
        units = units.filter(pk__in=actor.unit_ids)
    return units


class SourceForm(AccessibleModelForm):
    fiscal_year = fiscal_year_field("年度")

    class Meta:
        model = FindingSource
        fields = ["kind", "title", "fiscal_year", "held_on", "note"]
        widgets = {"title": forms.TextInput(attrs={"size": 50}), "note": forms.Textarea(attrs=TEXT)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].required = True
        self.fields["fiscal_year"].error_messages["required"] = "年度を入力してください。"


class FindingForm(AccessibleModelForm):
    units = forms.ModelMultipleChoiceField(label="担当課", queryset=OrgUnit.objects.none(),
                                           widget=forms.SelectMultiple(attrs={"size": 8}),
                                           help_text="対応する課（複数可。Ctrl キーを押しながら選びます）",
                                           error_messages={"required": "担当課を1つ以上選んでください（指摘事項には"
                                                                       "対応する課が必要です）。",
                                                           "invalid_choice": "担当課の選択肢から選んでください。",
                                                           "invalid_pk_value": "担当課の選択肢から選んでください。"})

    class Meta:
        model = Finding
        fields = ["source", "number", "category", "text", "units", "response", "due_date"]
        widgets = {"text": forms.Textarea(attrs=TEXT), "response": forms.Textarea(attrs=TEXT),
                   "number": forms.NumberInput(attrs={"size": 6}), "category": forms.TextInput(attrs={"size": 30})}

    def __init__(self, *args, sources=None, **kwargs):
        """``sources``: those the actor may add findings to (a new finding); None when editing one."""
        super().__init__(*args, **kwargs)
        if sources is None:
            del self.fields["source"]
        else:
            self.fields["source"].queryset = sources.order_by("-fiscal_year", "title")
        self.fields["units"].queryset = section_choices()
        self.fields["units"].error_messages["required"] = ("担当課を1つ以上選んでください（指摘事項には対応する課が"
                                                           "必要です）。")
        self.fields["number"].required = False
        self.fields["number"].help_text = "空欄なら次の番号を付けます。"
        self.fields["number"].min_value = 1


class ProgressForm(AccessibleForm):
    recorded_on = date_field("日付", earliest=EARLIEST_AUDIT_DATE, not_future=True)
    text = forms.CharField(label="対応の経過", widget=forms.Textarea(attrs=TEXT),
                           error_messages={"required": "対応の経過を入力してください。"})
    response = forms.CharField(label="対応内容（まとめ）", required=False, widget=forms.Textarea(attrs=TEXT),
                               help_text="フォローアップ管理表の「対応内容」欄。変えるときだけ書き換えてください。")

    def __init__(self, *args, finding: Finding | None = None, **kwargs):
        kwargs.setdefault("initial", {"recorded_on": timezone.localdate(),
                                      "response": finding.response if finding else ""})
        super().__init__(*args, **kwargs)


class ReturnForm(AccessibleForm):
    comment = forms.CharField(label="差し戻す理由", widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                              error_messages={"required": "差し戻す理由を入力してください。"})


class FindingFilterForm(FilterForm):
    """The findings list: the page, its downloads and GET /api/v1/audits/findings."""

    source = forms.ModelChoiceField(label="出典", required=False, queryset=FindingSource.objects.none(),
                                    empty_label="すべて")
    unit = forms.ModelChoiceField(label="担当課", required=False, queryset=OrgUnit.objects.none(), empty_label="すべて")
    status = forms.ChoiceField(label="区分", required=False,
                               choices=[("", "すべて"), ("unfinished", "対応中・確認待ち"), *Finding.Status.choices])
    fiscal_year = fiscal_year_field()
    overdue = forms.BooleanField(label="期限を過ぎたものだけ", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = FindingSource.objects.order_by("-fiscal_year", "title")
        units = OrgUnit.objects.filter(audit_findings__isnull=False).distinct().order_by("code")
        if self.actor is not None and self.actor.unit_ids is not None:
            units = units.filter(pk__in=self.actor.unit_ids)
        self.fields["unit"].queryset = units

    def apply(self, queryset):
        data = self.cleaned_data
        if data["source"]:
            queryset = queryset.filter(source=data["source"])
        if data["unit"]:
            queryset = queryset.filter(units=data["unit"])
        if data["status"] == "unfinished":
            queryset = queryset.filter(status__in=OPEN_STATES)
        elif data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["fiscal_year"]:
            queryset = queryset.filter(source__fiscal_year=data["fiscal_year"])
        if data["overdue"]:
            queryset = queryset.filter(status__in=OPEN_STATES, due_date__lt=timezone.localdate())
        return queryset


class FindingImportForm(AccessibleForm):
    source = forms.ModelChoiceField(label="取り込む先の出典", queryset=FindingSource.objects.none(),
                                    error_messages={"required": "取り込む先の出典を選んでください。",
                                                    "invalid_choice": "取り込む先の出典を選んでください。"})
    file = TableFileField(max_mb=5, help_text="CSV（UTF-8 または Shift_JIS）または Excel（.xlsx、最初のシート）。"
                                              "1行目は見出しの行、1行に1件。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = FindingSource.objects.order_by("-fiscal_year", "title")


class PlanForm(AccessibleModelForm):
    fiscal_year = fiscal_year_field("年度")
    units = forms.ModelMultipleChoiceField(label="対象課", queryset=OrgUnit.objects.none(),
                                           widget=forms.SelectMultiple(attrs={"size": 8}),
                                           error_messages={"required": "対象課を1つ以上選んでください。"})

    class Meta:
        model = AuditPlan
        fields = ["fiscal_year", "kind", "title", "theme", "units", "auditors", "survey_from", "survey_to",
                  "document_from", "document_to", "onsite_from", "onsite_to"]
        widgets = {"title": forms.TextInput(attrs={"size": 50}), "theme": forms.Textarea(attrs=TEXT)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = section_choices()
        self.fields["units"].error_messages["required"] = "対象課を1つ以上選んでください。"
        self.fields["fiscal_year"].required = True
        self.fields["fiscal_year"].error_messages["required"] = "年度を入力してください。"
        self.fields["auditors"].queryset = Person.objects.filter(
            assignments__role=Role.AUDITOR, assignments__end__isnull=True).distinct().order_by("employee_no")
        self.fields["auditors"].required = False


class VisitAddForm(AccessibleForm):
    unit = forms.ModelChoiceField(label="調査先の課", queryset=OrgUnit.objects.none(),
                                  error_messages={"required": "調査先の課を選んでください。",
                                                  "invalid_choice": "調査先の課の選択肢から選んでください。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = section_choices()


class VisitRecordForm(AccessibleModelForm):
    class Meta:
        model = FieldVisit
        fields = ["visited_on", "inspectors", "rating", "summary"]
        widgets = {"inspectors": forms.TextInput(attrs={"size": 50}), "summary": forms.Textarea(attrs=TEXT),
                   "rating": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("visited_on", "inspectors", "rating"):
            self.fields[name].required = True
        self.fields["rating"].choices = FieldVisit.Rating.choices


class VisitFindingForm(AccessibleForm):
    category = forms.ChoiceField(label="区分", choices=[(c, c) for c in VISIT_FINDING_CATEGORIES],
                                 error_messages={"required": "区分を選んでください。",
                                                 "invalid_choice": "区分の選択肢から選んでください。"})
    text = forms.CharField(label="改善指摘事項", widget=forms.Textarea(attrs=TEXT),
                           error_messages={"required": "改善指摘事項を入力してください。"})
    due_date = date_field("対応期限", required=False, earliest=EARLIEST_AUDIT_DATE)


class PracticeForm(AccessibleForm):
    category = forms.ChoiceField(label="区分", choices=[(c, c) for c in PRACTICE_CATEGORIES],
                                 error_messages={"required": "区分を選んでください。",
                                                 "invalid_choice": "区分の選択肢から選んでください。"})
    text = forms.CharField(label="工夫している点", widget=forms.Textarea(attrs=TEXT),
                           error_messages={"required": "良い取組の内容を入力してください。"})


class CancelForm(AccessibleForm):
    reason = forms.CharField(label="取りやめる理由", max_length=200,
                             error_messages={"required": "取りやめる理由を入力してください。"})
