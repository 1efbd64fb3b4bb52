from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "hogokan.disclosures"
    label = "disclosures"
    verbose_name = "開示請求等"
