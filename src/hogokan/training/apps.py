from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "hogokan.training"
    label = "training"
    verbose_name = "研修"
