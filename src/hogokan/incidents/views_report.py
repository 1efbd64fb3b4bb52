"""The first report (第一報), yearly statistics, the list of cases reported to the PPC (八千代市 table)
and the recurrence-prevention follow-up table (the Tokyo city's shape)."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from hogokan.core.calendar import fiscal_year_range, wareki_fiscal_year
from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.lists import fiscal_year_choices, fiscal_year_param
from hogokan.core.permissions import VIEW, require, restrict
from hogokan.incidents import services
from hogokan.incidents.forms import QuickReportForm
from hogokan.incidents.models import Cause, Incident, Kind, Medium, PreventiveMeasure
from hogokan.outsourcing.api import contracts_for


@login_required
def incident_new(request):
    """Any staff member (or a contractor, for its own contract) files the first facts in a minute."""
    actor = request.actor
    require(not actor.is_auditor, "監査の役割では事故の報告はできません。")
    contracts = contracts_for(actor) if actor.is_contractor else None
    # A draft offered by another page (assets: a medium missing at the 現物確認) fills the title and summary.
    offered = {name: request.GET[name][:2000] for name in ("title", "summary") if name in request.GET}
    form = QuickReportForm(request.POST or None, actor=actor, contracts=contracts,
                           initial={"learned_on": timezone.localdate(), **offered})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["fact_answers"] = form.pop_fact_answers(data)
        contract = data.pop("contract", None)
        unit = contract.unit if contract is not None else data.pop("unit")
        data.pop("unit", None)
        try:
            incident = services.incident_report(actor=request.user, unit=unit, contract=contract, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"第一報を受け付けました（事案番号 {incident.number}）。課長と事務局に通知しました。")
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/incident_new.html", {"form": form, "is_contractor": contracts is not None})


def _year_selector(request) -> dict:
    return {"years": fiscal_year_choices(), "downloads": export_links(request)}


def _of_year(actor, year: int):
    start, end = fiscal_year_range(year)
    return restrict(Incident.objects.select_related("unit"), actor, VIEW).filter(learned_on__range=(start, end))


def _office_only(actor) -> None:
    require(actor.is_staff_member, "統計は職員が参照します。")


@login_required
def statistics(request):
    """Per fiscal year: counts by kind, medium, cause and unit (of the incidents the actor may see)."""
    _office_only(request.actor)
    year = fiscal_year_param(request)
    incidents = list(_of_year(request.actor, year))
    tables = [
        ("種類別", Counter(i.get_kind_display() or "未分類" for i in incidents), [c.label for c in Kind]),
        ("媒体別", Counter(i.get_medium_display() or "未分類" for i in incidents), [c.label for c in Medium]),
        ("原因別", Counter(i.get_cause_display() or "未分類" for i in incidents), [c.label for c in Cause]),
        ("部署別", Counter(i.unit.name for i in incidents), []),
    ]
    shaped = []
    for title, counter, order in tables:
        labels = [label for label in order if counter.get(label)] + sorted(k for k in counter if k not in order)
        shaped.append((title, [(label, counter[label]) for label in labels]))
    reported = sum(1 for i in incidents if i.report_required)
    kind = export_format(request)
    if kind:
        rows = [(title, label, count) for title, pairs in shaped for label, count in pairs]
        return table_download(kind, stem=f"incident-statistics-{year}", title=f"{wareki_fiscal_year(year)}事故統計",
                              header=["区分", "分類", "件数"], rows=rows)
    return render(request, "incidents/statistics.html", {
        "year": year, "tables": shaped, "total": len(incidents), "reported": reported,
        **_year_selector(request)})


@login_required
def ppc_list(request):
    """令和○年度に発生した事案一覧（個人情報保護委員会報告分）: №, 発生部署, 事案の件名."""
    _office_only(request.actor)
    year = fiscal_year_param(request)
    incidents = list(_of_year(request.actor, year).filter(report_required=True).order_by("learned_on", "pk"))
    rows = [(number, i.unit.name, i.title, i) for number, i in enumerate(incidents, start=1)]
    kind = export_format(request)
    if kind:
        return table_download(kind, stem=f"ppc-reported-{year}", title="委員会報告分",
                              header=["№", "発生部署", "事案の件名", "判明日", "速報", "確報"],
                              rows=[(n, unit, title, i.learned_on, i.preliminary_reported_on, i.final_reported_on)
                                    for n, unit, title, i in rows])
    return render(request, "incidents/ppc_list.html", {"year": year, "rows": rows, **_year_selector(request)})


FOLLOWUP_HEADER = ["番号", "部署", "事故の概要", "再発防止策", "再発防止策の実施状況（取組に対する評価等を含む）"]


def followup_rows(incidents) -> list[list]:
    """番号, 部署, 事故の概要, 再発防止策 (①… one per line), 実施状況（取組に対する評価等を含む）."""
    rows = []
    for number, incident in enumerate(incidents, start=1):
        measures = [m for m in incident.measures.all() if m.status != PreventiveMeasure.Status.CANCELLED]
        plan = "\n".join(f"{m.label}{m.description}" for m in measures)
        status_lines = []
        for m in measures:
            text = f"{m.label}{m.get_status_display()}"
            if m.evidence:
                text += f"：{m.evidence}"
            status_lines.append(text)
        evaluations = [f"{m.label}{m.evaluation}" for m in measures if m.evaluation]
        if evaluations:
            status_lines.append("（評価）")
            status_lines.extend(evaluations)
        overview = incident.summary or incident.title
        if incident.contractor_involved:
            overview += "（委託先で起こった事故）"
        rows.append([number, incident.unit.name, overview, plan, "\n".join(status_lines)])
    return rows


@login_required
def followup_table(request):
    """○○年度情報セキュリティ事故の再発防止策の実施状況 — the Tokyo city table, on screen and in Excel."""
    _office_only(request.actor)
    year = fiscal_year_param(request)
    incidents = _of_year(request.actor, year).order_by("learned_on", "pk").prefetch_related("measures")
    rows = followup_rows(incidents)
    header = FOLLOWUP_HEADER
    kind = export_format(request)
    if kind:
        return table_download(kind, stem=f"prevention-followup-{year}", title="再発防止策の実施状況",
                              header=header, rows=rows)
    return render(request, "incidents/followup.html", {
        "year": year, "rows": rows, "header": header, **_year_selector(request)})
