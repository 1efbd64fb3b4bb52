from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hogokan.reports"
    label = "reports"
    verbose_name = "報告・統計"
