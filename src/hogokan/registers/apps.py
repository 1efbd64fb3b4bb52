from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "hogokan.registers"
    label = "registers"
    verbose_name = "個人情報ファイル簿"
