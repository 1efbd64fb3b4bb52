"""Worker jobs of the self-inspection, and the default templates after every migrate."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import timezone

from hogokan.core.jobs import register_job


@register_job("inspections.generate", order=10)
def _generate(now) -> str:
    from hogokan.inspections.services import monthly_campaigns_generate

    created = monthly_campaigns_generate(timezone.localdate(now))
    return f"点検 {len(created)} 件を作成" + (f"（{'、'.join(c.title for c in created)}）" if created else "")


@receiver(post_migrate)
def _load_default_templates(sender, app_config=None, **kwargs):
    if app_config is None or app_config.label != "inspections":
        return
    from hogokan.inspections.services import templates_load_defaults

    templates_load_defaults()
