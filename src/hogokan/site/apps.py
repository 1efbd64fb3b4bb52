from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "hogokan.site"
    label = "site"
    verbose_name = "画面の枠組み"
