from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "hogokan.assets"
    label = "assets"
    verbose_name = "情報資産（システム・アカウント・媒体・持出し）"

    def ready(self):
        from hogokan.assets import reviews, scoping, scoping_media  # noqa: F401  (scopes register on import)

        reviews.connect()
