"""The forms of the systems register, accounts, access reviews, stocktakes and log analyses."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from hogokan.assets.models import (
    EARLIEST_ASSET_DATE,
    AccessReview,
    AdminGrantor,
    Frequency,
    IdPolicy,
    InfoSystem,
    Location,
    LogAnalysis,
    Network,
)
from hogokan.core.forms import AccessibleForm, AccessibleModelForm, TableFileField, date_field
from hogokan.core.lists import FilterForm
from hogokan.org.models import OrgUnit

MAX_UPLOAD_MB = 10
_ALL = [("", "すべて")]
_YES_NO = [("", "すべて"), ("yes", "あり"), ("no", "なし")]


class SystemFilterForm(FilterForm):
    q = forms.CharField(label="システム名・業務・事業者", required=False, max_length=100)
    unit = forms.ModelChoiceField(label="所管課", required=False, queryset=OrgUnit.objects.all(),
                                  empty_label="すべて")
    personal = forms.ChoiceField(label="個人情報", required=False, choices=_YES_NO)
    network = forms.ChoiceField(label="ネットワーク", required=False, choices=_ALL + Network.choices)
    location = forms.ChoiceField(label="設置場所", required=False, choices=_ALL + Location.choices)
    id_policy = forms.ChoiceField(label="利用者ID", required=False, choices=_ALL + IdPolicy.choices)
    retired = forms.BooleanField(label="廃止したシステムも表示", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.valid_on(timezone.localdate()).order_by("code")

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("q"):
            text = data["q"].strip()
            queryset = queryset.filter(Q(name__icontains=text) | Q(purpose__icontains=text)
                                       | Q(vendor__icontains=text))
        if data.get("unit"):
            queryset = queryset.filter(unit=data["unit"])
        if data.get("personal"):
            queryset = queryset.filter(handles_personal_information=data["personal"] == "yes")
        for name in ("network", "location", "id_policy"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if not self.api and not data.get("retired"):
            queryset = queryset.filter(retired_on__isnull=True)
        return queryset


class SystemForm(AccessibleModelForm):
    admin_grantors = forms.MultipleChoiceField(label="管理者権限を付与できる者", choices=AdminGrantor.choices,
                                               required=False, widget=forms.CheckboxSelectMultiple,
                                               help_text="複数選択できます")

    class Meta:
        model = InfoSystem
        fields = ["name", "unit", "purpose", "handles_personal_information", "handles_specific_personal_information",
                  "files", "affairs", "location", "network", "contract", "vendor", "id_policy", "admin_grantors",
                  "log_collected", "log_retention", "log_analysis_frequency", "log_users_informed", "patching_by",
                  "stocktake_frequency", "in_use_since", "retired_on", "notes"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 2}),
                   "files": forms.SelectMultiple(attrs={"size": 6}), "affairs": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, units=None, files=None, affairs=None, contracts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["files"].queryset = files if files is not None else self.fields["files"].queryset.none()
        self.fields["affairs"].queryset = affairs if affairs is not None else self.fields["affairs"].queryset.none()
        self.fields["contract"].queryset = (contracts if contracts is not None
                                            else self.fields["contract"].queryset.none())
        self.fields["files"].required = self.fields["affairs"].required = False


class AccountForm(AccessibleForm):
    employee_no = forms.CharField(label="職員番号", max_length=30,
                                  error_messages={"required": "職員番号を入力してください。"})
    account_id = forms.CharField(label="アカウントID", max_length=100,
                                 error_messages={"required": "アカウントIDを入力してください。"})
    admin = forms.BooleanField(label="管理者権限", required=False)
    shared = forms.BooleanField(label="共用ID", required=False)
    granted_on = date_field("付与日", required=False, earliest=EARLIEST_ASSET_DATE)


class AccountImportForm(AccessibleForm):
    file = TableFileField(max_mb=MAX_UPLOAD_MB, label="利用者一覧（CSV または Excel）",
                          help_text="1行目に見出し: 職員番号, アカウントID, 管理者権限（○/空欄）, 共用ID（○/空欄）, 付与日")


class AccessReviewFilterForm(FilterForm):
    status = forms.ChoiceField(label="状態", required=False, choices=_ALL + AccessReview.Status.choices)
    reason = forms.ChoiceField(label="理由", required=False, choices=_ALL + AccessReview.Reason.choices)
    system = forms.IntegerField(label="システム", required=False, min_value=1, widget=forms.HiddenInput)
    overdue = forms.BooleanField(label="期限を過ぎたものだけ", required=False)

    def apply(self, queryset):
        data = self.cleaned_data
        if not self.api and "status" not in self.data:
            queryset = queryset.filter(status=AccessReview.Status.OPEN)  # the page opens on what is left to do
        for name in ("status", "reason"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if data.get("system"):
            queryset = queryset.filter(system_id=data["system"])
        if data.get("overdue"):
            queryset = queryset.filter(status=AccessReview.Status.OPEN, due__lt=timezone.localdate())
        return queryset


class ResolveForm(AccessibleForm):
    outcome = forms.ChoiceField(label="結果", choices=AccessReview.Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "結果を選んでください。"})
    disabled_on = date_field("停止日", required=False, earliest=EARLIEST_ASSET_DATE,
                             help_text="「停止した」とき。空欄なら今日")
    reason = forms.CharField(label="理由・備考", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=4000, help_text="「継続する」ときは必須")


class LogAnalysisForm(AccessibleModelForm):
    analysed_by_no = forms.CharField(label="実施者の職員番号", max_length=30,
                                     error_messages={"required": "実施者の職員番号を入力してください。"})

    class Meta:
        model = LogAnalysis
        fields = ["analysed_on", "scope", "findings", "irregular", "incident_number"]
        widgets = {"scope": forms.Textarea(attrs={"rows": 2}), "findings": forms.Textarea(attrs={"rows": 3})}


class LogScheduleFilterForm(FilterForm):
    overdue = forms.BooleanField(label="期限を過ぎたものだけ", required=False)
    frequency = forms.ChoiceField(label="頻度", required=False, choices=_ALL + Frequency.choices)

    def apply(self, queryset):
        if self.cleaned_data.get("frequency"):
            queryset = queryset.filter(log_analysis_frequency=self.cleaned_data["frequency"])
        return queryset
