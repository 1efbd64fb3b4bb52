"""The report pages: dashboard, annual report, council paper, the catalogue of tables and one table.

The annual report, the council papers and the catalogue are body-wide statistics: the office and the
auditors read them (``actor.is_office or actor.is_auditor``); the dashboard is every staff member's own.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from hogokan.core.calendar import fiscal_year
from hogokan.core.exports import export_format, table_response, tables_links
from hogokan.core.permissions import require
from hogokan.reports import catalogue, charts, council, dashboard
from hogokan.reports.annual import annual_report, spec_tables
from hogokan.reports.catalogue import ReportContext
from hogokan.reports.documents import document_response
from hogokan.reports.forms import CouncilForm, ReportForm

READERS_ONLY = "年次報告・審議会資料・統計表は事務局（総括保護管理者）と監査担当が閲覧できます。"
DOCUMENT_FORMATS = ("docx", "pdf", "xlsx")


def may_read_reports(actor) -> bool:
    return actor.is_office or actor.is_auditor


def _require_reader(actor) -> None:
    require(may_read_reports(actor), READERS_ONLY)


def _context(request, form) -> ReportContext:
    year, as_of = form.values()
    return ReportContext(request.actor, year, as_of, timezone.localdate())


def _query(request, **changes) -> str:
    query = request.GET.copy()
    for name in ("format", "table", "page"):
        query.pop(name, None)
    for name, value in changes.items():
        query[name] = value
    return f"?{query.urlencode()}"


def _charted(chart, *, with_table: bool = True) -> dict:
    # charts.py escapes every text it puts into the SVG
    svg = mark_safe(chart.svg())  # noqa: S308 (every text in it went through html.escape in charts.py)
    return {"chart": chart, "svg": svg, "table": chart.table() if with_table else None}


@login_required
def dashboard_page(request):
    actor, today = request.actor, timezone.localdate()
    require(actor.is_staff_member, "期限と推移は職員が参照します。")
    modules = dashboard.due_by_module(actor, today)
    trends = []
    ctx = ReportContext(actor, fiscal_year(today), None, today)
    if may_read_reports(actor):
        trends = [_charted(chart) for chart in (charts.inspection_trend(ctx), charts.incident_causes(ctx),
                                                charts.requests_by_month(ctx))]
    return render(request, "reports/dashboard.html", {
        "modules": modules, "today": today, "week_days": dashboard.WEEK_DAYS, "trends": trends,
        "overdue_total": sum(len(m.overdue) for m in modules), "week_total": sum(len(m.this_week) for m in modules),
        "may_read": may_read_reports(actor), "year_label": ctx.label})


@login_required
def annual(request):
    _require_reader(request.actor)
    form = ReportForm(request.GET or None, today=timezone.localdate())
    ctx = _context(request, form)
    report = annual_report(ctx)
    kind = request.GET.get("format")
    if kind in DOCUMENT_FORMATS and (not form.is_bound or form.is_valid()):
        return document_response(kind, report, stem=f"annual-report-{ctx.fiscal_year}")
    sections = [{"section": section, "charts": [_charted(chart) for chart in section.charts]}
                for section in report.sections]
    return render(request, "reports/annual.html", {
        "form": form, "report": report, "ctx": ctx, "sections": sections,
        "downloads": {kind: _query(request, format=kind) for kind in DOCUMENT_FORMATS}})


@login_required
def council_page(request):
    _require_reader(request.actor)
    today = timezone.localdate()
    form = CouncilForm(request.GET or None, today=today, choices=council.choices())
    ctx = _context(request, form)
    keys = form.cleaned_data.get("tables", []) if form.is_bound and form.is_valid() else []
    paper = council.council_paper(ctx, keys)
    kind = request.GET.get("format")
    if kind in DOCUMENT_FORMATS and (not form.is_bound or form.is_valid()):
        return document_response(kind, paper, stem=f"council-paper-{ctx.fiscal_year}")
    return render(request, "reports/council.html", {
        "form": form, "paper": paper, "ctx": ctx,
        "downloads": {kind: _query(request, format=kind) for kind in DOCUMENT_FORMATS}})


@login_required
def catalogue_page(request):
    _require_reader(request.actor)
    form = ReportForm(request.GET or None, today=timezone.localdate())
    ctx = _context(request, form)
    rows = []
    for spec in catalogue.specs():
        url = reverse("reports:table", args=[spec.key])
        rows.append({"spec": spec, "view": url + _query(request), "link": spec.link_url(ctx.fiscal_year),
                     "xlsx": url + _query(request, format="xlsx"), "csv": url + _query(request, format="csv")})
    return render(request, "reports/catalogue.html", {"form": form, "ctx": ctx, "rows": rows,
                                                      "available": sum(1 for r in rows if r["spec"].available)})


@login_required
def table_page(request, key: str):
    _require_reader(request.actor)
    spec = catalogue.get(key)
    if spec is None:
        raise Http404("その表はありません。")
    form = ReportForm(request.GET or None, today=timezone.localdate())
    ctx = _context(request, form)
    tables = spec_tables(spec, ctx) if spec.available else []
    kind = export_format(request)
    if kind and spec.available:
        wanted = request.GET.get("table")
        chosen = [table for table in tables if table.key == wanted] if wanted else tables
        if not chosen:
            raise Http404("その表はありません。")
        return table_response(kind, chosen, stem=f"{spec.key}-{ctx.fiscal_year}")
    shown = []
    for table in tables:
        chart = charts.table_chart(table, spec.chart_column) if spec.chart_column is not None else None
        shown.append({"table": table, "chart": _charted(chart, with_table=False) if chart and not chart.empty else None})
    return render(request, "reports/table.html", {
        "form": form, "ctx": ctx, "spec": spec, "shown": shown, "exports": tables_links(request, tables),
        "link": spec.link_url(ctx.fiscal_year)})
