"""The aggregated results (集計): per campaign and per fiscal year, as tables, CSV/Excel and an SVG chart.

Who sees what: the chief and the auditor the whole body, a manager their department, an officer
or staff member their own section (``actor.unit_ids``); contractors nothing (403). A campaign
outside the actor's units answers 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from hogokan.core.calendar import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, wareki, wareki_fiscal_year
from hogokan.core.exports import Table, tables_export, tables_links
from hogokan.core.lists import paginate
from hogokan.core.permissions import get_for_actor, require, restrict
from hogokan.inspections import aggregation
from hogokan.inspections.aggregation import (
    DEFAULT_GROUPING,
    GROUPINGS,
    Counts,
    GroupTable,
    ItemTable,
    NgSection,
    Pending,
    StatusCounts,
    SurveyRow,
    Trend,
    TrendMonth,
)
from hogokan.inspections.models import Campaign

COUNT_HEADER = ("○", "×", "－", "未提出")


def _scope(request):
    """The actor's units (None = whole body); contractors and people without an assignment: 403."""
    actor = request.actor
    require(actor.is_staff_member, "点検結果の集計を見る権限がありません。")
    return actor.unit_ids


def _grouping(request) -> str:
    wanted = request.GET.get("by")
    return wanted if wanted in GROUPINGS else DEFAULT_GROUPING


def _percent(rate: float | None):
    return None if rate is None else round(rate * 100, 1)


# ---- the tables as rows (screen, CSV and Excel share them) ---------------------------------------

def items_sheet(table: ItemTable) -> Table:
    rows = [(row.number, row.group, row.category, row.text, row.counts.ok, row.counts.ng, row.counts.na,
             row.counts.not_submitted, row.counts.answered, _percent(row.counts.ng_rate))
            for row in table.rows]
    return Table("items", "項目別", ("番号", "区分", "分類", "点検項目", *COUNT_HEADER, "回答数", "×の割合（%）"), rows)


def groups_sheet(groups: GroupTable) -> Table:
    rows = [(group.name, group.context, group.status.targets, group.status.submitted,
             group.status.not_submitted, group.status.late, group.sections_with_ng,
             *[cell.ng for cell in group.cells])
            for group in groups.groups]
    header = (groups.label.removesuffix("別"), "所属", "対象", "提出済み", "未提出", "期限後の提出",
              "×のある課・公所", *[f"{item.number} ×" for item in groups.items])
    return Table("groups", groups.label, header, rows)


def group_items_sheet(groups: GroupTable) -> Table:
    rows = [(group.name, group.context, item.number, item.category,
             cell.ok, cell.ng, cell.na, cell.not_submitted)
            for group in groups.groups for item, cell in zip(groups.items, group.cells, strict=True)]
    return Table("group_items", f"{groups.label}・項目別",
                 (groups.label.removesuffix("別"), "所属", "番号", "分類", *COUNT_HEADER), rows)


def ng_sheet(sections: list[NgSection]) -> Table:
    rows = [(section.code, section.name, section.bureau, f"{mark.year}年{mark.month}月", mark.label,
             mark.remark)
            for section in sections for mark in section.marks]
    return Table("ng", "×のある課・公所", ("組織コード", "課・公所", "局・区・室", "点検月", "番号", "備考"), rows)


def pending_sheet(pending: list[Pending]) -> Table:
    rows = [(p.campaign_title, p.inspection_date, p.name, p.bureau, p.status_label,
             "期限超過" if p.overdue else "") for p in pending]
    return Table("pending", "未提出", ("点検", "点検日", "課・公所", "局・区・室", "状態", "期限"), rows)


def survey_sheet(survey: list[SurveyRow]) -> Table:
    rows = [(q.number, q.heading, q.text, choice, count) for q in survey for choice, count in q.choices]
    return Table("survey", "調査の集計", ("設問", "見出し", "設問の内容", "項目", "課・公所数"), rows)


def survey_texts_sheet(survey: list[SurveyRow]) -> Table:
    rows = [(q.number, q.text_label or q.heading, name, text) for q in survey for name, text in q.texts]
    return Table("survey_texts", "自由記述", ("設問", "見出し", "課・公所", "記述"), rows)


