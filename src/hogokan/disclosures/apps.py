from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "hogokan.disclosures"
    label = "disclosures"
    verbose_name = "開示請求等"

    def ready(self) -> None:
        from hogokan.disclosures import scoping  # noqa: F401  (registers the scopes)
