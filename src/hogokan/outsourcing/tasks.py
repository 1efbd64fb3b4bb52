"""今日のタスク of the contracts for the dashboard (staff): inspections due within a month or overdue, results
to confirm, improvement reports to review (the contractor's tasks are the portal's: portal.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import restrict

HORIZON_DAYS = 30
LIMIT = 50


def dashboard_items(actor, today: date) -> list[DueItem]:
    if not (actor.is_office or actor.is_section_head):
        return []
    from hogokan.outsourcing.models_inspections import ContractInspection, ImprovementReport
    from hogokan.outsourcing.scoping_filings import REVIEW

    IS = ContractInspection.Status
    items = []
    due = restrict(ContractInspection.objects.filter(status__in=[IS.PLANNED, IS.ANSWERING, IS.REVIEWING],
                                                     due_on__lte=today + timedelta(days=HORIZON_DAYS)), actor, REVIEW)
    for inspection in due.select_related("contract").order_by("due_on", "pk")[:LIMIT]:
        what = {IS.PLANNED: f"{inspection.get_kind_display()}の実施", IS.ANSWERING: "書面検査の回答待ち",
                IS.REVIEWING: "検査結果の確定・通知"}[inspection.status]
        items.append(DueItem(f"{what}: {inspection.contract.title}（{inspection.fiscal_year}年度）",
                             reverse("outsourcing:inspection_detail", args=[inspection.pk]), inspection.due_on))
    waiting = restrict(ImprovementReport.objects.filter(status=ImprovementReport.Status.SUBMITTED), actor, REVIEW)
    for report in waiting.select_related("inspection__contract").order_by("due_on", "pk")[:LIMIT]:
        items.append(DueItem(f"改善報告の確認: {report.inspection.contract.title}",
                             reverse("outsourcing:improvement_detail", args=[report.pk]), report.due_on))
    return items
