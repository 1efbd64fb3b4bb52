"""The pages of removable media (register, 現物確認, 廃棄・返却) and take-outs (request → approval → return)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.assets import services_media as services
from hogokan.assets.forms_media import (
    DecisionForm,
    MediumDisposeForm,
    MediumFilterForm,
    MediumForm,
    ReturnForm,
    StocktakeFilterForm,
    StocktakeForm,
    TakeOutFilterForm,
    TakeOutForm,
    WithdrawForm,
)
from hogokan.assets.models_media import MediumStocktake, RemovableMedium, TakeOut
from hogokan.assets.scoping_media import (
    DECIDE,
    RECORD,
    may_open_stocktakes,
    may_register_media,
    may_request_takeout,
)
from hogokan.core.calendar import wareki
from hogokan.core.exports import export_format, export_links, table_download, tables_export, tables_links
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, fiscal_year_choices, fiscal_year_param, paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.outsourcing.api import contracts_for


def _staff(actor) -> None:
    require(actor.is_staff_member, "外部記録媒体のページは職員が利用できます。")


def _own_unit(actor):
    return actor.assignment.unit if actor.assignment and actor.assignment.unit_id else None


# ---- media ------------------------------------------------------------------------------------------------

MEDIA_HEADER = ["所属", "管理番号", "媒体の種類", "品名・型番", "暗号化", "保管場所", "使用を許可された職員", "使用許可日",
                "使用許可の期限", "状態", "廃棄・返却日", "消去の方法", "消去した者", "消去証明書等"]


@login_required
def media_list(request):
    actor = request.actor
    _staff(actor)
    form = MediumFilterForm(filter_data(request, MediumFilterForm), actor=actor)
    media = (form.filtered(restrict(RemovableMedium.objects.select_related("unit"), actor, VIEW))
             .prefetch_related("permitted_users").order_by("unit__code", "number"))
    if kind := export_format(request):
        return table_download(kind, stem="removable-media", title="外部記録媒体", header=MEDIA_HEADER, rows=(
            [m.unit.name, m.number, m.get_kind_display(), m.description, m.get_encryption_display(), m.storage_place,
             "、".join(p.name for p in m.permitted_users.all()) or "所属の全員", m.permitted_from, m.permitted_to,
             m.get_status_display(), m.disposed_on, m.get_erasure_method_display(), m.get_erased_by_display(),
             m.certificate] for m in media))
    return render(request, "assets/media/media_list.html", {
        "form": form, "page": paginate(request, media), "exports": export_links(request),
        "can_register": may_register_media(actor) and _own_unit(actor) is not None})


@login_required
def media_create(request):
    actor = request.actor
    require(may_register_media(actor), "外部記録媒体の登録は所属の保護責任者（課長等）が行います。")
    unit = _own_unit(actor)
    require(unit is not None, "所属のある配属で登録してください。")
    form = MediumForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        users = list(data.pop("permitted_users"))
        try:
            medium = services.medium_save(actor=request.user, unit=unit, permitted_users=users, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"外部記録媒体 {medium.number} を登録しました。")
            return redirect("assets:media_detail", medium.pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": "外部記録媒体の登録", "submit": "登録する", "back": reverse("assets:media_list"),
        "intro": f"{unit.name}で使用を許可する外部記録媒体を登録します（点検表⑥）。"})


@login_required
def media_detail(request, pk: int):
    actor = request.actor
    _staff(actor)
    medium = get_for_actor(RemovableMedium.objects.select_related("unit"), actor, pk=pk)
    checks = medium.checks.select_related("stocktake").order_by("-stocktake__year", "-stocktake__month")[:24]
    return render(request, "assets/media/media_detail.html", {
        "medium": medium, "users": medium.permitted_users.order_by("employee_no"), "checks": checks,
        "takeouts": restrict(medium.take_outs.all(), actor, VIEW).order_by("-taken_out_on")[:20],
        "can_change": can(actor, medium, CHANGE), "history": history_of(medium)})


@login_required
def media_edit(request, pk: int):
    medium = get_for_actor(RemovableMedium.objects.select_related("unit"), request.actor, action=CHANGE, pk=pk)
    form = MediumForm(request.POST or None, instance=medium, unit=medium.unit,
                      initial={"permitted_users": list(medium.permitted_users.all())})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        users = list(data.pop("permitted_users"))
        try:
            services.medium_save(actor=request.user, medium=RemovableMedium.objects.get(pk=pk), permitted_users=users,
                                 **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "外部記録媒体を変更しました。")
            return redirect("assets:media_detail", pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": f"外部記録媒体の変更: {medium.number}", "submit": "変更する",
        "back": reverse("assets:media_detail", args=[pk])})


@login_required
def media_dispose(request, pk: int):
    medium = get_for_actor(RemovableMedium.objects.select_related("unit"), request.actor, action=CHANGE, pk=pk)
    form = MediumDisposeForm(request.POST or None, initial={"disposed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.medium_dispose(actor=request.user, medium=medium, disposal=data["disposal"],
                                    disposed_on=data["disposed_on"], erasure_method=data["erasure_method"],
                                    erased_by=data["erased_by"], certificate=data["certificate"], note=data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc, {"disposal_note": "note"})
        else:
            messages.success(request, f"外部記録媒体 {medium.number} の{medium.get_disposal_display()}を記録しました。")
            return redirect("assets:media_detail", pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": f"外部記録媒体の廃棄・返却: {medium.number}", "submit": "記録する",
        "back": reverse("assets:media_detail", args=[pk]),
        "intro": "記録された情報を復元できない方法で消去したことを記録します。消去を委託したときは受託者の消去証明書等を"
                 "確認してください（点検表14）。"})


# ---- the monthly 現物確認 -----------------------------------------------------------------------------------

@login_required
def media_stocktake_list(request):
    actor = request.actor
    _staff(actor)
    form = StocktakeFilterForm(filter_data(request, StocktakeFilterForm), actor=actor)
    stocktakes = form.filtered(restrict(MediumStocktake.objects.select_related("unit", "checked_by__person"),
                                        actor, VIEW)).order_by("-year", "-month", "unit__code")
    today = timezone.localdate()
    unit = _own_unit(actor)
    return render(request, "assets/media/stocktake_list.html", {
        "form": form, "page": paginate(request, stocktakes), "today": today,
        "overdue": services.overdue_stocktakes(restrict(MediumStocktake.objects.all(), actor, VIEW), today).count(),
        "can_start": actor.is_section_member and unit is not None, "can_open_all": may_open_stocktakes(actor)})


@login_required
@require_POST
def media_stocktake_start(request):
    """A section starts this month's 現物確認 of its own media; the office opens it for every section."""
    actor = request.actor
    today = timezone.localdate()
    if may_open_stocktakes(actor):
        opened = services.stocktakes_open_month(actor=request.user, year=today.year, month=today.month)
        messages.success(request, f"{today.year}年{today.month}月の現物確認を{len(opened)}所属に依頼しました。")
        return redirect("assets:media_stocktake_list")
    require(actor.is_section_member and _own_unit(actor) is not None,
            "現物確認は所属の保護責任者又は保護担当者が行います。")
    stocktake = services.stocktake_open(actor=request.user, unit=_own_unit(actor), year=today.year, month=today.month)
    return redirect("assets:media_stocktake_detail", stocktake.pk)


