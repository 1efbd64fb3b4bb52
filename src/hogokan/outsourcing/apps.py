from django.apps import AppConfig


class OutsourcingConfig(AppConfig):
    name = "hogokan.outsourcing"
    label = "outsourcing"
    verbose_name = "委託"

    def ready(self) -> None:
        from hogokan.outsourcing import (
            scoping,  # noqa: F401  (registers the scope rules)
            scoping_filings,  # noqa: F401  (the contractor's filings)
            scoping_inspections,  # noqa: F401  (the inspections of running contracts)
            services_inspections,
        )
        from hogokan.outsourcing.services_filings import register_hooks

        register_hooks()  # the filings' guards (履行中, 完了) and portal tasks in the register's registries
        services_inspections.register_hooks()  # the schedule follows the contract's moves; the portal's tasks
