"""Audit plans (監査計画) and on-site inspections (実地調査): the year's list with the proposal, the record of
a visit with its findings and good practices, and the 名古屋市 tables."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.audits import services_visits as services
from hogokan.audits.forms import (
    CancelForm,
    PlanForm,
    PracticeForm,
    VisitAddForm,
    VisitFindingForm,
    VisitRecordForm,
)
from hogokan.audits.models import AuditPlan, FieldVisit, Finding, GoodPractice
from hogokan.audits.scoping import AUDIT, may_audit
from hogokan.audits.visit_tables import visit_tables
from hogokan.core.exports import tables_export, tables_links
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import fiscal_year_choices, fiscal_year_param, paginate
from hogokan.core.permissions import VIEW, can, get_for_actor, require, restrict

STAFF_ONLY = "監査の記録は職員が扱う記録です。"
AUDITORS_ONLY = "この操作は事務局または監査担当が行います。"


# ---- plans --------------------------------------------------------------------------------------

@login_required
def plan_list(request):
    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    plans = restrict(AuditPlan.objects.prefetch_related("units"), actor, VIEW).order_by("-fiscal_year", "pk")
    return render(request, "audits/plan_list.html", {"page": paginate(request, plans), "may_audit": may_audit(actor)})


def _plan_form_save(request, form, plan):
    data = dict(form.cleaned_data)
    units, auditors = data.pop("units"), list(data.pop("auditors"))
    try:
        return services.plan_save(actor=request.user, plan=plan, units=units, auditors=auditors, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def plan_create(request):
    require(may_audit(request.actor), AUDITORS_ONLY)
    form = PlanForm(request.POST or None, initial={"fiscal_year": fiscal_year_param(request)})
    if request.method == "POST" and form.is_valid():
        plan = _plan_form_save(request, form, None)
        if plan:
            messages.success(request, f"「{plan.title}」を登録しました。")
            return redirect("audits:plan_detail", pk=plan.pk)
    return render(request, "audits/plan_form.html", {"form": form, "plan": None})


@login_required
def plan_edit(request, pk: int):
    plan = get_for_actor(AuditPlan.objects.all(), request.actor, action=AUDIT, pk=pk)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        if _plan_form_save(request, form, plan):
            messages.success(request, "監査計画を保存しました。")
            return redirect("audits:plan_detail", pk=plan.pk)
    return render(request, "audits/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_detail(request, pk: int):
    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    plan = get_for_actor(AuditPlan.objects.all(), actor, pk=pk)
    return render(request, "audits/plan_detail.html", {
        "plan": plan, "units": plan.units.order_by("code"), "auditors": plan.auditors.all(),
        "sources": plan.sources.all(), "can_edit": can(actor, plan, AUDIT), "history": history_of(plan)})


# ---- visits -------------------------------------------------------------------------------------

def _visits(actor):
    return restrict(FieldVisit.objects.select_related("unit", "plan"), actor, VIEW)


@login_required
def visit_list(request):
    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    year = fiscal_year_param(request)
    visits = _visits(actor).filter(fiscal_year=year).order_by("unit__code")
    return render(request, "audits/visit_list.html", {
        "visits": visits, "year": year, "years": fiscal_year_choices(), "may_audit": may_audit(actor),
        "add_form": VisitAddForm() if actor.is_office else None})


@login_required
@require_POST
def visit_propose(request):
    require(request.actor.is_office, "実地調査の候補は事務局が作ります。")
    year = fiscal_year_param(request)
    created = services.visits_propose(actor=request.user, fiscal_year=year, day=timezone.localdate())
    messages.success(request, f"{len(created)}課を候補に加えました（局区等ごとに3課以上。3課以下の局区等は全課）。")
    return redirect(reverse("audits:visit_list") + f"?fiscal_year={year}")


@login_required
@require_POST
def visit_add(request):
    require(request.actor.is_office, "実地調査の候補は事務局が編集します。")
    year = fiscal_year_param(request)
    form = VisitAddForm(request.POST)
    if form.is_valid():
        try:
            services.visit_add(actor=request.user, fiscal_year=year, unit=form.cleaned_data["unit"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"{form.cleaned_data['unit'].name}を候補に加えました。")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("audits:visit_list") + f"?fiscal_year={year}")


def _visit_page(request, visit: FieldVisit, **forms):
    actor = request.actor
    may_record = can(actor, visit, AUDIT)
    context = {"visit": visit, "findings": Finding.objects.filter(visit=visit).prefetch_related("units"),
               "practices": visit.practices.all(), "may_record": may_record, "history": history_of(visit)}
    if may_record and visit.status != FieldVisit.Status.CANCELLED:
        context["record_form"] = forms.get("record_form") or VisitRecordForm(instance=visit, initial={
            "visited_on": visit.visited_on or timezone.localdate()})
        if visit.status == FieldVisit.Status.RECORDED:
            context["finding_form"] = forms.get("finding_form") or VisitFindingForm(prefix="finding")
            context["practice_form"] = forms.get("practice_form") or PracticeForm(prefix="practice")
        else:
            context["cancel_form"] = forms.get("cancel_form") or CancelForm()
    return render(request, "audits/visit_detail.html", context)


def _visit(request, pk: int, action: str = VIEW) -> FieldVisit:
    require(request.actor.is_staff_member, STAFF_ONLY)
    return get_for_actor(FieldVisit.objects.select_related("unit", "plan"), request.actor, action=action, pk=pk)


@login_required
def visit_detail(request, pk: int):
    return _visit_page(request, _visit(request, pk))


def _back(visit):
    return redirect("audits:visit_detail", pk=visit.pk)


@login_required
@require_POST
def visit_record(request, pk: int):
    visit = _visit(request, pk, AUDIT)
    form = VisitRecordForm(request.POST, instance=FieldVisit.objects.get(pk=visit.pk))
    if form.is_valid():
        try:
            services.visit_record(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "実地調査の結果を記録しました。")
            return _back(visit)
    return _visit_page(request, visit, record_form=form)


@login_required
@require_POST
def visit_finding_add(request, pk: int):
    visit = _visit(request, pk, AUDIT)
    form = VisitFindingForm(request.POST, prefix="finding")
    if form.is_valid():
        try:
            finding = services.visit_finding_add(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"改善指摘事項（項番{finding.number}）を登録しました。{visit.unit.name}が対応を記録します。")
            return _back(visit)
    return _visit_page(request, visit, finding_form=form)


@login_required
@require_POST
def visit_practice_add(request, pk: int):
    visit = _visit(request, pk, AUDIT)
    form = PracticeForm(request.POST, prefix="practice")
    if form.is_valid():
        try:
            services.practice_add(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "良い取組を登録しました。")
            return _back(visit)
    return _visit_page(request, visit, practice_form=form)


@login_required
@require_POST
def visit_cancel(request, pk: int):
    visit = _visit(request, pk, AUDIT)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.visit_cancel(actor=request.user, visit=visit, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "実地調査を取りやめました。")
            return _back(visit)
    return _visit_page(request, visit, cancel_form=form)


@login_required
def visit_results(request):
    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    year = fiscal_year_param(request)
    findings = restrict(Finding.objects.all(), actor, VIEW)
    practices = restrict(GoodPractice.objects.all(), actor, VIEW)
    tables = visit_tables(_visits(actor), findings, practices, year)
    download = tables_export(request, tables, stem=f"field-visits-{year}")
    if download:
        return download
    return render(request, "audits/visit_results.html", {"year": year, "years": fiscal_year_choices(),
                                                          "exports": tables_links(request, tables)})
