"""Forms of the data-subject requests: validation only; the services check the law."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hogokan.core.calendar import fiscal_year_range
from hogokan.core.forms import AccessibleForm, date_field
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.disclosures.models import GROUNDS, Appeal, DataSubjectRequest, Decision, Hearing
from hogokan.disclosures.selectors import open_filter, overdue_filter, with_state
from hogokan.org.models import Organ, OrgUnit
from hogokan.registers import api as registers


class UnitChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.organ.name} {unit.name}"


class RequestForm(AccessibleForm):
    kind = forms.ChoiceField(label="請求の種類", choices=DataSubjectRequest.Kind.choices)
    organ = forms.ModelChoiceField(label="実施機関", queryset=Organ.objects.all(),
                                   error_messages={"required": "実施機関を選んでください。"})
    received_on = date_field("受付日")
    channel = forms.ChoiceField(label="受付方法", choices=DataSubjectRequest.Channel.choices)
    units = UnitChoice(label="担当課", queryset=OrgUnit.objects.none(), help_text="決定を行う課（複数選択可）",
                       error_messages={"required": "担当課を1つ以上選んでください。"})
    requester_name = forms.CharField(label="請求者の氏名", max_length=100,
                                     error_messages={"required": "請求者の氏名を入力してください。"})
    requester_address = forms.CharField(label="請求者の住所", max_length=200, required=False)
    requester_contact = forms.CharField(label="請求者の連絡先", max_length=100, required=False,
                                        help_text="電話番号など、決定の通知と連絡に必要なものだけ")
    representative_kind = forms.ChoiceField(label="代理人", choices=DataSubjectRequest.Representative.choices,
                                            required=False)
    representative_name = forms.CharField(label="代理人の氏名", max_length=100, required=False)
    identity_document = forms.CharField(label="本人確認書類", max_length=100, required=False,
                                        help_text="例: 運転免許証、マイナンバーカード（公的個人認証）")
    identity_checked_on = date_field("本人確認日", required=False)
    representation_document = forms.CharField(label="代理権の確認書類", max_length=100, required=False,
                                              help_text="例: 戸籍謄本、委任状")
    target_description = forms.CharField(label="請求に係る保有個人情報", widget=forms.Textarea(attrs={"rows": 3}),
                                         error_messages={"required": "請求に係る保有個人情報を入力してください。"})
    personal_info_file = registers.FileChoice(help_text="請求に係る個人情報ファイルが登録されていれば選んでください（任意）")
    file_or_affair_name = forms.CharField(label="個人情報ファイル・取扱事務の名称", max_length=200, required=False,
                                          help_text="空欄のままファイル簿を選ぶと、その名称が入ります")
    note = forms.CharField(label="備考", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, files=None, **kwargs):
        super().__init__(*args, **kwargs)
        if files is not None:
            self.fields["personal_info_file"].queryset = files
        self.fields["units"].queryset = OrgUnit.objects.filter(valid_to__isnull=True).select_related("organ").order_by(
            "organ__display_order", "code")


class CorrectionForm(AccessibleForm):
    requested_on = date_field("補正を求めた日")
    received_on = date_field("補正を受けた日", required=False, help_text="まだ補正を受けていなければ空欄")
    content = forms.CharField(label="補正の内容", max_length=200, required=False)


class CorrectionReceiveForm(AccessibleForm):
    received_on = date_field("補正を受けた日")


class ExtendForm(AccessibleForm):
    days = forms.IntegerField(label="延長する日数", min_value=1, max_value=30, help_text="30日以内（法83②）",
                              error_messages={"required": "延長する日数を入力してください。",
                                              "max_value": "延長できるのは30日以内です（法83②）。",
                                              "min_value": "1日以上を入力してください。",
                                              "invalid": "日数は数字で入力してください。"})
    reason = forms.CharField(label="延長の理由", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "延長の理由を入力してください。"})
    notified_on = date_field("延長の通知日", required=False)


class SpecialForm(AccessibleForm):
    reason = forms.CharField(label="特例を適用する理由", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "特例を適用する理由を入力してください。"})
    notified_on = date_field("特例の通知日", required=False)
    remaining_by = date_field("残りの部分の決定期限（相当の期間）", required=False)


class HearingForm(AccessibleForm):
    third_party = forms.CharField(label="第三者", max_length=200,
                                  error_messages={"required": "第三者の名称を入力してください。"})
    reason = forms.ChoiceField(label="意見聴取の根拠", choices=Hearing.Reason.choices, required=False,
                               help_text="2号ロ・3号ただし書・裁量的開示（法80）のときは意見聴取が必要です（法86②）")
    sent_on = date_field("意見照会日")
    answer_due = date_field("意見書の提出期限", required=False)
    answered_on = date_field("意見書の受領日", required=False)
    objection = forms.BooleanField(label="反対の意思表示あり", required=False)


class DecisionForm(AccessibleForm):
    unit = forms.ModelChoiceField(label="担当課", queryset=OrgUnit.objects.none(),
                                  error_messages={"required": "担当課を選んでください。"})
    type = forms.ChoiceField(label="決定の種類", choices=Decision.Type.choices)
    grounds = forms.MultipleChoiceField(label="不開示情報（法78①）", required=False,
                                        widget=forms.CheckboxSelectMultiple,
                                        choices=[(g, f"第{g}号") for g in GROUNDS],
                                        help_text="部分開示・不開示・存否応答拒否のとき（複数選択可）")
    decided_on = date_field("決定日")
    notified_on = date_field("通知日", required=False)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        if units is not None and len(units) == 1:  # the only unit the actor may decide for: preselected
            self.fields["unit"].empty_label = None
            self.fields["unit"].initial = units[0].pk


class ExecutionForm(AccessibleForm):
    method = forms.ChoiceField(label="開示の実施方法", choices=[c for c in Decision.Method.choices if c[0]])
    exercise_requested_on = date_field("開示の実施の申出日", required=False)
    disclosed_on = date_field("開示の実施日", required=False)
    pages = forms.IntegerField(label="写しの枚数", min_value=0, required=False,
                               error_messages={"invalid": "枚数は数字で入力してください。"})
    fee = forms.IntegerField(label="費用（円）", min_value=0, required=False,
                             help_text="空欄なら設定の単価から計算します")


class WithdrawForm(AccessibleForm):
    withdrawn_on = date_field("取下げ日")
    note = forms.CharField(label="取下げの理由等", max_length=200, required=False)


class AppealForm(AccessibleForm):
    decision = forms.ModelChoiceField(label="審査請求に係る決定", queryset=Decision.objects.none(), required=False)
    filed_on = date_field("審査請求日")
    exception_105 = forms.ChoiceField(label="諮問の要否", choices=Appeal.Exception105.choices, required=False)
    consulted_on = date_field("審査会への諮問日", required=False)
    report_on = date_field("答申日", required=False)
    result = forms.ChoiceField(label="裁決の結果", choices=Appeal.Result.choices, required=False)
    decided_on = date_field("裁決日", required=False)
    note = forms.CharField(label="備考", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if decisions is not None:
            self.fields["decision"].queryset = decisions


class RequestFilterForm(FilterForm):
    """The request list's filters: the page, its downloads and GET /api/v1/disclosures/requests."""

    fiscal_year = fiscal_year_field()
    kind = forms.ChoiceField(label="種類", required=False, choices=[("", "すべて")] + DataSubjectRequest.Kind.choices)
    organ = forms.ModelChoiceField(label="実施機関", required=False, queryset=Organ.objects.all(), empty_label="すべて")
    channel = forms.ChoiceField(label="受付方法", required=False,
                                choices=[("", "すべて")] + DataSubjectRequest.Channel.choices)
    state = forms.ChoiceField(label="状態", required=False, choices=[
        ("", "すべて"), ("open", "処理中"), ("overdue", "期限超過"), ("done", "決定済み・取下げ")])

    def apply(self, queryset):
        data = self.cleaned_data
        if data["fiscal_year"]:
            queryset = queryset.filter(received_on__range=fiscal_year_range(data["fiscal_year"]))
        for name in ("kind", "organ", "channel"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        if data["state"] and "awaiting_correction" not in queryset.query.annotations:
            queryset = with_state(queryset)
        if data["state"] == "open":
            queryset = queryset.filter(open_filter())
        elif data["state"] == "overdue":
            queryset = queryset.filter(overdue_filter(timezone.localdate()))
        elif data["state"] == "done":
            queryset = queryset.exclude(open_filter())
        return queryset
