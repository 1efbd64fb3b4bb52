"""What other modules (the dashboard, reports) may use of the data-subject requests."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from hogokan.core.calendar import wareki
from hogokan.core.dashboard import DueItem
from hogokan.disclosures.selectors import open_requests


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: the decisions to make. A handling unit sees every open request of its units from the
    day of receipt; the office (which sees every unit's) those due within two weeks or overdue. Others
    (a manager, the auditor) have no decision of their own to make here."""
    if actor is None or not (actor.is_office or actor.is_section_member):
        return []
    items: list[DueItem] = []
    pending = open_requests(actor).prefetch_related("units__unit").order_by("effective_due_date")
    if actor.is_office:
        pending = pending.filter(effective_due_date__lte=today + timedelta(days=14))
    for request in pending[:20]:
        units = "、".join(link.unit.name for link in request.units.all())
        overdue = bool(request.effective_due_date and request.effective_due_date < today
                       and not request.awaiting_correction)
        label = f"{request.get_kind_display()} {request.number}（{units}）の決定"
        if request.awaiting_correction:
            label += "（補正待ち）"
        elif request.recommended_by and request.recommended_by != request.effective_due_date:
            label += f"（期限が休庁日のため{wareki(request.recommended_by, weekday=True)}までの決定を推奨）"
        items.append(DueItem(label, reverse("disclosures:detail", args=[request.pk]), request.effective_due_date,
                             overdue))
    return items


def yearly_tables(year: int, *, as_of: date | None = None):
    """The 八千代市/箕面市 tables of ``year`` (core.exports.Table), limited to ``as_of`` when given."""
    from hogokan.disclosures import statistics

    return statistics.tables_for(year, as_of)


def yearly_counts(year: int, *, as_of: date | None = None) -> dict:
    """Requests received in ``year`` (by the day received), decisions, appeals: for the annual report."""
    from hogokan.disclosures import statistics

    return statistics.counts(year, as_of)


def received_by_month(year: int, *, as_of: date | None = None) -> list[tuple[int, int, int]]:
    """(year, month, requests received) from April to March."""
    from hogokan.disclosures import statistics

    return statistics.received_by_month(year, as_of)
