"""What other modules (the dashboard, reports) may use of the uses and provisions."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import CHANGE, restrict
from hogokan.org.models import Role
from hogokan.purpose_uses.models import OutOfPurposeUse


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: the office's 合議 waiting; the unit's returned drafts."""
    if actor is None or not actor.is_authenticated or actor.role in (Role.CONTRACTOR, Role.ADMIN):
        return []
    items: list[DueItem] = []
    if actor.role == Role.CHIEF:
        waiting = OutOfPurposeUse.objects.filter(status=OutOfPurposeUse.Status.CONSULTING).count()
        if waiting:
            items.append(DueItem(f"合議待ちの目的外利用・提供 {waiting} 件",
                                 reverse("purpose_uses:list") + "?status=consulting", None, False))
    elif actor.role in (Role.OFFICER, Role.STAFF):
        returned = restrict(OutOfPurposeUse.objects.filter(status=OutOfPurposeUse.Status.RETURNED), actor, CHANGE)
        for use in returned.order_by("used_on")[:10]:
            items.append(DueItem(f"差し戻された{use.get_kind_display()}: {use.file_or_affair_name}",
                                 reverse("purpose_uses:detail", args=[use.pk]), None, False))
    return items


def yearly_tables(year: int, *, as_of: date | None = None):
    """The 八千代市 per-organ tables and the 箕面市 two-year table of ``year`` (core.exports.Table)."""
    from hogokan.purpose_uses import statistics

    return statistics.tables_for(year, as_of)


def yearly_counts(year: int, *, as_of: date | None = None) -> dict:
    """{"total", "uses", "provisions"}: the approved uses and provisions of ``year`` (by the day of use)."""
    from hogokan.purpose_uses import statistics

    return statistics.counts(year, as_of)
