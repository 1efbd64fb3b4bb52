from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "hogokan.audits"
    label = "audits"
    verbose_name = "監査・実地調査・指摘事項"

    def ready(self) -> None:
        from hogokan.audits import scoping  # noqa: F401  (registers the scopes)
