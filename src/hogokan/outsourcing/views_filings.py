"""The contractor portal and the filings' pages (管理体制等報告書, 再委託, 削除・返却報告, 取扱件数).

Thin views: fetch the record through its scope (404 for outsiders), check the named permission
(403 for those who see but may not act), call a service, redirect with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.checklists import api as checklists
from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import VIEW, can, get_for_actor, require, restrict
from hogokan.core.views import attachments_context
from hogokan.outsourcing import portal
from hogokan.outsourcing import services_filings as services
from hogokan.outsourcing.forms_filings import (
    DecisionForm,
    DeletionReportForm,
    ReportForm,
    SubcontractApprovalForm,
    SubcontractForm,
    YearlyCountForm,
)
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.models_filings import ContractorReport, DeletionReport, Subcontract
from hogokan.outsourcing.scoping_filings import FILE, may_file, may_review

NOT_CONTRACTOR = "このページは受託者（委託先）の担当者が使います。"
NOT_REVIEWER = "受理・差戻し・承認・確認は、委託の担当課の保護責任者又は事務局が行います。"


def _contract(request, pk: int) -> Contract:
    return get_for_actor(Contract.objects.select_related("unit"), request.actor, action=VIEW, pk=pk)


def _reports():
    return ContractorReport.objects.select_related("contract", "contract__unit", "subcontract", "sheet",
                                                   "sheet__template")


# ---- the portal --------------------------------------------------------------------------------------

@login_required
def portal_home(request):
    """受託者ポータル: the contractor's own contracts and what it has to do for them."""
    actor = request.actor
    require(actor.is_contractor, NOT_CONTRACTOR)
    today = timezone.localdate()
    return render(request, "outsourcing/filings/portal.html", {
        "tasks": portal.tasks(actor, today), "rows": portal.contract_rows(actor, today),
        "subcontracts": portal.subcontract_rows(actor), "today": today,
        "inspections": portal.own_inspections(actor)[:100], "improvements": portal.own_improvements(actor)[:100],
    })


@login_required
def contract_filings(request, pk: int):
    """What has been filed for one contract: report versions, the chain, deletion reports, yearly counts."""
    contract = _contract(request, pk)
    actor = request.actor
    return render(request, "outsourcing/filings/contract_filings.html", {
        "contract": contract,
        "reports": services.reports_of(contract),
        "in_force": services.accepted_report(contract),
        "subcontracts": restrict(contract.subcontracts.all(), actor, VIEW).order_by("created_at"),
        "chain": services.chain(contract),
        "deletions": contract.deletion_reports.order_by("-created_at"),
        "counts": contract.yearly_counts.order_by("-fiscal_year"),
        "may_file": may_file(actor, contract), "may_review": may_review(actor, contract),
        "start_refusal": services.start_refusal(contract),
        "completion_refusal": services.completion_refusal(contract),
        "deletion_due": services.deletion_due(contract),
    })


# ---- 管理体制等報告書 ----------------------------------------------------------------------------------

def _start(request, contract, subcontract=None):
    try:
        report = services.report_start(actor=request.user, contract=contract, subcontract=subcontract)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("outsourcing:portal")
    messages.success(request, f"{report}を作成しました。記入して提出してください。")
    return redirect("outsourcing:report_edit", pk=report.pk)


@login_required
@require_POST
def contract_report_create(request, pk: int):
    contract = _contract(request, pk)
    require(may_file(request.actor, contract), NOT_CONTRACTOR)
    return _start(request, contract)


@login_required
@require_POST
def subcontract_report_create(request, pk: int):
    subcontract = get_for_actor(Subcontract.objects.select_related("contract"), request.actor, action=VIEW, pk=pk)
    person = request.actor.person
    require(request.actor.is_contractor and person is not None and subcontract.people.filter(pk=person.pk).exists(),
            "再委託先の報告書は、再委託先の担当者が作成します。")
    return _start(request, subcontract.contract, subcontract)


@login_required
def report_detail(request, pk: int):
    report = get_for_actor(_reports(), request.actor, action=VIEW, pk=pk)
    actor = request.actor
    return render(request, "outsourcing/filings/report_detail.html", {
        "report": report, "contract": report.contract, "view": checklists.sheet_view(report.sheet),
        "may_edit": report.editable and can(actor, report, FILE),
        "may_review": report.status == ContractorReport.Status.SUBMITTED and may_review(actor, report.contract),
        "decision_form": DecisionForm(), "history": history_of(report),
        "versions": services.reports_of(report.contract, report.subcontract),
        **attachments_context(report, actor),
    })


