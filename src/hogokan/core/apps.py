from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hogokan.core"
    label = "core"
    verbose_name = "共通基盤"

    def ready(self) -> None:
        from hogokan.core import jobs  # noqa: F401  (registers the core jobs)
