"""What other modules (the dashboard, reports) may use of the incidents."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import CHANGE, VIEW, restrict
from hogokan.incidents import ppc
from hogokan.incidents.models import Incident, PreventiveMeasure
from hogokan.incidents.scoping import PPC_DRAFT, REPORT


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


# ---- for the reports (issue 16): the incidents of a fiscal year by the day the body learned of them ----

def _of_year(actor, year: int, as_of: date | None):
    """The incidents ``actor`` may see learned in ``year`` (up to ``as_of``), as they stood on ``as_of``."""
    from hogokan.core.calendar import fiscal_year_range
    from hogokan.core.history import records_as_of

    start, end = fiscal_year_range(year)
    if as_of is not None:
        end = min(end, as_of)
    visible = restrict(Incident.objects.all(), actor, VIEW).values("pk")
    return records_as_of(Incident, as_of).filter(id__in=visible, learned_on__range=(start, end))


def _reported(incident, as_of: date | None) -> date | None:
    """The day the first report (速報, else 確報) reached the PPC, if it did by ``as_of``."""
    day = incident.preliminary_reported_on or incident.final_reported_on
    return day if day is not None and (as_of is None or day <= as_of) else None


def yearly_counts(actor, year: int, *, as_of: date | None = None) -> dict:
    """{"total", "reported_to_ppc", "report_required", "persons", "by_cause": {label: n}} of ``year``."""
    from collections import Counter
    from types import SimpleNamespace

    # values, not instances: read as of a day, the rows are history rows (deferring their fields costs a query each)
    incidents = [SimpleNamespace(cause=cause, persons=persons, report_required=required, preliminary_reported_on=first,
                                 final_reported_on=final)
                 for cause, persons, required, first, final in _of_year(actor, year, as_of).values_list(
                     "cause", "persons", "report_required", "preliminary_reported_on", "final_reported_on")]
    causes = Counter(incident.cause for incident in incidents)
    labels = dict(Incident._meta.get_field("cause").choices)
    return {"total": len(incidents),
            "reported_to_ppc": sum(1 for incident in incidents if _reported(incident, as_of)),
            "report_required": sum(1 for incident in incidents if incident.report_required),
            "persons": sum(incident.persons for incident in incidents),
            "by_cause": {labels.get(code) or "未分類": causes[code] for code in sorted(causes, key=str)}}


def yearly_tables(actor, year: int, *, as_of: date | None = None):
    """漏えい等事案 of ``year`` (the 八千代市 list: 判明日, 部署, 件名, 原因, 人数, 委員会への報告, 再発防止策)
    and the counts by cause (core.exports.Table)."""
    from collections import Counter

    from hogokan.core.calendar import wareki, wareki_fiscal_year
    from hogokan.core.exports import Table
    from hogokan.core.history import records_as_of
    from hogokan.org.models import OrgUnit

    incidents = list(_of_year(actor, year, as_of).order_by("learned_on", "id"))
    units = OrgUnit.objects.in_bulk({incident.unit_id for incident in incidents})
    measures: dict[int, list[str]] = {}
    for measure in records_as_of(PreventiveMeasure, as_of).filter(
            incident_id__in=[i.id for i in incidents]).exclude(status=PreventiveMeasure.Status.CANCELLED).order_by(
            "incident_id", "number"):
        measures.setdefault(measure.incident_id, []).append(f"{measure.label}{measure.description}")
    causes = dict(Incident._meta.get_field("cause").choices)
    rows = []
    for number, incident in enumerate(incidents, start=1):
        reported = _reported(incident, as_of)
        report = (f"報告済み（{wareki(reported)}）" if reported else
                  "要（未報告）" if incident.report_required else "不要")
        rows.append([number, wareki(incident.learned_on), units[incident.unit_id].name, incident.title,
                     causes.get(incident.cause) or "未分類", incident.persons, report,
                     "\n".join(measures.get(incident.id, []))])
    label = wareki_fiscal_year(year)
    listing = Table("incidents", f"漏えい等事案（{label}）",
                    ["№", "判明日", "発生部署", "件名", "発生原因", "本人の数", "個人情報保護委員会への報告", "再発防止策"],
                    rows, "※ 判明日（本市のいずれかの部署が知った日）の年度で数えています。")
    counted = Counter(causes.get(incident.cause) or "未分類" for incident in incidents)
    order = [label for _code, label in Incident._meta.get_field("cause").choices if label in counted]
    order += sorted(set(counted) - set(order))
    by_cause = Table("incident_causes", f"漏えい等事案の発生原因別件数（{label}）", ["発生原因", "件数"],
                     [[cause, counted[cause]] for cause in order] + [["計", len(incidents)]])
    return [listing, by_cause]


def by_month_and_cause(actor, year: int, *, as_of: date | None = None) -> tuple[list[tuple[int, int]], dict]:
    """The months April … March and {cause label: [count per month]} (the reports' trend chart)."""
    from collections import Counter

    months = [(year, month) for month in range(4, 13)] + [(year + 1, month) for month in range(1, 4)]
    labels = dict(Incident._meta.get_field("cause").choices)
    counts = Counter((labels.get(cause) or "未分類", day.year, day.month)
                     for cause, day in _of_year(actor, year, as_of).values_list("cause", "learned_on"))
    causes = sorted({cause for cause, _y, _m in counts})
    return months, {cause: [counts[(cause, y, m)] for y, m in months] for cause in causes}


def followup_table(actor, year: int):
    """○○年度情報セキュリティ事故の再発防止策の実施状況 (the Tokyo city table of the follow-up page)."""
    from hogokan.core.calendar import wareki_fiscal_year
    from hogokan.core.exports import Table
    from hogokan.incidents.views_report import FOLLOWUP_HEADER, followup_rows

    incidents = _of_year(actor, year, None).order_by("learned_on", "pk").select_related("unit").prefetch_related(
        "measures")
    return Table("incident_followup", f"{wareki_fiscal_year(year)}情報セキュリティ事故の再発防止策の実施状況",
                 FOLLOWUP_HEADER, followup_rows(incidents))


# ---- the PPC report drafts (the reports module prints them as Word and PDF) ---------------------------

PPC_STAGES = ppc.STAGES


def ppc_incidents():
    """The incidents a draft can be asked of (the API's ``{id}``); narrow them with ``ppc_draft_for``."""
    return Incident.objects.select_related("unit")


def ppc_incident_for(actor, pk) -> Incident:
    """The incident whose drafts ``actor`` may make: the office and the incident's unit only (anyone else: 404)."""
    incident = restrict(ppc_incidents(), actor, PPC_DRAFT).filter(pk=pk).first()
    if incident is None:
        raise Http404("この事案の報告書案は、事務局と事案の部署だけが作れます。")
    return incident


def ppc_draft(incident: Incident, stage: str) -> ppc.Draft:
    """The 速報 ("preliminary") or 確報 ("final") draft of an incident, prefilled from its record."""
    return ppc.draft_of(incident, stage)


def ppc_draft_for(actor, pk, stage: str) -> ppc.Draft:
    return ppc.draft_of(ppc_incident_for(actor, pk), stage)


def may_draft_ppc(actor, incident) -> bool:
    return restrict(Incident.objects.filter(pk=incident.pk), actor, PPC_DRAFT).exists()