@login_required
def report_edit(request, pk: int):
    report = get_for_actor(_reports(), request.actor, action=VIEW, pk=pk)
    require(can(request.actor, report, FILE), NOT_CONTRACTOR)
    if not report.editable:
        messages.error(request, f"この報告書は『{report.get_status_display()}』のため、変更できません。")
        return redirect("outsourcing:report_detail", pk=report.pk)
    posted = request.method == "POST"
    submitting = posted and "submit" in request.POST
    form = ReportForm(request.POST or None, request.FILES or None, instance=report)
    sheet = checklists.sheet_form(report.sheet, request.POST if posted else None, request.FILES if posted else None,
                                  partial=not submitting)
    if posted:
        form_ok, sheet_ok = form.is_valid(), sheet.is_valid()
        if form_ok and sheet_ok:
            values = {name: form.cleaned_data[name] for name in services.REPORT_FIELDS}
            attachment = form.cleaned_data.get("attachment")
            try:
                services.report_save(actor=request.user, report=report, sheet_form=sheet,
                                     files=[attachment] if attachment else [], **values)
                if submitting:
                    services.report_submit(actor=request.user, report=report)
            except ValidationError as exc:
                add_service_errors(form, exc, field_map={"files": "attachment"})
            else:
                messages.success(request, "報告書を提出しました。担当課の確認をお待ちください。" if submitting
                                 else "報告書を一時保存しました。")
                return redirect("outsourcing:report_detail" if submitting else "outsourcing:report_edit",
                                pk=report.pk)
    return render(request, "outsourcing/filings/report_form.html", {
        "report": report, "contract": report.contract, "form": form, "sheet_form": sheet,
        "missing": services.report_missing(report) if not posted else {},
    })


