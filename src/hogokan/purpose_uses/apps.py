from django.apps import AppConfig


class PurposeUsesConfig(AppConfig):
    name = "hogokan.purpose_uses"
    label = "purpose_uses"
    verbose_name = "目的外利用・提供"

    def ready(self) -> None:
        from hogokan.purpose_uses import scoping  # noqa: F401  (registers the scope)
