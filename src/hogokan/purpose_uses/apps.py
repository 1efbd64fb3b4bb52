from django.apps import AppConfig


class PurposeUsesConfig(AppConfig):
    name = "hogokan.purpose_uses"
    label = "purpose_uses"
    verbose_name = "目的外利用・提供"
