"""What other modules (the dashboard, reports) may use of the data-subject requests."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.disclosures.selectors import open_requests
from hogokan.org.models import Role


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: requests due within two weeks or overdue (the office sees every unit's, named by unit;
    the dashboard marks the overdue ones)."""
    if actor is None or not actor.is_authenticated or actor.role in (Role.CONTRACTOR, Role.ADMIN):
        return []
    items: list[DueItem] = []
    pending = open_requests(actor).prefetch_related("units__unit").order_by("effective_due_date")
    pending = pending.filter(effective_due_date__lte=today + timedelta(days=14))
    for request in pending[:20]:
        units = "、".join(link.unit.name for link in request.units.all())
        overdue = bool(request.effective_due_date and request.effective_due_date < today
                       and not request.awaiting_correction)
        label = f"{request.get_kind_display()} {request.number}（{units}）の決定"
        if request.awaiting_correction:
            label += "（補正待ち）"
        items.append(DueItem(label, reverse("disclosures:detail", args=[request.pk]), request.effective_due_date,
                             overdue))
    return items
