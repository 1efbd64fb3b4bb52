from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "hogokan.assets"
    label = "assets"
    verbose_name = "情報資産（システム・アカウント・媒体・持出し）"
