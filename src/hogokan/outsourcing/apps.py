from django.apps import AppConfig


class OutsourcingConfig(AppConfig):
    name = "hogokan.outsourcing"
    label = "outsourcing"
    verbose_name = "委託"
