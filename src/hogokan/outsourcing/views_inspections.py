"""The inspections of running contracts: the section's list, an inspection's page, the 検査書 (the
contractor answers a document inspection in the portal; the section records an on-site one), the
result and its printable notice, and the improvement reports.

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
from hogokan.outsourcing import services_inspections as services
from hogokan.outsourcing import views
from hogokan.outsourcing.forms_filings import DecisionForm
from hogokan.outsourcing.forms_inspections import (
    CompleteForm,
    ImprovementForm,
    InspectionAddForm,
    InspectionFilterForm,
    RecordForm,
    RespondentForm,
)
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.models_inspections import ContractInspection, ImprovementReport
from hogokan.outsourcing.scoping_filings import FILE, may_review
from hogokan.outsourcing.scoping_inspections import ANSWER

IS = ContractInspection.Status
NOT_REVIEWER = "検査の依頼・結果の確定・改善報告の受理は、委託の担当課の保護責任者又は事務局が行います。"
NOT_ANSWERER = "この検査書は、いまは回答できません（書面検査は受託者が回答待ちのときに、実地検査は担当課が予定のときに記入します）。"


def _inspections():
    return ContractInspection.objects.select_related("contract", "contract__unit", "contract__company", "sheet",
                                                     "sheet__template")


def _inspection(request, pk: int) -> ContractInspection:
    return get_for_actor(_inspections(), request.actor, action=VIEW, pk=pk)


def _improvements():
    return ImprovementReport.objects.select_related("inspection", "inspection__contract",
                                                    "inspection__contract__unit", "inspection__contract__company")


def _errors_to_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# ---- the section's list ------------------------------------------------------------------------------

HEADER = ["年度", "検査の種類", "根拠", "案件名", "担当課", "受託者", "期限", "状態", "期限超過", "検査実施日", "結果の通知日"]


@login_required
def inspection_list(request):
    actor = request.actor
    require(actor.is_staff_member, "このページは職員が使います（受託者はポータルから回答します）。")
    form = InspectionFilterForm(request.GET or None, actor=actor)
    today = timezone.localdate()
    inspections = form.filtered(restrict(_inspections(), actor, VIEW)).order_by("due_on", "contract__title", "pk")
    kind = export_format(request)
    if kind:
        rows = ([i.fiscal_year, i.get_kind_display(), i.get_origin_display(), i.contract.title, i.contract.unit.name,
                 i.contract.company.name, i.due_on, i.get_status_display(), "○" if i.overdue_on(today) else "",
                 i.inspected_on or "", timezone.localtime(i.notified_at).date() if i.notified_at else ""]
                for i in inspections.iterator(chunk_size=2000))
        return table_download(kind, stem="contract-inspections", title="受託者への検査", header=HEADER, rows=rows)
    return render(request, "outsourcing/inspections/list.html", {
        "page": paginate(request, inspections), "form": form, "exports": export_links(request), "today": today,
    })


# ---- one inspection ------------------------------------------------------------------------------------

@login_required
def inspection_detail(request, pk: int):
    inspection = _inspection(request, pk)
    actor = request.actor
    reviewer = may_review(actor, inspection.contract)
    today = timezone.localdate()
    return render(request, "outsourcing/inspections/detail.html", {
        "inspection": inspection, "contract": inspection.contract,
        "view": checklists.sheet_view(inspection.sheet) if inspection.sheet_id else None,
        "may_answer": actor.is_contractor and can(actor, inspection, ANSWER),
        "may_record": not actor.is_contractor and can(actor, inspection, ANSWER),
        "may_request": reviewer and inspection.status == IS.PLANNED and inspection.is_document,
        "may_complete": reviewer and inspection.status == IS.REVIEWING,
        "may_return": reviewer and inspection.status == IS.REVIEWING and inspection.requested_at is not None,
        "failing": services.failing_of(inspection) if inspection.status == IS.REVIEWING else [],
        "improvement_days": services.improvement_days(),
        "complete_form": CompleteForm(), "decision_form": DecisionForm(),
        "improvements": inspection.improvements.order_by("created_at"),
        "overdue": inspection.overdue_on(today), "history": history_of(inspection),
    })


@login_required
@require_POST
def inspection_request(request, pk: int):
    inspection = _inspection(request, pk)
    require(may_review(request.actor, inspection.contract), NOT_REVIEWER)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.inspection_request(actor=request.user, inspection=inspection, comment=comment)
    except ValidationError as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, "受託者に書面検査への回答を依頼しました。")
    return redirect("outsourcing:inspection_detail", pk=inspection.pk)


def _sheet_page(request, inspection: ContractInspection, *, contractor: bool):
    posted = request.method == "POST"
    submitting = posted and "submit" in request.POST
    header_class = RespondentForm if contractor else RecordForm
    initial = ({name: getattr(inspection, name) for name in services.RESPONDENT_FIELDS} if contractor
               else {"inspected_on": inspection.inspected_on, "inspector": inspection.inspector
                     or request.user.get_full_name()})
    header = header_class(request.POST if posted else None, initial=initial)
    sheet = None
    if inspection.sheet_id is not None:
        sheet = checklists.sheet_form(inspection.sheet, request.POST if posted else None,
                                      request.FILES if posted else None, partial=not submitting)
    if posted:
        header_ok = header.is_valid()
        sheet_ok = sheet is None or sheet.is_valid()
        if header_ok and sheet_ok:
            try:
                services.inspection_save(actor=request.user, inspection=inspection, sheet_form=sheet,
                                         contractor=contractor, **header.cleaned_data)
                if submitting:
                    services.inspection_submit(actor=request.user, inspection=inspection, contractor=contractor)
            except ValidationError as exc:
                add_service_errors(header, exc)
                if sheet is not None and hasattr(exc, "error_dict"):
                    for name in list(exc.error_dict):
                        if name in sheet.fields:
                            sheet.add_error(name, exc.error_dict[name])
            else:
                if sheet is None:  # the sheet was created by this first save: show its items
                    messages.success(request, "検査書を作成しました。各項目に「適」又は「否」を記入してください。")
                    return redirect(request.path)
                messages.success(request, ("回答を提出しました。担当課の確認をお待ちください。" if contractor
                                           else "検査結果を記録しました。結果を確定して受託者に通知してください。")
                                 if submitting else "一時保存しました。")
                return redirect("outsourcing:inspection_detail" if submitting else request.resolver_match.view_name,
                                pk=inspection.pk)
    return render(request, "outsourcing/inspections/sheet_form.html", {
        "inspection": inspection, "contract": inspection.contract, "header": header, "sheet_form": sheet,
        "contractor": contractor,
    })


@login_required
def inspection_answer(request, pk: int):
    """書面検査 (資料7): the contractor answers 適・否 per item, attaches evidence, and submits."""
    inspection = _inspection(request, pk)
    require(request.actor.is_contractor, "書面検査の回答は受託者が行います。担当課は「検査結果を記録」を使います。")
    require(can(request.actor, inspection, ANSWER), NOT_ANSWERER)
    return _sheet_page(request, inspection, contractor=True)


@login_required
def inspection_record(request, pk: int):
    """実地検査 (資料6), or a document answer received on paper: the section records 適・否 per item."""
    inspection = _inspection(request, pk)
    require(not request.actor.is_contractor and can(request.actor, inspection, ANSWER), NOT_ANSWERER)
    return _sheet_page(request, inspection, contractor=False)


@login_required
@require_POST
def inspection_complete(request, pk: int):
    inspection = _inspection(request, pk)
    require(may_review(request.actor, inspection.contract), NOT_REVIEWER)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("outsourcing:inspection_detail", pk=inspection.pk)
    try:
        services.inspection_complete(actor=request.user, inspection=inspection, comment=form.cleaned_data["reason"],
                                     improvement_due=form.cleaned_data["improvement_due"])
    except ValidationError as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, "検査結果を確定し、受託者に通知しました。" + (
            "「否」の項目があるため、改善報告を依頼しました。" if inspection.status == IS.IMPROVEMENT else ""))
    return redirect("outsourcing:inspection_detail", pk=inspection.pk)


@login_required
@require_POST
def inspection_return(request, pk: int):
    inspection = _inspection(request, pk)
    require(may_review(request.actor, inspection.contract), NOT_REVIEWER)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("reason", []):
            messages.error(request, message)
        return redirect("outsourcing:inspection_detail", pk=inspection.pk)
    try:
        services.inspection_return(actor=request.user, inspection=inspection, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, "回答を受託者に差し戻しました。")
    return redirect("outsourcing:inspection_detail", pk=inspection.pk)


@login_required
def inspection_notice(request, pk: int):
    """検査結果の通知 (printable): the contract, the date, each item's 適・否 and remark, what is asked."""
    inspection = _inspection(request, pk)
    if inspection.notified_at is None:
        messages.error(request, "この検査の結果はまだ確定していません。")
        return redirect("outsourcing:inspection_detail", pk=inspection.pk)
    return render(request, "outsourcing/inspections/notice.html", {
        "inspection": inspection, "contract": inspection.contract, "view": checklists.sheet_view(inspection.sheet),
        "failing": services.failing_of(inspection), "improvements": inspection.improvements.order_by("created_at"),
    })


