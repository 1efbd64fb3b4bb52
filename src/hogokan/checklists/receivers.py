"""The default forms after every migrate (and flush): the data migration 0003 loads them once; this
puts them back where a flush emptied the tables (tests, a reset demo). Idempotent."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def _load_default_forms(sender, app_config=None, **kwargs):
    if app_config is None or app_config.label != "checklists":
        return
    from hogokan.checklists import defaults

    defaults.load()
