from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "hogokan.org"
    label = "org"
    verbose_name = "組織・職員"

    def ready(self) -> None:
        from hogokan.org import scoping  # noqa: F401  (registers the org models' scopes)
