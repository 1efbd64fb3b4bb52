from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "ログインIDまたはパスワードが正しくありません。",
        "inactive": "このアカウントは利用が停止されています。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ログインID"
        self.fields["password"].label = "パスワード"


class OtpForm(forms.Form):
    code = forms.RegexField(
        label="確認コード（6桁）", regex=r"^\d{6}$", max_length=6,
        error_messages={"invalid": "確認コードは6桁の数字で入力してください。", "required": "確認コードを入力してください。"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100,
                           error_messages={"required": "用途を入力してください。"},
                           help_text="例: 文書管理システム連携")
