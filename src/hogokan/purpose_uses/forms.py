"""Forms of the uses and provisions: validation only; the law's checks are in the model (rules.py)."""

from __future__ import annotations

from django import forms

from hogokan.core.calendar import fiscal_year_range
from hogokan.core.forms import AccessibleForm, date_field
from hogokan.core.lists import FilterForm, fiscal_year_field
from hogokan.org.models import Organ, OrgUnit
from hogokan.purpose_uses.models import OutOfPurposeUse
from hogokan.registers import api as registers


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.organ.name} {unit.name}"


NAME_OR_FILE = "個人情報ファイル・取扱事務の名称を入力するか、個人情報ファイル簿を選んでください。"


class UseForm(AccessibleForm):
    kind = forms.ChoiceField(label="区分", choices=OutOfPurposeUse.Kind.choices, widget=forms.RadioSelect)
    unit = UnitChoice(label="保有する課", queryset=OrgUnit.objects.none(),
                      error_messages={"required": "保有する課を選んでください。"})
    used_on = date_field("利用・提供日")
    personal_info_file = registers.FileChoice(help_text="利用・提供する個人情報ファイルが登録されていれば選んでください（任意）")
    file_or_affair_name = forms.CharField(label="個人情報ファイル・取扱事務の名称", max_length=200, required=False,
                                          help_text="空欄のままファイル簿を選ぶと、その名称が入ります")
    items = forms.CharField(label="利用・提供する記録項目", max_length=300, required=False,
                            help_text="例: 氏名、住所、生年月日")
    persons_count = forms.IntegerField(label="本人の数", min_value=0, required=False,
                                       error_messages={"invalid": "本人の数は数字で入力してください。"})
    recipient = forms.CharField(label="利用する課・提供先", max_length=200,
                                error_messages={"required": "利用する課・提供先を入力してください。"})
    purpose = forms.CharField(label="利用・提供の目的", widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"required": "利用・提供の目的を入力してください。"})
    basis = forms.ChoiceField(label="根拠", choices=OutOfPurposeUse.Basis.choices, widget=forms.RadioSelect)
    law_name = forms.CharField(label="根拠法令（条項）", max_length=200, required=False,
                               help_text="例: 災害対策基本法第49条の11（法69①・番号法19条のとき必須）")
    basis_reason = forms.CharField(label="相当の理由・特別の理由", widget=forms.Textarea(attrs={"rows": 2}),
                                   required=False)
    specific_personal_info = forms.BooleanField(label="特定個人情報（マイナンバーを含む情報）を含む", required=False)
    no_unfair_harm = forms.BooleanField(label="本人又は第三者の権利利益を不当に侵害するおそれがないことを確認した",
                                        required=False)
    harm_note = forms.CharField(label="不当侵害のおそれの検討", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    law70_requested = forms.BooleanField(label="提供先に措置を求めた（法70）", required=False)
    law70_content = forms.CharField(label="措置要求の内容", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                    help_text="利用目的・方法の制限、安全確保の措置など")
    law70_requested_on = date_field("措置要求日", required=False)

    def __init__(self, *args, units=None, files=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        if files is not None:
            self.fields["personal_info_file"].queryset = files

    def clean(self):
        data = super().clean()
        if not (data.get("file_or_affair_name") or "").strip() and not data.get("personal_info_file") \
                and "personal_info_file" not in self.errors:
            self.add_error("file_or_affair_name", NAME_OR_FILE)
        return data


class ReviewForm(AccessibleForm):
    comment = forms.CharField(label="事務局の意見・差戻しの理由", widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)


class UseFilterForm(FilterForm):
    """The list's filters: the page, its downloads and GET /api/v1/purpose-uses."""

    fiscal_year = fiscal_year_field()
    kind = forms.ChoiceField(label="区分", required=False, choices=[("", "すべて")] + OutOfPurposeUse.Kind.choices)
    basis = forms.ChoiceField(label="根拠", required=False, choices=[("", "すべて")] + OutOfPurposeUse.Basis.choices)
    status = forms.ChoiceField(label="状態", required=False, choices=[("", "すべて")] + OutOfPurposeUse.Status.choices)
    organ = forms.ModelChoiceField(label="実施機関", required=False, queryset=Organ.objects.all(), empty_label="すべて")

    def apply(self, queryset):
        data = self.cleaned_data
        if data["fiscal_year"]:
            queryset = queryset.filter(used_on__range=fiscal_year_range(data["fiscal_year"]))
        for name in ("kind", "basis", "status", "organ"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        return queryset
