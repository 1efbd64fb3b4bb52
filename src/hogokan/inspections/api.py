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


# ---- for the reports (issue 16): the year's self-inspection in the 名古屋市 tables ----------------------

def _campaigns(actor, year: int, as_of: date | None):
    campaigns = restrict(Campaign.objects.filter(fiscal_year=year), actor, VIEW)
    if as_of is not None:
        campaigns = campaigns.filter(inspection_date__lte=as_of)
    return list(campaigns.order_by("year", "month", "pk"))


def yearly_counts(actor, year: int, *, as_of: date | None = None) -> dict:
    """{"campaigns", "monthly", "strengthening", "responses", "submitted", "ng"} of ``year`` (campaigns whose
    inspection day is on or before ``as_of``)."""
    from hogokan.inspections import aggregation

    campaigns = _campaigns(actor, year, as_of)
    status = aggregation.response_status_counts([c.pk for c in campaigns], actor.unit_ids)
    ids = [c.pk for c in campaigns if c.kind in aggregation.DEFAULT_KINDS]
    ng = sum(count for (value,), count in aggregation._answer_counts(ids, actor.unit_ids, ("value",)).items()
             if value == "ng") if ids else 0
    return {"campaigns": len(campaigns),
            "monthly": sum(1 for c in campaigns if c.kind == Campaign.Kind.MONTHLY),
            "strengthening": sum(1 for c in campaigns if c.kind == Campaign.Kind.STRENGTHENING),
            "responses": status.targets, "submitted": status.submitted, "ng": ng}


def yearly_tables(actor, year: int, *, as_of: date | None = None):
    """点検の実施状況 (per campaign: sections, submitted, ○ × －, × rate), 項目別 over the year, and the survey
    tables of the 点検強化月間 (core.exports.Table, the results pages' own sheets)."""
    from hogokan.core.calendar import wareki, wareki_fiscal_year
    from hogokan.core.exports import Table
    from hogokan.inspections import aggregation
    from hogokan.inspections.views_aggregate import items_sheet, survey_sheet

    unit_ids = actor.unit_ids
    campaigns = _campaigns(actor, year, as_of)
    counted = [c for c in campaigns if c.kind in aggregation.DEFAULT_KINDS]
    statuses = aggregation.status_by_campaign([c.pk for c in campaigns], unit_ids)
    marks = aggregation._answer_counts([c.pk for c in counted], unit_ids, ("campaign_id", "value")) if counted else {}
    rows, total, total_status = [], aggregation.Counts(), aggregation.StatusCounts()
    for campaign in campaigns:
        status = statuses.get(campaign.pk) or aggregation.StatusCounts()
        counts = aggregation.Counts()
        for value in ("ok", "ng", "na"):
            counts.add(value, marks.get((campaign.pk, value), 0))
        total.ok, total.ng, total.na = total.ok + counts.ok, total.ng + counts.ng, total.na + counts.na
        total_status.targets += status.targets
        total_status.submitted += status.submitted
        rate = counts.ng_rate
        rows.append([campaign.title, wareki(campaign.inspection_date), campaign.get_kind_display(), status.targets,
                     status.submitted, status.targets - status.submitted, counts.ok, counts.ng, counts.na,
                     None if rate is None else round(rate * 100, 1)])
    rate = total.ng_rate
    rows.append(["計", "", "", total_status.targets, total_status.submitted,
                 total_status.targets - total_status.submitted, total.ok, total.ng, total.na,
                 None if rate is None else round(rate * 100, 1)])
    label = wareki_fiscal_year(year)
    status_table = Table("inspection_status", f"情報に関する点検の実施状況（{label}）",
                         ["点検", "点検日", "種類", "対象課・公所", "提出", "未提出", "○", "×", "－", "×の割合（%）"], rows,
                         "単位: 課・公所、回答数。○×－は提出済みの回答の数です。")
    items = items_sheet(aggregation._item_table(counted, unit_ids))
    items.key, items.title = "inspection_items", f"点検項目別の回答（{label}、定期点検・点検強化月間の合計）"
    tables = [status_table, items]
    for campaign in campaigns:
        if campaign.kind == Campaign.Kind.STRENGTHENING:
            survey = aggregation.survey_table(campaign, unit_ids)
            if survey:
                sheet = survey_sheet(survey)
                sheet.key, sheet.title = f"survey_{campaign.pk}", f"{campaign.title} 調査の集計"
                tables.append(sheet)
    return tables


def monthly_marks(actor, year: int, *, as_of: date | None = None) -> list[tuple[int, int, int, int]]:
    """(year, month, ×, answers) per month April … March: the × trend of the reports' chart."""
    from hogokan.inspections import aggregation

    trend = aggregation.monthly_trend(year, actor.unit_ids)
    rows = []
    for month in trend.months:
        ended = as_of is not None and (month.year, month.month) > (as_of.year, as_of.month)
        rows.append((month.year, month.month, 0 if ended else month.counts.ng, 0 if ended else month.counts.answered))
    return rows