def _decide(request, record, decide, *, success: str, detail: str):
    """Run ``decide(text)`` with the form's reason/comment; errors come back as messages on the record page."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("reason", []):
            messages.error(request, message)
        return redirect(detail, pk=record.pk)
    try:
        decide(form.cleaned_data["reason"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(detail, pk=record.pk)


@login_required
@require_POST
def report_accept(request, pk: int):
    report = get_for_actor(_reports(), request.actor, action=VIEW, pk=pk)
    require(may_review(request.actor, report.contract), NOT_REVIEWER)
    return _decide(request, report, lambda text: services.report_accept(actor=request.user, report=report, comment=text),
                   success="報告書を受理しました。", detail="outsourcing:report_detail")


@login_required
@require_POST
def report_return(request, pk: int):
    report = get_for_actor(_reports(), request.actor, action=VIEW, pk=pk)
    require(may_review(request.actor, report.contract), NOT_REVIEWER)
    return _decide(request, report, lambda text: services.report_return(actor=request.user, report=report, reason=text),
                   success="報告書を差し戻しました。", detail="outsourcing:report_detail")


# ---- 再委託 -------------------------------------------------------------------------------------------

@login_required
def contract_subcontract_apply(request, pk: int):
    contract = _contract(request, pk)
    require(may_file(request.actor, contract), NOT_CONTRACTOR)
    form = SubcontractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subcontract = services.subcontract_apply(actor=request.user, contract=contract,
                                                     **{name: form.cleaned_data[name]
                                                        for name in services.SUBCONTRACT_FIELDS})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "再委託承諾申請を提出しました。担当課の承認をお待ちください。")
            return redirect("outsourcing:subcontract_detail", pk=subcontract.pk)
    return render(request, "outsourcing/filings/subcontract_form.html", {"form": form, "contract": contract})


@login_required
def subcontract_detail(request, pk: int):
    subcontract = get_for_actor(Subcontract.objects.select_related("contract", "contract__unit"), request.actor,
                                action=VIEW, pk=pk)
    actor = request.actor
    person = actor.person
    is_member = actor.is_contractor and person is not None and subcontract.people.filter(pk=person.pk).exists()
    return render(request, "outsourcing/filings/subcontract_detail.html", {
        "subcontract": subcontract, "contract": subcontract.contract,
        "reports": services.reports_of(subcontract.contract, subcontract),
        "may_review": subcontract.status == Subcontract.Status.SUBMITTED and may_review(actor, subcontract.contract),
        "may_file": is_member and subcontract.status == Subcontract.Status.APPROVED,
        "approval_form": SubcontractApprovalForm(), "people": subcontract.people.order_by("name"),
        "history": history_of(subcontract),
    })


@login_required
@require_POST
def subcontract_decide(request, pk: int):
    subcontract = get_for_actor(Subcontract.objects.select_related("contract"), request.actor, action=VIEW, pk=pk)
    require(may_review(request.actor, subcontract.contract), NOT_REVIEWER)
    form = SubcontractApprovalForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("outsourcing:subcontract_detail", pk=subcontract.pk)
    reason = form.cleaned_data["reason"]
    try:
        if request.POST.get("decision") == "approve":
            services.subcontract_approve(actor=request.user, subcontract=subcontract, comment=reason,
                                         people=list(form.cleaned_data["people"]))
            messages.success(request, "再委託を承認しました。")
        else:
            services.subcontract_refuse(actor=request.user, subcontract=subcontract, reason=reason)
            messages.success(request, "再委託を承認しませんでした（不承認）。")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("outsourcing:subcontract_detail", pk=subcontract.pk)


# ---- 削除・返却報告 ----------------------------------------------------------------------------------

@login_required
def contract_deletion_create(request, pk: int):
    contract = _contract(request, pk)
    require(may_file(request.actor, contract), NOT_CONTRACTOR)
    form = DeletionReportForm(request.POST or None, request.FILES or None, instance=DeletionReport(contract=contract))
    if request.method == "POST" and form.is_valid():
        try:
            report = services.deletion_report_file(
                actor=request.user, contract=contract, certificate=form.cleaned_data["certificate"],
                **{name: form.cleaned_data[name] for name in services.DELETION_FIELDS})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "削除・返却報告を提出しました。担当課の確認をお待ちください。")
            return redirect("outsourcing:deletion_detail", pk=report.pk)
    return render(request, "outsourcing/filings/deletion_form.html", {"form": form, "contract": contract})


@login_required
def deletion_detail(request, pk: int):
    report = get_for_actor(DeletionReport.objects.select_related("contract", "contract__unit"), request.actor,
                           action=VIEW, pk=pk)
    actor = request.actor
    return render(request, "outsourcing/filings/deletion_detail.html", {
        "report": report, "contract": report.contract, "decision_form": DecisionForm(),
        "may_review": report.status == DeletionReport.Status.SUBMITTED and may_review(actor, report.contract),
        "may_correct": report.status == DeletionReport.Status.RETURNED and can(actor, report, FILE),
        "history": history_of(report), **attachments_context(report, actor),
    })


@login_required
def deletion_edit(request, pk: int):
    report = get_for_actor(DeletionReport.objects.select_related("contract"), request.actor, action=VIEW, pk=pk)
    require(can(request.actor, report, FILE), NOT_CONTRACTOR)
    form = DeletionReportForm(request.POST or None, request.FILES or None, instance=report,
                              certificate_required=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.deletion_report_correct(
                actor=request.user, report=DeletionReport.objects.get(pk=report.pk),
                certificate=form.cleaned_data.get("certificate"),
                **{name: form.cleaned_data[name] for name in services.DELETION_FIELDS})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "削除・返却報告を再提出しました。")
            return redirect("outsourcing:deletion_detail", pk=report.pk)
    return render(request, "outsourcing/filings/deletion_form.html", {"form": form, "contract": report.contract,
                                                                      "report": report})


@login_required
@require_POST
def deletion_confirm(request, pk: int):
    report = get_for_actor(DeletionReport.objects.select_related("contract"), request.actor, action=VIEW, pk=pk)
    require(may_review(request.actor, report.contract), NOT_REVIEWER)
    return _decide(request, report,
                   lambda text: services.deletion_report_confirm(actor=request.user, report=report, comment=text),
                   success="削除・返却報告を確認しました。", detail="outsourcing:deletion_detail")


@login_required
@require_POST
def deletion_return(request, pk: int):
    report = get_for_actor(DeletionReport.objects.select_related("contract"), request.actor, action=VIEW, pk=pk)
    require(may_review(request.actor, report.contract), NOT_REVIEWER)
    return _decide(request, report,
                   lambda text: services.deletion_report_return(actor=request.user, report=report, reason=text),
                   success="削除・返却報告を差し戻しました。", detail="outsourcing:deletion_detail")


@login_required
def deletion_overdue(request):
    """削除・返却報告の未確認: contracts ended HOGOKAN_CONTRACT_DELETION_DAYS ago or more, not confirmed."""
    actor = request.actor
    require(actor.is_staff_member, "このページは職員が使います。")
    today = timezone.localdate()
    contracts = services.deletion_overdue(restrict(Contract.objects.select_related("unit"), actor, VIEW), today)
    contracts = contracts.order_by("period_end", "title")
    kind = export_format(request)
    if kind:
        rows = ([c.title, c.unit.name, portal.company_name(c), c.period_end, services.deletion_due(c),
                 "確認待ち" if c.deletion_pending else "未提出"] for c in contracts.iterator())
        return table_download(kind, stem="deletion-overdue", title="削除・返却報告の未確認",
                              header=["案件名", "担当課", "受託者", "契約期間（終了）", "報告の期限", "状況"], rows=rows)
    return render(request, "outsourcing/filings/deletion_overdue.html", {
        "page": paginate(request, contracts), "days": services.deletion_days(), "exports": export_links(request),
    })


# ---- 取扱件数の報告 ----------------------------------------------------------------------------------

@login_required
def contract_counts(request, pk: int):
    contract = _contract(request, pk)
    require(may_file(request.actor, contract), NOT_CONTRACTOR)
    form = YearlyCountForm(request.POST or None, contract=contract)
    if request.method == "POST" and form.is_valid():
        try:
            services.yearly_count_save(actor=request.user, contract=contract, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['fiscal_year']}年度の取扱件数を報告しました。")
            return redirect("outsourcing:contract_filings", pk=contract.pk)
    return render(request, "outsourcing/filings/counts_form.html", {
        "form": form, "contract": contract, "counts": contract.yearly_counts.order_by("-fiscal_year"),
    })