def trend_sheet(trend: Trend) -> Table:
    rows = [("全項目", "", *[_percent(month.counts.ng_rate) for month in trend.months])]
    rows += [(row.number, row.category, *[_percent(cell.ng_rate) for cell in row.cells])
             for row in trend.rows]
    return Table("trend", "月別の×の割合", ("番号", "分類", *[f"{m.year}年{m.month}月（%）" for m in trend.months]),
                 rows)


# ---- the chart: × rate per item across the months (server-rendered SVG, no script) --------------

CHART_WIDTH, CHART_HEIGHT = 320, 150
_PLOT_LEFT, _PLOT_RIGHT, _PLOT_TOP, _PLOT_BOTTOM = 44, 8, 10, 126


def _scale_top(rates: list[float]) -> float:
    """A common top for every small chart: the highest rate, rounded up to a step of 10 %."""
    highest = max(rates, default=0.0)
    steps = max(1, -(-round(highest * 1000) // 100))  # ceil to 10 % without float surprises
    return min(1.0, steps / 10)


def bar_chart(chart_id: str, title: str, caption: str, months: list[TrendMonth], cells: list[Counts],
              top: float) -> dict:
    """Geometry of one bar chart with one bar per month (April → March); height = × rate."""
    slot = (CHART_WIDTH - _PLOT_LEFT - _PLOT_RIGHT) / len(months)
    plot_height = _PLOT_BOTTOM - _PLOT_TOP
    bars, described = [], []
    for position, (month, cell) in enumerate(zip(months, cells, strict=True)):
        rate = cell.ng_rate
        height = 0.0 if rate is None else plot_height * rate / top
        if rate is None:
            tip = f"{month.label}: 回答なし"
        else:
            tip = f"{month.label}: {rate * 100:.1f}%（×{cell.ng}件／回答{cell.answered}件）"
        described.append(tip)
        x = _PLOT_LEFT + position * slot
        bars.append({"month": month.month, "label": str(month.month), "x": round(x + slot * 0.2, 1),
                     "width": round(slot * 0.6, 1), "y": round(_PLOT_BOTTOM - height, 1),
                     "height": round(height, 1), "text_x": round(x + slot / 2, 1), "empty": rate is None,
                     "tip": tip})
    ticks = [{"y": round(_PLOT_BOTTOM - plot_height * share, 1), "label": f"{round(top * share * 100)}%"}
             for share in (0, 0.5, 1)]
    return {"id": chart_id, "title": title, "caption": caption, "desc": "、".join(described), "bars": bars,
            "ticks": ticks, "width": CHART_WIDTH, "height": CHART_HEIGHT, "left": _PLOT_LEFT,
            "right": CHART_WIDTH - _PLOT_RIGHT, "bottom": _PLOT_BOTTOM, "label_y": CHART_HEIGHT - 8}


def trend_charts(trend: Trend) -> dict:
    rates = [cell.ng_rate for row in trend.rows for cell in row.cells if cell.ng_rate is not None]
    rates += [month.counts.ng_rate for month in trend.months if month.counts.ng_rate is not None]
    top = _scale_top(rates)
    year = wareki_fiscal_year(trend.fiscal_year)
    overall = bar_chart("chart-all", f"{year} 全項目の×の割合（月別）", "全項目", trend.months,
                        [month.counts for month in trend.months], top)
    items = [bar_chart(f"chart-item-{position}", f"{year} 項目{row.number}（{row.category}）の×の割合（月別）",
                       f"項目{row.number} {row.category}", trend.months, row.cells, top)
             for position, row in enumerate(trend.rows, start=1)]
    return {"overall": overall, "items": items, "top": round(top * 100)}


# ---- pages --------------------------------------------------------------------------------------

@login_required
def results(request):
    """Choose a fiscal year or a campaign."""
    unit_ids = _scope(request)
    visible = restrict(Campaign.objects.all(), request.actor)
    years = sorted(set(visible.values_list("fiscal_year", flat=True)), reverse=True)
    ordered = visible.order_by("-year", "-month", "kind", "pk")
    page = paginate(request, ordered)
    statuses = aggregation.status_by_campaign([campaign.pk for campaign in page], unit_ids)
    for campaign in page:
        campaign.result_status = statuses.get(campaign.pk) or StatusCounts()
    return render(request, "inspections/results_index.html", {
        "years": [(year, wareki_fiscal_year(year)) for year in years], "page": page,
        "scope_label": _scope_label(request.actor),
    })


def _scope_label(actor) -> str:
    if actor.unit_ids is None:
        return "全庁"
    assignment = actor.assignment
    return f"{assignment.unit.name}（所管の範囲）" if assignment and assignment.unit_id else "所管の範囲"


def _grouping_links(request, current: str) -> list[dict]:
    query = request.GET.copy()
    for name in ("format", "table", "page"):
        query.pop(name, None)
    links = []
    for key, label in GROUPINGS.items():
        query["by"] = key
        links.append({"key": key, "label": label, "url": f"?{query.urlencode()}", "current": key == current})
    return links


@login_required
def results_campaign(request, pk: int):
    unit_ids = _scope(request)
    campaign = get_for_actor(Campaign.objects.select_related("template"), request.actor, pk=pk)
    by = _grouping(request)
    index = aggregation.UnitIndex()
    table = aggregation.campaign_table(campaign, unit_ids, by, index=index)
    ng = aggregation.sections_with_ng([campaign.pk], unit_ids, index=index)
    pending = aggregation.non_submitters([campaign.pk], unit_ids, index=index)
    survey = aggregation.survey_table(campaign, unit_ids)
    sheets = [items_sheet(table.items), groups_sheet(table.groups), group_items_sheet(table.groups),
              ng_sheet(ng), pending_sheet(pending)]
    if survey:
        sheets += [survey_sheet(survey), survey_texts_sheet(survey)]
    stem = f"inspection-results-{campaign.year}-{campaign.month:02d}-{campaign.pk}"
    exported = tables_export(request, sheets, stem=stem)
    if exported is not None:
        return exported
    return render(request, "inspections/results_campaign.html", {
        "campaign": campaign, "table": table.items, "groups": table.groups, "ng": ng, "pending": pending,
        "survey": survey, "by": by, "grouping_links": _grouping_links(request, by),
        "exports": tables_links(request, sheets),
        "scope_label": _scope_label(request.actor), "inspection_day": wareki(campaign.inspection_date),
    })


@login_required
def results_year(request, fiscal_year: int):
    unit_ids = _scope(request)
    if not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        raise Http404("この年度の集計はありません。")
    by = _grouping(request)
    index = aggregation.UnitIndex()
    table = aggregation.yearly_table(fiscal_year, unit_ids=unit_ids)
    campaign_ids = [campaign.pk for campaign in table.campaigns]
    groups = aggregation.group_table(table.campaigns, unit_ids, by, index=index)
    trend = aggregation.monthly_trend(fiscal_year, unit_ids)
    ng = aggregation.sections_with_ng(campaign_ids, unit_ids, index=index)
    pending = aggregation.non_submitters(campaign_ids, unit_ids, index=index)
    sheets = [items_sheet(table), groups_sheet(groups), group_items_sheet(groups), trend_sheet(trend),
              ng_sheet(ng), pending_sheet(pending)]
    exported = tables_export(request, sheets, stem=f"inspection-results-fy{fiscal_year}")
    if exported is not None:
        return exported
    return render(request, "inspections/results_year.html", {
        "fiscal_year": fiscal_year, "fiscal_year_label": wareki_fiscal_year(fiscal_year), "table": table,
        "groups": groups, "trend": trend, "charts": trend_charts(trend) if table.campaigns else None,
        "ng": ng, "pending": pending, "by": by, "grouping_links": _grouping_links(request, by),
        "exports": tables_links(request, sheets), "scope_label": _scope_label(request.actor),
        "previous_year": fiscal_year - 1, "next_year": fiscal_year + 1,
    })
