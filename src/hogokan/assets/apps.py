from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AssetsConfig(AppConfig):
    name = "hogokan.assets"
    label = "assets"
    verbose_name = "情報資産（システム・アカウント・媒体・持出し）"

    def ready(self):
        from hogokan.assets import (  # noqa: F401  (scopes register on import)
            reviews,
            scoping,
            scoping_media,
            scoping_review,
        )

        reviews.connect()
        post_migrate.connect(_default_forms, sender=self, dispatch_uid="assets-default-forms")


def _default_forms(sender, **kwargs):
    """The security review's default form where a flush emptied the tables (the data migration 0004 loads it once)."""
    from hogokan.assets import defaults_review

    defaults_review.load()
