from django.apps import AppConfig


class MyNumberConfig(AppConfig):
    name = "hogokan.mynumber"
    label = "mynumber"
    verbose_name = "番号法の事務"

    def ready(self) -> None:
        from hogokan.mynumber import jobs, receivers, scoping  # noqa: F401  (scopes, worker jobs, 人事異動 hook)
