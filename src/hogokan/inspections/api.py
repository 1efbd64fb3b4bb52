"""What other modules (the dashboard) may use of the self-inspection."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import VIEW, restrict
from hogokan.inspections.models import Campaign, CorrectiveAction, InspectionResponse
from hogokan.inspections.scoping import REVIEW
from hogokan.org.models import Role


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: this section's unsubmitted inspections, open corrective actions, reviews waiting."""
    if actor is None or not actor.is_authenticated or actor.role == Role.CONTRACTOR:
        return []
    items: list[DueItem] = []
    if actor.role in (Role.OFFICER, Role.STAFF):
        pending = (restrict(InspectionResponse.objects.all(), actor, VIEW)
                   .filter(campaign__status=Campaign.Status.OPEN)
                   .exclude(status__in=[InspectionResponse.Status.SUBMITTED, InspectionResponse.Status.APPROVED])
                   .select_related("campaign", "unit").order_by("campaign__inspection_date")[:10])
        for response in pending:
            state = "差戻し" if response.status == InspectionResponse.Status.RETURNED else "未提出"
            items.append(DueItem(f"{response.campaign.title}（{response.unit.name}）{state}",
                                 reverse("inspections:response", args=[response.pk]),
                                 response.campaign.inspection_date, response.campaign.inspection_date < today))
        actions = (restrict(CorrectiveAction.objects.all(), actor, VIEW)
                   .filter(status=CorrectiveAction.Status.OPEN, response__status__in=[
                       InspectionResponse.Status.SUBMITTED, InspectionResponse.Status.APPROVED])
                   .select_related("response__unit", "answer__item", "answer__section_item")
                   .order_by("due_date")[:10])
        for action in actions:
            item = action.answer.item or action.answer.section_item
            items.append(DueItem(f"是正措置 項目{item.number}（{action.response.unit.name}）: {action.description[:40]}",
                                 reverse("inspections:response", args=[action.response_id]),
                                 action.due_date, bool(action.due_date and action.due_date < today)))
    if actor.role in (Role.MANAGER, Role.CHIEF):
        waiting = restrict(InspectionResponse.objects.all(), actor, REVIEW).filter(
            status=InspectionResponse.Status.SUBMITTED).count()
        if waiting:
            items.append(DueItem(f"確認待ちの点検結果 {waiting} 件", reverse("inspections:home"), None, False))
    return items


def cross_counts(unit_ids, fiscal_year: int) -> dict[int, int]:
    """The number of × answers per unit in the monthly self-inspections of ``fiscal_year`` (for the
    on-site inspection plan of the audits module: sections with more × are visited first)."""
    from django.db.models import Count

    from hogokan.inspections.models import Answer, Mark

    rows = (Answer.objects.filter(campaign__fiscal_year=fiscal_year, campaign__kind=Campaign.Kind.MONTHLY,
                                  value=Mark.NG, unit_id__in=list(unit_ids))
            .values("unit_id").annotate(crosses=Count("pk")).order_by())
    return {row["unit_id"]: row["crosses"] for row in rows}
