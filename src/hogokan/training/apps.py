from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "hogokan.training"
    label = "training"
    verbose_name = "研修"

    def ready(self) -> None:
        from hogokan.training import scoping  # noqa: F401  (registers the permission rules)
