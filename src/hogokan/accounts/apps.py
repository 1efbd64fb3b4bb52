from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hogokan.accounts"
    label = "accounts"
    verbose_name = "ログイン・API トークン"