@login_required
def contract_inspection_add(request, pk: int):
    """The officer adds an inspection (on-site by default) beside those the rule asks for."""
    contract = get_for_actor(Contract.objects.select_related("unit", "company"), request.actor, action=VIEW, pk=pk)
    require(may_review(request.actor, contract), "検査の追加は、委託の担当課の保護責任者又は事務局が行います。")
    form = InspectionAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_add(actor=request.user, contract=contract, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{inspection}を追加しました。")
            return redirect("outsourcing:inspection_detail", pk=inspection.pk)
    return render(request, "outsourcing/inspections/add_form.html", {"form": form, "contract": contract})


# ---- 改善報告 ----------------------------------------------------------------------------------------

@login_required
def improvement_detail(request, pk: int):
    report = get_for_actor(_improvements(), request.actor, action=VIEW, pk=pk)
    actor = request.actor
    return render(request, "outsourcing/inspections/improvement_detail.html", {
        "report": report, "inspection": report.inspection, "contract": report.inspection.contract,
        "may_edit": report.editable and can(actor, report, FILE),
        "may_review": report.status == ImprovementReport.Status.SUBMITTED
        and may_review(actor, report.inspection.contract),
        "decision_form": DecisionForm(), "history": history_of(report), "overdue": report.editable
        and report.due_on < timezone.localdate(), **attachments_context(report, actor),
    })


@login_required
def improvement_edit(request, pk: int):
    report = get_for_actor(_improvements(), request.actor, action=VIEW, pk=pk)
    require(can(request.actor, report, FILE), "改善報告は受託者が提出します。")
    if not report.editable:
        messages.error(request, f"この改善報告は『{report.get_status_display()}』のため、変更できません。")
        return redirect("outsourcing:improvement_detail", pk=report.pk)
    posted = request.method == "POST"
    form = ImprovementForm(request.POST or None, request.FILES or None,
                           initial={"measures": report.measures, "done_on": report.done_on})
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.improvement_save(actor=request.user, report=report, measures=data["measures"],
                                      done_on=data["done_on"], files=[data["attachment"]] if data["attachment"] else [])
            if "submit" in request.POST:
                services.improvement_submit(actor=request.user, report=report)
        except ValidationError as exc:
            add_service_errors(form, exc, field_map={"files": "attachment"})
        else:
            submitted = "submit" in request.POST
            messages.success(request, "改善報告を提出しました。担当課の確認をお待ちください。" if submitted
                             else "改善報告を一時保存しました。")
            return redirect("outsourcing:improvement_detail" if submitted else "outsourcing:improvement_edit",
                            pk=report.pk)
    return render(request, "outsourcing/inspections/improvement_form.html", {
        "report": report, "inspection": report.inspection, "contract": report.inspection.contract, "form": form,
    })


def _improvement_decide(request, pk: int, decide, success: str):
    report = get_for_actor(_improvements(), request.actor, action=VIEW, pk=pk)
    require(may_review(request.actor, report.inspection.contract), NOT_REVIEWER)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("reason", []):
            messages.error(request, message)
        return redirect("outsourcing:improvement_detail", pk=report.pk)
    try:
        decide(report, form.cleaned_data["reason"])
    except ValidationError as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, success)
    return redirect("outsourcing:improvement_detail", pk=report.pk)


@login_required
@require_POST
def improvement_accept(request, pk: int):
    return _improvement_decide(
        request, pk, lambda report, text: services.improvement_accept(actor=request.user, report=report, comment=text),
        "改善報告を受理しました。検査は完了です。")


@login_required
@require_POST
def improvement_return(request, pk: int):
    return _improvement_decide(
        request, pk, lambda report, text: services.improvement_return(actor=request.user, report=report, reason=text),
        "改善報告を差し戻しました。")


# ---- the contract page's section: its schedule -----------------------------------------------------------

def _section(request, contract):
    actor = request.actor
    inspections = list(restrict(contract.inspections.all(), actor, VIEW).order_by("fiscal_year", "due_on", "pk"))
    return "outsourcing/inspections/contract_section.html", {
        "inspections": inspections, "inspection_rule": services.schedule_of(contract),
        "may_add_inspection": may_review(actor, contract) and contract.handles_personal_information
        and contract.status != Contract.Status.COMPLETED, "today": timezone.localdate(),
    }


views.DETAIL_SECTIONS.append(_section)
