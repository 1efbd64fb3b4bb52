"""What other modules (the dashboard, reports) may use of the audits."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from hogokan.audits.models import AuditPlan, FieldVisit, Finding
from hogokan.audits.scoping import CONFIRM
from hogokan.core.calendar import fiscal_year, wareki_fiscal_year
from hogokan.core.dashboard import DueItem
from hogokan.core.exports import Table
from hogokan.core.permissions import CHANGE, VIEW, restrict
from hogokan.org.api import sections_on


def _url(finding: Finding) -> str:
    return reverse("audits:finding_detail", args=[finding.pk])


def coverage(actor, year: int, today: date) -> Table:
    """Audit coverage of the year: the sections targeted by a plan, visited on site, or neither."""
    sections = list(sections_on(min(today, date(year + 1, 3, 31))))
    ids = {unit.pk for unit in sections}
    planned = set(restrict(AuditPlan.objects.filter(fiscal_year=year), actor, VIEW)
                  .values_list("units", flat=True)) & ids
    visits = restrict(FieldVisit.objects.filter(fiscal_year=year), actor, VIEW)
    visited = set(visits.filter(status=FieldVisit.Status.RECORDED).values_list("unit_id", flat=True)) & ids
    proposed = set(visits.filter(status=FieldVisit.Status.PROPOSED).values_list("unit_id", flat=True)) & ids
    total = len(ids) or 1
    covered = planned | visited

    def share(count):
        return f"{count * 100 / total:.1f}"

    rows = [["監査計画の対象", len(planned), share(len(planned))],
            ["実地調査 実施済み", len(visited), share(len(visited))],
            ["実地調査 予定", len(proposed), share(len(proposed))],
            ["いずれかの対象（監査または実地調査）", len(covered), share(len(covered))],
            ["対象外", len(ids - covered), share(len(ids - covered))]]
    return Table(key="coverage", title=f"監査の実施状況（{wareki_fiscal_year(year)}）", header=["区分", "所属数", "%"],
                 rows=rows, note=f"単位: 所属、%（全{len(ids)}所属に対する割合）")


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: the section's open findings (overdue first); for the office, reports awaiting confirmation,
    the overdue findings of the body and the year's audit coverage."""
    if actor is None or not actor.is_authenticated or not actor.is_staff_member:
        return []
    items = []
    if actor.is_section_member:
        own = (restrict(Finding.objects.select_related("source"), actor, CHANGE)
               .filter(status=Finding.Status.OPEN).order_by("due_date", "pk")[:20])
        for finding in own:
            overdue = finding.due_date is not None and finding.due_date < today
            label = f"{'【期限超過】' if overdue else ''}指摘事項への対応: {finding.source.title} 項番{finding.number}"
            items.append(DueItem(label, _url(finding), finding.due_date, overdue))
    if actor.is_office:
        waiting = restrict(Finding.objects.all(), actor, CONFIRM).filter(status=Finding.Status.REPORTED).count()
        if waiting:
            items.append(DueItem(f"完了報告のあった指摘事項 {waiting} 件（事務局の確認待ち）",
                                 reverse("audits:finding_list") + "?status=reported", None, False))
    if actor.oversees or actor.is_manager:
        late = (restrict(Finding.objects.all(), actor, VIEW)
                .filter(status__in=[Finding.Status.OPEN, Finding.Status.REPORTED], due_date__lt=today).count())
        if late:
            items.append(DueItem(f"期限を過ぎた未完了の指摘事項 {late} 件", reverse("audits:overview"), None, True))
    if actor.is_office or actor.is_auditor:
        year = fiscal_year(today)
        table = coverage(actor, year, today)
        covered = table.rows[3]
        items.append(DueItem(f"監査の実施状況（{wareki_fiscal_year(year)}）: {covered[1]}所属（{covered[2]}%）",
                             reverse("audits:status"), None, False))
    return items


# ---- for the reports (issue 16) ----------------------------------------------------------------------

def visit_year_tables(actor, year: int) -> list[Table]:
    """実地調査 of ``year`` (the 名古屋市 tables): 総合評価 per bureau beside last year, 改善指摘事項 by 区分,
    良い取組; and the year's audit coverage."""
    from hogokan.audits.models import GoodPractice
    from hogokan.audits.visit_tables import visit_tables

    visits = restrict(FieldVisit.objects.select_related("unit", "plan"), actor, VIEW)
    findings = restrict(Finding.objects.all(), actor, VIEW)
    practices = restrict(GoodPractice.objects.all(), actor, VIEW)
    return visit_tables(visits, findings, practices, year)


def visit_counts(actor, year: int) -> dict:
    """{"visits", "findings", "practices", "open_findings"} of the on-site inspections of ``year``."""
    from hogokan.audits.models import GoodPractice

    visits = restrict(FieldVisit.objects.filter(fiscal_year=year, status=FieldVisit.Status.RECORDED), actor, VIEW)
    findings = restrict(Finding.objects.filter(visit__fiscal_year=year), actor, VIEW)
    return {"visits": visits.count(), "findings": findings.count(),
            "open_findings": findings.filter(status__in=[Finding.Status.OPEN, Finding.Status.REPORTED]).count(),
            "practices": restrict(GoodPractice.objects.filter(visit__fiscal_year=year), actor, VIEW).count()}