def _incident_link(stocktake, missing) -> str:
    numbers = "、".join(medium.number for medium in missing)
    query = urlencode({"title": f"外部記録媒体の所在不明（{numbers}）",
                       "summary": f"{stocktake.label}の現物確認で、{stocktake.unit.name}の外部記録媒体 {numbers} の"
                                  "所在が確認できなかった。"})
    return f"{reverse('incidents:new')}?{query}"


@login_required
def media_stocktake_detail(request, pk: int):
    """The month's list of the section's media: each present or missing; missing → an incident draft."""
    actor = request.actor
    _staff(actor)
    stocktake = get_for_actor(MediumStocktake.objects.select_related("unit", "checked_by__person"), actor, pk=pk)
    may_record = stocktake.status == MediumStocktake.Status.OPEN and can(actor, stocktake, RECORD)
    form = None
    if may_record:
        form = StocktakeForm(request.POST or None, media=services.media_to_check(stocktake.unit),
                             initial={"checked_on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            results = {medium.pk: services.CheckInput(data[result], data[note])
                       for medium, result, note in form.media_rows}
            try:
                missing = services.stocktake_record(actor=request.user, stocktake=stocktake, results=results,
                                                    checked_on=data["checked_on"], note=data["note"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if missing:
                    messages.warning(request, f"所在不明の外部記録媒体が{len(missing)}件あります。漏えい等事案の"
                                              "第一報を作成してください。")
                else:
                    messages.success(request, "現物確認を記録しました。すべての媒体の所在を確認しました。")
                return redirect("assets:media_stocktake_detail", pk)
    elif request.method == "POST":
        require(False, "この現物確認は記録できません（記録済み、又は所属の保護責任者・保護担当者ではありません）。")
    checks = list(stocktake.checks.select_related("medium").order_by("medium__number"))
    missing = [check.medium for check in checks if check.result == check.Result.MISSING]
    return render(request, "assets/media/stocktake_detail.html", {
        "stocktake": stocktake, "form": form, "checks": checks, "missing": missing,
        "incident_url": _incident_link(stocktake, missing) if missing and not actor.is_auditor else "",
        "today": timezone.localdate(), "history": history_of(stocktake)})


# ---- take-outs ---------------------------------------------------------------------------------------------

TAKEOUT_HEADER = ["持出し番号", "所属", "委託", "持ち出す人", "持ち出すもの", "含まれる個人情報", "媒体", "外部記録媒体",
                  "暗号化等", "持出し先", "目的", "目的の内容", "持出し日", "返却予定日", "状態", "承認者", "承認・不承認の日",
                  "返却日", "返却を確認した者"]


@login_required
def takeout_list(request):
    actor = request.actor
    require(actor.is_authenticated)
    form = TakeOutFilterForm(filter_data(request, TakeOutFilterForm), actor=actor)
    takeouts = form.filtered(restrict(TakeOut.objects.select_related(
        "unit", "carrier", "contract", "medium", "decided_by__person", "return_checked_by__person"), actor, VIEW))
    takeouts = takeouts.order_by("-taken_out_on", "-number")
    today = timezone.localdate()
    if kind := export_format(request):
        return table_download(kind, stem="take-outs", title="持出し", header=TAKEOUT_HEADER, rows=(
            [t.number, t.unit.name, t.contract.title if t.contract else "", t.carrier.name, t.items,
             t.personal_information, t.get_medium_kind_display(), t.medium.number if t.medium else "",
             t.get_protection_display(), t.destination, t.get_purpose_display(), t.purpose_detail, t.taken_out_on,
             t.planned_return, "返却予定日超過" if t.is_overdue(today) else t.get_status_display(),
             t.decided_by.get_full_name() if t.decided_by else "", t.decided_on, t.returned_on,
             t.return_checked_by.get_full_name() if t.return_checked_by else ""] for t in takeouts))
    return render(request, "assets/media/takeout_list.html", {
        "form": form, "page": paginate(request, takeouts), "exports": export_links(request), "today": today,
        "can_request": may_request_takeout(actor), "is_contractor": actor.is_contractor,
        "overdue": services.overdue_takeouts(restrict(TakeOut.objects.all(), actor, DECIDE), today).count()})


@login_required
def takeout_create(request):
    actor = request.actor
    require(may_request_takeout(actor), "持出しの申請は所属の職員（又は委託の受託者）が行います。")
    contracts = contracts_for(actor) if actor.is_contractor else None
    unit = None if contracts is not None else _own_unit(actor)
    if contracts is not None and request.method == "POST":
        chosen = contracts.filter(pk=request.POST.get("contract") or 0).first()
        unit = chosen.unit if chosen else None
    form = TakeOutForm(request.POST or None, unit=unit, contracts=contracts,
                       initial={"taken_out_on": timezone.localdate(), "planned_return": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        contract = data.pop("contract", None)
        try:
            takeout = services.takeout_request(actor=request.user, unit=contract.unit if contract else unit,
                                               carrier=actor.person, contract=contract, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"持出しを申請しました（持出し番号 {takeout.number}）。所属の保護責任者の承認を"
                                      "受けてから持ち出してください。")
            return redirect("assets:takeout_detail", takeout.pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": "持出しの申請", "submit": "申請する", "back": reverse("assets:takeout_list"),
        "intro": "必要最小限の情報を、施錠したかばん等に入れて持ち出します（点検表④⑤）。電子情報は暗号化又はパスワードを"
                 "設定してください（点検表17）。"})


def _takeout(request, pk: int, action: str = VIEW) -> TakeOut:
    return get_for_actor(TakeOut.objects.select_related("unit", "carrier", "contract", "medium"), request.actor,
                         action=action, pk=pk)


@login_required
def takeout_detail(request, pk: int):
    actor = request.actor
    require(actor.is_authenticated)
    takeout = _takeout(request, pk)
    may_decide = can(actor, takeout, DECIDE) and takeout.requested_by_id != request.user.pk
    return render(request, "assets/media/takeout_detail.html", {
        "takeout": takeout, "today": timezone.localdate(), "overdue": takeout.is_overdue(timezone.localdate()),
        "can_decide": may_decide and takeout.status == TakeOut.Status.REQUESTED,
        "can_check_return": may_decide and takeout.status == TakeOut.Status.APPROVED,
        "can_withdraw": can(actor, takeout, CHANGE) and takeout.status == TakeOut.Status.REQUESTED,
        "decision_form": DecisionForm(), "return_form": ReturnForm(initial={"returned_on": timezone.localdate()}),
        "history": history_of(takeout)})


@login_required
def takeout_decide(request, pk: int):
    takeout = _takeout(request, pk, DECIDE)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.takeout_approve(actor=request.user, takeout=takeout, comment=data["comment"])
                messages.success(request, f"持出し {takeout.number} を承認しました。")
            else:
                services.takeout_reject(actor=request.user, takeout=takeout, comment=data["comment"])
                messages.success(request, f"持出し {takeout.number} を承認しませんでした。")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("assets:takeout_detail", pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": f"持出しの承認: {takeout.number}", "submit": "決定する",
        "back": reverse("assets:takeout_detail", args=[pk]), "takeout": takeout})


@login_required
def takeout_return(request, pk: int):
    takeout = _takeout(request, pk, DECIDE)
    form = ReturnForm(request.POST or None, initial={"returned_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.takeout_return(actor=request.user, takeout=takeout, returned_on=form.cleaned_data["returned_on"],
                                    note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"持出し {takeout.number} の返却を確認しました（{wareki(takeout.returned_on)}）。")
            return redirect("assets:takeout_detail", pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": f"返却の確認: {takeout.number}", "submit": "返却を確認する",
        "back": reverse("assets:takeout_detail", args=[pk]), "takeout": takeout})


@login_required
def takeout_withdraw(request, pk: int):
    takeout = _takeout(request, pk, CHANGE)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.takeout_withdraw(actor=request.user, takeout=takeout, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"持出し {takeout.number} の申請を取り下げました。")
            return redirect("assets:takeout_detail", pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": f"持出しの申請の取下げ: {takeout.number}", "submit": "取り下げる",
        "back": reverse("assets:takeout_detail", args=[pk])})


@login_required
def takeout_statistics(request):
    """京都市 全庁調査 (b)(c)(d) from the records: media, purposes, approval and return, per unit."""
    actor = request.actor
    _staff(actor)
    year = fiscal_year_param(request)
    tables = services.takeout_tables(restrict(TakeOut.objects.all(), actor, VIEW), year, timezone.localdate())
    if response := tables_export(request, tables, stem=f"take-outs-{year}"):
        return response
    return render(request, "assets/media/takeout_statistics.html", {
        "year": year, "years": fiscal_year_choices(), "exports": tables_links(request, tables)})
