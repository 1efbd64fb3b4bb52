from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "hogokan.registers"
    label = "registers"
    verbose_name = "個人情報ファイル簿"

    def ready(self) -> None:
        from hogokan.registers import jobs, scoping  # noqa: F401  (registers scopes and worker jobs)
