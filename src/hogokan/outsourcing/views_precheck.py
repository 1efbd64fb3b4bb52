"""The 資料2 checklist page of a contract: the section answers (一時保存・提出), the reviewing unit confirms or
returns it; the contract page shows where it stands (views.DETAIL_SECTIONS)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hogokan.checklists import api as checklists
from hogokan.core.forms import add_service_errors
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require
from hogokan.outsourcing import services_precheck as precheck
from hogokan.outsourcing import views
from hogokan.outsourcing.models import Contract


def _contract(request, pk):
    contract = get_for_actor(Contract.objects.select_related("unit", "company", "precheck_sheet__template"),
                             request.actor, action=VIEW, pk=pk)
    require(not request.actor.is_contractor, "契約前のチェックリストは市の内部の記録です。")
    return contract


@login_required
def contract_precheck(request, pk: int):
    actor = request.actor
    contract = _contract(request, pk)
    may_answer = can(actor, contract, CHANGE)
    sheet = contract.precheck_sheet
    if request.method == "POST":
        require(may_answer, "チェックリストは所管課が記入します。")
        if sheet is None:
            try:
                contract = precheck.precheck_start(actor=request.user, contract=contract)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("outsourcing:contract_precheck", pk=pk)
            messages.success(request, "チェックリストを作成しました。")
            return redirect("outsourcing:contract_precheck", pk=pk)
    editable = sheet is not None and sheet.status in (checklists.SheetStatus.DRAFT, checklists.SheetStatus.RETURNED)
    form = None
    if sheet is not None and editable and may_answer:
        form = checklists.sheet_form(sheet, request.POST or None, request.FILES or None,
                                     partial="save" in request.POST)
        if request.method == "POST" and form.is_valid():
            try:
                checklists.sheet_save(sheet, form, actor=request.user)
                if "submit" in request.POST:
                    checklists.sheet_submit(sheet, actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "チェックリストを提出しました。審査担当課の確認を待ってください。"
                                 if "submit" in request.POST else "チェックリストを一時保存しました。")
                return redirect("outsourcing:contract_precheck", pk=pk)
    return render(request, "outsourcing/precheck.html", {
        "contract": contract, "sheet": sheet, "form": form, "may_answer": may_answer,
        "view": checklists.sheet_view(sheet) if sheet is not None else None,
        "may_review": precheck.may_review(actor) and sheet is not None
        and sheet.status == checklists.SheetStatus.SUBMITTED,
    })


@login_required
@require_POST
def contract_precheck_review(request, pk: int):
    contract = _contract(request, pk)
    require(precheck.may_review(request.actor), "チェックリストの確認は審査担当課（法務課・事務局）が行います。")
    try:
        if "confirm" in request.POST:
            precheck.precheck_confirm(actor=request.user, contract=contract)
            messages.success(request, "チェックリストを確認しました。委託は『契約前確認済』になりました。")
        else:
            precheck.precheck_return(actor=request.user, contract=contract, reason=request.POST.get("reason", ""))
            messages.success(request, "チェックリストを差し戻しました。")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("outsourcing:contract_precheck", pk=pk)


def _section(request, contract):
    if request.actor.is_contractor:
        return None
    return "outsourcing/includes/precheck_section.html", {"precheck_sheet": contract.precheck_sheet}


views.DETAIL_SECTIONS.append(_section)
