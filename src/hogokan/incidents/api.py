"""What other modules (the dashboard, reports) may use of the incidents."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import CHANGE, VIEW, restrict
from hogokan.incidents.models import Incident, PreventiveMeasure
from hogokan.incidents.scoping import REPORT


def _url(incident: Incident) -> str:
    return reverse("incidents:detail", args=[incident.pk])


def report_items(incidents, today: date) -> list[DueItem]:
    """PPC reports not yet submitted: overdue first (by how late), then those due soon."""
    items = []
    pending = incidents.filter(report_required=True, final_reported_on__isnull=True).exclude(
        status=Incident.Status.CLOSED).select_related("unit")
    for incident in pending.order_by("final_due", "pk")[:50]:
        # The next step: the 速報 until it is in, then the 確報 (a late 速報 never hides the 確報's date).
        if incident.preliminary_reported_on is None and incident.preliminary_due <= incident.final_due:
            due, stage = incident.preliminary_due, "速報"
        else:
            due, stage = incident.final_due, "確報"
        overdue = due < today
        label = f"{'【期限超過】' if overdue else ''}個人情報保護委員会への{stage}: {incident.title}（{incident.unit.name}）"
        items.append(DueItem(label, _url(incident), due, overdue))
    items.sort(key=lambda item: (not item.overdue, item.due or date.max))
    return items


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: overdue PPC reports first, then reports due soon, first reports to complete, measures."""
    if actor is None or not actor.is_authenticated:
        return []
    visible = restrict(Incident.objects.all(), actor, VIEW)
    if actor.is_contractor:
        drafts = visible.filter(status=Incident.Status.RECEIVED).order_by("-pk")[:5]
        return [DueItem(f"報告した事故（受付中）: {i.title}", _url(i), None, False) for i in drafts]
    # The PPC reports are the task of whoever may record them (the office), not of every reader.
    items = report_items(restrict(Incident.objects.all(), actor, REPORT), today)
    if actor.is_office or actor.is_system_admin:
        received = visible.filter(status=Incident.Status.RECEIVED).count()
        if received:
            items.append(DueItem(f"受付のままの事故 {received} 件（事務局の確認待ち）",
                                 reverse("incidents:list") + "?status=received", None, False))
    if actor.is_section_member or actor.is_manager:
        measures = (restrict(PreventiveMeasure.objects.all(), actor, CHANGE).select_related("incident")
                    .filter(Q(status__in=[PreventiveMeasure.Status.PLANNED, PreventiveMeasure.Status.IN_PROGRESS],
                              due_date__isnull=False, due_date__lte=today + timedelta(days=30))
                            | Q(status=PreventiveMeasure.Status.DONE, review_due__lte=today + timedelta(days=30),
                                reviewed_on__isnull=True))
                    .order_by("due_date")[:10])
        for measure in measures:
            doing = measure.status != PreventiveMeasure.Status.DONE
            due = measure.due_date if doing else measure.review_due
            what = "再発防止策" if doing else "再発防止策の見直し"
            items.append(DueItem(f"{what}{measure.label}: {measure.incident.title}", _url(measure.incident), due,
                                 due < today))
    return items


def incidents_for(actor):
    """The incidents ``actor`` may see (for reports and other modules)."""
    return restrict(Incident.objects.select_related("unit"), actor, VIEW)


def incident_counts_by_unit(fiscal_year: int) -> dict[int, int]:
    """The number of incidents learned of in ``fiscal_year`` per unit (for the audits module's visit plan)."""
    from django.db.models import Count

    from hogokan.core.calendar import fiscal_year_range

    rows = (Incident.objects.filter(learned_on__range=fiscal_year_range(fiscal_year))
            .values("unit_id").annotate(incidents=Count("pk")).order_by())
    return {row["unit_id"]: row["incidents"] for row in rows}
