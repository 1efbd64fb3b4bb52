from django import forms

from hogokan.core.forms import AccessibleForm
from hogokan.org.models import OrgUnit
from hogokan.scanner.services import MAX_CHECK_BYTES


class CheckForm(AccessibleForm):
    file = forms.FileField(label="確認するファイル", max_length=255,
                           help_text=f"送信・アップロードする前のファイル（Excel、Word、PowerPoint、PDF、CSV、テキスト、"
                                     f"メール、ZIP。{MAX_CHECK_BYTES >> 20} MB まで）。ファイルは保存されません。",
                           error_messages={"required": "確認するファイルを選んでください。",
                                           "empty": "空のファイルです。中身のあるファイルを選んでください。",
                                           "invalid": "ファイルを選んでください。"})

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_CHECK_BYTES:
            raise forms.ValidationError(f"ファイルが大きすぎます（{MAX_CHECK_BYTES >> 20} MB まで）。")
        return uploaded


class PathRuleForm(AccessibleForm):
    prefix = forms.CharField(label="フォルダ（前方一致）", max_length=500,
                             help_text="検査した場所の絶対パスの先頭。例: /srv/share/保険医療課/",
                             error_messages={"required": "フォルダを入力してください。"})
    unit = forms.ModelChoiceField(label="所属", queryset=OrgUnit.objects.none(),
                                  error_messages={"required": "所属を選んでください。",
                                                  "invalid_choice": "一覧にある所属を選んでください。"})
    my_number_allowed = forms.BooleanField(label="特定個人情報（個人番号）の保管を認める場所", required=False)
    note = forms.CharField(label="備考", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(valid_to__isnull=True).order_by("code")
