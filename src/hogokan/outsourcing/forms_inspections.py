"""The inspection forms (filters, adding one, the header of a 検査書, the result, the improvement report):
validation only; services_inspections writes."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from hogokan.core.forms import AccessibleForm, date_field, wire_aria
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.outsourcing.forms_filings import FILE_HELP
from hogokan.outsourcing.models_inspections import ContractInspection, ImprovementReport

IS = ContractInspection.Status


def _text(label: str, max_length: int, *, required: bool = False, rows: int = 0, size: int = 30) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(attrs={"size": size})
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget,
                           error_messages={"max_length": f"{label}は{max_length}文字以内で入力してください。",
                                           "required": f"{label}を入力してください。"})


class InspectionFilterForm(FilterForm):
    """The section's inspection list (the page, its downloads and the API)."""

    q = forms.CharField(label="案件名・受託者", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"size": 24, "type": "search"}))
    fiscal_year = fiscal_year_field("年度（西暦）")
    status = forms.ChoiceField(label="状態", required=False, choices=[("", "すべて"), *IS.choices])
    kind = forms.ChoiceField(label="検査の種類", required=False,
                             choices=[("", "すべて"), *ContractInspection.Kind.choices])
    overdue = forms.BooleanField(label="期限を過ぎたもののみ", required=False)

    def apply(self, queryset):
        data = self.cleaned_data
        if keyword := (data.get("q") or "").strip()[:100]:
            queryset = queryset.filter(Q(contract__title__icontains=keyword)
                                       | Q(contract__company__name__icontains=keyword))
        if data.get("fiscal_year"):
            queryset = queryset.filter(fiscal_year=data["fiscal_year"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("overdue"):
            queryset = queryset.filter(status__in=[IS.PLANNED, IS.ANSWERING, IS.REVIEWING],
                                       due_on__lt=timezone.localdate())
        return queryset


class InspectionAddForm(AccessibleForm):
    kind = forms.ChoiceField(label="検査の種類", choices=ContractInspection.Kind.choices,
                             initial=ContractInspection.Kind.ONSITE, widget=forms.RadioSelect)
    due_on = date_field("期限")
    notes = _text("備考（追加する理由など）", 2000, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = "検査の種類は実地検査又は書面検査を選んでください。"
        wire_aria(self)


class RespondentForm(AccessibleForm):
    """資料7 の報告者: 受託者検査対応者."""

    respondent_department = _text("部署名", 100)
    respondent_title = _text("職位名", 100)
    respondent_name = _text("担当者名", 100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wire_aria(self)


class RecordForm(AccessibleForm):
    """The header of an inspection the section records (実地検査, or a document answer received on paper)."""

    inspected_on = date_field("検査実施日", required=False, not_future=True)
    inspector = _text("検査実施者", 100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wire_aria(self)


class CompleteForm(AccessibleForm):
    reason = _text("所見（結果の通知に記載します）", 2000, rows=3)
    improvement_due = date_field("改善報告の期限", required=False,
                                 help_text="「否」の項目があるときに使います。空欄なら設定の日数後です。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wire_aria(self)


class ImprovementForm(AccessibleForm):
    measures = _text(str(ImprovementReport._meta.get_field("measures").verbose_name), 4000, rows=6)
    done_on = date_field("改善の実施日", required=False, not_future=True)
    attachment = forms.FileField(label="添付資料（改善を示す写真・規程など）", required=False, help_text=FILE_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].help_text = "否とされた項目ごとに、講じた措置を記入します。"
        wire_aria(self)
