"""The forms of the security-review pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hogokan.assets.models_review import EARLIEST_REVIEW_DATE, Matter, ReviewBody, SystemReview
from hogokan.core.calendar import fiscal_year
from hogokan.core.forms import AccessibleForm, date_field
from hogokan.core.lists import FilterForm, fiscal_year_field


class ReviewRequestForm(AccessibleForm):
    system = forms.ModelChoiceField(label="情報システム・ネットワーク", queryset=None,
                                    error_messages={"required": "情報システム・ネットワークを選んでください。",
                                                    "invalid_choice": "情報システム・ネットワークの選択肢から選んでください。"})
    matters = forms.MultipleChoiceField(label="該当事項", choices=Matter.choices, widget=forms.CheckboxSelectMultiple,
                                        error_messages={"required": "該当事項を1つ以上選んでください。"})
    body = forms.ChoiceField(label="点検の実施者", choices=ReviewBody.choices, initial=ReviewBody.DEPUTY)
    fiscal_year = fiscal_year_field("年度（西暦）")
    description = forms.CharField(label="開発・変更の概要", widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                                  help_text="例: 住民記録システムの標準化対応（ガバメントクラウドへの移行）",
                                  error_messages={"required": "開発・変更の概要を入力してください。"})
    planned_on = date_field("稼働予定日", required=False, earliest=EARLIEST_REVIEW_DATE)
    requested_on = date_field("依頼日", earliest=EARLIEST_REVIEW_DATE, not_future=True)

    def __init__(self, *args, systems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = systems
        self.fields["fiscal_year"].required = True
        self.fields["fiscal_year"].error_messages["required"] = "年度を入力してください。"
        today = timezone.localdate()
        self.initial.setdefault("fiscal_year", fiscal_year(today))
        self.initial.setdefault("requested_on", today)


class NotifyForm(AccessibleForm):
    result = forms.ChoiceField(label="点検の結果", choices=SystemReview.Result.choices, widget=forms.RadioSelect,
                               error_messages={"required": "点検の結果を選んでください。"})
    note = forms.CharField(label="結果の内容・改善を要する事項", required=False,
                           widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))
    notified_on = date_field("結果通知日（点検完了日）", earliest=EARLIEST_REVIEW_DATE, not_future=True)


class WithdrawReviewForm(AccessibleForm):
    reason = forms.CharField(label="取下げの理由", widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                             error_messages={"required": "取下げの理由を入力してください。"})


class ReviewFilterForm(FilterForm):
    fiscal_year = fiscal_year_field()
    status = forms.ChoiceField(label="状態", required=False, choices=[("", "すべて"), *SystemReview.Status.choices])
    body = forms.ChoiceField(label="点検の実施者", required=False, choices=[("", "すべて"), *ReviewBody.choices])

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("fiscal_year"):
            queryset = queryset.filter(fiscal_year=data["fiscal_year"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("body"):
            queryset = queryset.filter(body=data["body"])
        return queryset
