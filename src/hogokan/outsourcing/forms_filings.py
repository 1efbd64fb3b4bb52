"""The contractor's filing forms: validation only; services_filings writes."""

from __future__ import annotations

from django import forms
from django.conf import settings

from hogokan.core.calendar import fiscal_year
from hogokan.core.forms import AccessibleForm, AccessibleModelForm, wire_aria
from hogokan.org.models import Person
from hogokan.outsourcing.models_filings import ContractorReport, DeletionReport, Subcontract
from hogokan.outsourcing.services_filings import COUNT_MAX, DELETION_FIELDS, REPORT_FIELDS, SUBCONTRACT_FIELDS

FILE_HELP = f"添付できる種類: {'、'.join(settings.HOGOKAN_ATTACHMENT_TYPES)}（上限 {settings.HOGOKAN_ATTACHMENT_MAX_MB} MB）"


class ReportForm(AccessibleModelForm):
    """第2号様式 2・3・5・6・7 (the safety measures of 4 are the checklist sheet beside it)."""

    attachment = forms.FileField(label="添付資料（取扱規程・認証の写し、報告体制図など）", required=False,
                                 help_text=FILE_HELP)

    class Meta:
        model = ContractorReport
        fields = REPORT_FIELDS
        widgets = {
            "workers": forms.Textarea(attrs={"rows": 4}),
            "work_place": forms.Textarea(attrs={"rows": 2}),
            "storage_place": forms.Textarea(attrs={"rows": 2}),
            "change_reason": forms.Textarea(attrs={"rows": 3}),
            "certification": forms.TextInput(attrs={"size": 40}),
            "city_contact_phone": forms.TextInput(attrs={"size": 16, "inputmode": "tel"}),
            "contact_phone": forms.TextInput(attrs={"size": 16, "inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change_reason"].help_text = "変更の報告のときは必ず記入してください（新規のときは不要）。"
        wire_aria(self)


class DecisionForm(AccessibleForm):
    """受理・承認・確認 (a comment may be given) or 差戻し・不承認 (the reason is required: the service says so)."""

    reason = forms.CharField(label="理由・コメント", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="差戻し・不承認のときは理由を必ず記入してください（2000文字以内）。",
                             error_messages={"max_length": "理由・コメントは2000文字以内で入力してください。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wire_aria(self)


class SubcontractForm(AccessibleModelForm):
    class Meta:
        model = Subcontract
        fields = SUBCONTRACT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in
                   ("reason", "work", "information", "safeguards", "supervision")}
        widgets["company_name"] = forms.TextInput(attrs={"size": 40})
        widgets["company_address"] = forms.TextInput(attrs={"size": 50})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wire_aria(self)


class SubcontractApprovalForm(DecisionForm):
    people = forms.ModelMultipleChoiceField(
        label="再委託先の担当者（ログインして報告書を提出する人）", required=False, queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple, help_text="受託者の従事者として登録された人から選びます。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(kind=Person.Kind.CONTRACTOR,
                                                               is_active=True).order_by("company", "name")


class DeletionReportForm(AccessibleModelForm):
    certificate = forms.FileField(label="証明書（消去・廃棄・返却の証明書）", help_text=FILE_HELP,
                                  error_messages={"required": "消去・廃棄・返却の証明書を添付してください。"})

    class Meta:
        model = DeletionReport
        fields = DELETION_FIELDS
        widgets = {"done_on": forms.DateInput(attrs={"type": "date"}),
                   "done_time": forms.TimeInput(attrs={"type": "time"}),
                   "name": forms.TextInput(attrs={"size": 40}), "method_detail": forms.TextInput(attrs={"size": 50})}

    def __init__(self, *args, certificate_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].required = certificate_required
        self.fields["certificate"].error_messages["required"] = "消去・廃棄・返却の証明書を添付してください。"
        wire_aria(self)


class YearlyCountForm(AccessibleForm):
    fiscal_year = forms.TypedChoiceField(label="年度", coerce=int)
    takeouts = forms.IntegerField(label="機密情報の持出し件数", min_value=0, max_value=COUNT_MAX,
                                  help_text="この年度に業務で個人情報を事業所の外へ持ち出した件数")
    home_takeouts = forms.IntegerField(label="うち自宅への持出し件数", min_value=0, max_value=COUNT_MAX)
    copies = forms.IntegerField(label="複写・複製件数", min_value=0, max_value=COUNT_MAX,
                                help_text="委託者の承諾を得て個人情報を複写・複製した件数")
    remarks = forms.CharField(label="備考", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        first, last = fiscal_year(contract.period_start), fiscal_year(contract.period_end)
        self.fields["fiscal_year"].choices = [(year, f"{year}年度") for year in range(last, first - 1, -1)]
        for name in ("takeouts", "home_takeouts", "copies"):
            message = f"{self.fields[name].label}は0以上{COUNT_MAX:,}以下の整数で入力してください。"
            self.fields[name].error_messages.update({"invalid": message, "min_value": message, "max_value": message,
                                                     "required": f"{self.fields[name].label}を入力してください（なければ0）。"})
        self.fields["fiscal_year"].error_messages["invalid_choice"] = "契約期間内の年度を選んでください。"
        wire_aria(self)
