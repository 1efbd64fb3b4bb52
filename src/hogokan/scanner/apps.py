from django.apps import AppConfig


class ScannerConfig(AppConfig):
    name = "hogokan.scanner"
    label = "scanner"
    verbose_name = "個人情報ファイル検査"
