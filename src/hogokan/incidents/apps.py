from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "hogokan.incidents"
    label = "incidents"
    verbose_name = "漏えい等事案"
