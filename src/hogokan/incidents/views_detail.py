"""One incident: the record page with the decision beside the facts it used, and its forms
(facts, notice to individuals, PPC report dates, status, timeline, recurrence-prevention measures).

Fetch-and-authorize first (404 outside the scope, 403 for read-only roles), then a service.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.core.calendar import wareki
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require
from hogokan.core.views import attachments_context
from hogokan.incidents import ppc, rules, services
from hogokan.incidents.api import may_draft_ppc, ppc_draft_for
from hogokan.incidents.forms import (
    IncidentForm,
    MeasureForm,
    NoticeForm,
    ReportDatesForm,
    StatusForm,
    TimelineForm,
)
from hogokan.incidents.models import Incident, PreventiveMeasure
from hogokan.incidents.scoping import REPORT
from hogokan.incidents.views_list import similar_incidents
from hogokan.outsourcing.api import contracts_for


def _incidents():
    return Incident.objects.select_related("unit", "contract", "reported_by")


def _page(request, incident: Incident, **forms):
    actor = request.actor
    can_change = can(actor, incident, CHANGE)
    can_report = can(actor, incident, REPORT)
    decision = services.decision_of(incident)
    facts = services.facts_of(incident)
    context = {
        "incident": incident, "decision": decision, "facts": facts, "today": timezone.localdate(),
        "mn_system_label": rules.MN_SYSTEM_LABELS.get(incident.my_number_system, ""),
        "items": incident.data_items.all(), "timeline": incident.timeline.select_related("actor"),
        "measures": incident.measures.select_related("owner"), "can_change": can_change, "can_report": can_report,
        "is_contractor": actor.is_contractor,
        "similar": similar_incidents(actor, incident) if actor.is_staff_member else [],
        "history": history_of(incident), **attachments_context(incident, actor),
        "can_draft_ppc": may_draft_ppc(actor, incident),
        "ppc_reports": incident.ppc_reports.order_by("recorded_at", "pk"),
    }
    if can_change:
        context["timeline_form"] = forms.get("timeline_form") or TimelineForm()
        context["status_form"] = forms.get("status_form") or StatusForm(initial={"status": incident.status})
        context["measure_form"] = forms.get("measure_form") or MeasureForm(incident=incident)
        context["notice_form"] = forms.get("notice_form") or NoticeForm(instance=_fresh(incident))
    if can_report:
        context["report_form"] = forms.get("report_form") or ReportDatesForm(instance=_fresh(incident))
    return render(request, "incidents/incident_detail.html", context)


def _fresh(incident: Incident) -> Incident:
    """A separate copy for a ModelForm, which writes into its instance while validating."""
    return Incident.objects.get(pk=incident.pk)


@login_required
def incident_detail(request, pk: int):
    return _page(request, get_for_actor(_incidents(), request.actor, action=VIEW, pk=pk))


def _contracts(actor):
    return contracts_for(actor)


@login_required
def incident_edit(request, pk: int):
    incident = get_for_actor(_incidents(), request.actor, action=CHANGE, pk=pk)
    services.catalogue_ensure()
    form = IncidentForm(request.POST or None, instance=_fresh(incident), actor=request.actor,
                        contracts=_contracts(request.actor))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["fact_answers"] = form.pop_fact_answers(data)
        items = data.pop("data_items")
        try:
            services.incident_update(actor=request.user, incident=incident, data_items=items, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "事案の内容を保存しました。報告要否を再判定しました。")
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/incident_form.html", {"form": form, "incident": incident})


@login_required
@require_POST
def incident_notice(request, pk: int):
    incident = get_for_actor(_incidents(), request.actor, action=CHANGE, pk=pk)
    require(request.actor.is_staff_member, "本人への通知の記録は本市の担当課と事務局が行います。")
    form = NoticeForm(request.POST, instance=_fresh(incident))
    if form.is_valid():
        try:
            services.incident_update(actor=request.user, incident=incident, reason="本人への通知", **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "本人への通知の状況を保存しました。")
            return redirect("incidents:detail", pk=incident.pk)
    incident.refresh_from_db()
    return _page(request, incident, notice_form=form)


@login_required
@require_POST
def incident_reports(request, pk: int):
    incident = get_for_actor(_incidents(), request.actor, action=VIEW, pk=pk)
    if not can(request.actor, incident, REPORT):
        raise PermissionDenied("委員会への報告日の記録は事務局（総括保護管理者）が行います。")
    form = ReportDatesForm(request.POST, instance=_fresh(incident))
    if form.is_valid():
        try:
            services.incident_update(actor=request.user, incident=incident, reason="委員会への報告",
                                     **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "個人情報保護委員会への報告日を保存しました。")
            return redirect("incidents:detail", pk=incident.pk)
    incident.refresh_from_db()
    return _page(request, incident, report_form=form)


@login_required
@require_POST
def incident_status(request, pk: int):
    incident = get_for_actor(_incidents(), request.actor, action=CHANGE, pk=pk)
    require(request.actor.is_staff_member, "事案の状態は本市の担当課と事務局が変えます。")
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.incident_set_status(actor=request.user, incident=incident, status=form.cleaned_data["status"],
                                         note=form.cleaned_data["note"],
                                         may_go_back=can(request.actor, incident, REPORT))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"状態を「{incident.get_status_display()}」にしました。")
            return redirect("incidents:detail", pk=incident.pk)
    incident.refresh_from_db()
    return _page(request, incident, status_form=form)


@login_required
@require_POST
def timeline_add(request, pk: int):
    incident = get_for_actor(_incidents(), request.actor, action=CHANGE, pk=pk)
    form = TimelineForm(request.POST)
    if form.is_valid():
        try:
            services.timeline_add(actor=request.user, incident=incident, text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "経過を記録しました。")
            return redirect("incidents:detail", pk=incident.pk)
    return _page(request, incident, timeline_form=form)


@login_required
@require_POST
def measure_add(request, pk: int):
    incident = get_for_actor(_incidents(), request.actor, action=CHANGE, pk=pk)
    require(request.actor.is_staff_member, "再発防止策は本市の担当課が登録します。")
    form = MeasureForm(request.POST, incident=incident)
    if form.is_valid():
        try:
            measure = services.measure_save(actor=request.user, incident=incident, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"再発防止策{measure.label}を登録しました。")
            return redirect("incidents:detail", pk=incident.pk)
    return _page(request, incident, measure_form=form)


@login_required
def measure_edit(request, pk: int, measure_pk: int):
    measure = get_for_actor(PreventiveMeasure.objects.select_related("incident__unit"), request.actor,
                            action=CHANGE, pk=measure_pk, incident_id=pk)
    incident = measure.incident
    form = MeasureForm(request.POST or None, instance=PreventiveMeasure.objects.get(pk=measure.pk), incident=incident)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(actor=request.user, incident=incident, measure=measure, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"再発防止策{measure.label}を保存しました。")
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/measure_form.html", {"form": form, "incident": incident, "measure": measure,
                                                           "history": history_of(measure),
                                                           **attachments_context(measure, request.actor)})


@login_required
def incident_summary(request, pk: int):
    """事案概要 as the 八千代市 council paper prints it, and the 規則44 report items with what is still missing."""
    incident = get_for_actor(_incidents(), request.actor, action=VIEW, pk=pk)
    items = list(incident.data_items.all())
    item_text = "・".join(item.name for item in items)
    if incident.data_items_note:
        item_text = f"{item_text}（{incident.data_items_note}）" if item_text else incident.data_items_note
    measures = [m for m in incident.measures.all() if m.status != PreventiveMeasure.Status.CANCELLED]
    notice = incident.get_notice_status_display()
    if incident.notice_status == Incident.Notice.EXEMPT:
        notice += f"（{incident.get_notice_exemption_display()}）{incident.notice_exemption_reason}"
    elif incident.notice_date:
        notice += f"（{wareki(incident.notice_date)} {incident.notice_method}）"
    # 規則44①: the items a report to the PPC carries; an empty one is named so the office can fill it.
    report_items = [
        ("概要（発生日・発覚日・発生事案・経緯）", bool(incident.summary and incident.learned_how)),
        ("漏えい等が発生し、又は発生したおそれがある保有個人情報の項目", bool(items or incident.data_items_note)),
        ("本人の数", incident.persons > 0),
        ("原因", bool(incident.cause_detail)),
        ("二次被害又はそのおそれの有無及びその内容", bool(incident.secondary_damage)),
        ("本人への対応の実施状況", incident.notice_status != Incident.Notice.PENDING),
        ("公表の実施状況", bool(incident.published_on) or incident.notice_status == Incident.Notice.DONE),
        ("再発防止のための措置", bool(measures)),
    ]
    return render(request, "incidents/incident_summary.html", {
        "incident": incident, "item_text": item_text, "measures": measures, "notice": notice,
        "report_items": report_items, "decision": services.decision_of(incident)})


@login_required
def incident_ppc_draft(request, pk: int, stage: str):
    """The 速報 / 確報 draft: the form's items from the record, the unknown ones marked, the text to paste,
    the Word and PDF downloads, and what was kept when a report was submitted."""
    if stage not in ppc.STAGES:
        raise Http404
    draft = ppc_draft_for(request.actor, pk, stage)
    incident = draft.incident
    return render(request, "incidents/ppc_draft.html", {
        "incident": incident, "draft": draft, "rows": [(item, draft.shown(item)) for item in draft.items],
        "text": draft.text(), "other_stage": "final" if stage == "preliminary" else "preliminary",
        "other_label": ppc.STAGES["final" if stage == "preliminary" else "preliminary"],
        "submitted": incident.ppc_reports.filter(stage=stage).select_related("recorded_by").order_by("-recorded_at", "-pk"),
        "can_report": can(request.actor, incident, REPORT),
    })
