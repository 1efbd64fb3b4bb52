from django.apps import AppConfig


class ChecklistsConfig(AppConfig):
    name = "hogokan.checklists"
    label = "checklists"
    verbose_name = "点検表・調査票（共通）"

    def ready(self) -> None:
        from hogokan.checklists import receivers, scoping  # noqa: F401  (registers scopes, loads the default forms)
