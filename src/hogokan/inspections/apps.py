from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "hogokan.inspections"
    label = "inspections"
    verbose_name = "点検"

    def ready(self) -> None:
        from hogokan.inspections import jobs, scoping  # noqa: F401  (registers scopes and worker jobs)
