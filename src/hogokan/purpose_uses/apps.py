from django.apps import AppConfig


class PurposeUsesConfig(AppConfig):
    name = "hogokan.purpose_uses"
    label = "purpose_uses"
    verbose_name = "目的外利用・提供"

    def ready(self) -> None:
        from hogokan.purpose_uses import scoping  # noqa: F401  (registers the scope)

        _council_subject()


def _council_subject() -> None:
    """A 目的外利用・提供 may be what a 審議会 agenda item concerns (registers' 審議会 register, issue 22 §3)."""
    from django.urls import reverse

    from hogokan.core.permissions import VIEW, restrict
    from hogokan.purpose_uses.models import OutOfPurposeUse
    from hogokan.registers.api import register_council_subject

    register_council_subject(
        "purpose_use", label="目的外利用・提供", model=OutOfPurposeUse,
        choices=lambda actor: restrict(OutOfPurposeUse.objects.all(), actor, VIEW).order_by("-used_on", "-pk"),
        name=str, url=lambda use: reverse("purpose_uses:detail", args=[use.pk]))
