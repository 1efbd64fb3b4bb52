from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "hogokan.incidents"
    label = "incidents"
    verbose_name = "漏えい等事案"

    def ready(self) -> None:
        from hogokan.incidents import jobs, scoping  # noqa: F401  (registers scopes and worker jobs)
