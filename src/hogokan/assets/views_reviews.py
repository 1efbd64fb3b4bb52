"""Access reviews (the 所管課's tasks after 人事異動 and leaves), account stocktakes and log analyses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.assets import reviews, services
from hogokan.assets.forms import AccessReviewFilterForm, LogAnalysisForm, ResolveForm
from hogokan.assets.models import AccessReview, AccountStocktake, InfoSystem, StocktakeLine
from hogokan.assets.scoping import CONFIRM
from hogokan.checklists import api as checklists
from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.org.models import Person

REVIEW_HEADER = ["システム", "所管課", "アカウントID", "管理者権限", "職員番号", "氏名", "理由", "異動・休職の日", "期限",
                 "状態", "結果", "停止日", "理由・備考"]


def _staff(actor) -> None:
    require(actor.is_staff_member, "このページは職員が利用できます。")


def _system(request, pk: int, action: str = VIEW) -> InfoSystem:
    return get_for_actor(InfoSystem.objects.select_related("unit"), request.actor, action=action, pk=pk)


# ---- access reviews ---------------------------------------------------------------------------------

@login_required
def review_list(request):
    actor = request.actor
    _staff(actor)
    form = AccessReviewFilterForm(filter_data(request, AccessReviewFilterForm), actor=actor,
                                  initial={"status": AccessReview.Status.OPEN})
    rows = form.filtered(restrict(AccessReview.objects.select_related("system", "unit", "account", "person"), actor,
                                  VIEW)).order_by("status", "due", "pk")
    kind = export_format(request)
    if kind:
        return table_download(kind, stem="access-reviews", title="アカウントの見直し", header=REVIEW_HEADER, rows=(
            [r.system.name, r.unit.name, r.account.account_id, "○" if r.account.admin else "", r.person.employee_no,
             r.person.name, r.get_reason_display(), r.event_date, r.due, r.get_status_display(),
             r.get_outcome_display() if r.outcome else "", r.disabled_on, r.outcome_reason] for r in rows))
    return render(request, "assets/review_list.html", {
        "form": form, "page": paginate(request, rows), "exports": export_links(request),
        "today": timezone.localdate()})


def _review(request, pk: int, action: str = VIEW) -> AccessReview:
    return get_for_actor(AccessReview.objects.select_related("system", "unit", "account", "person", "event", "leave"),
                         request.actor, action=action, pk=pk)


@login_required
def review_detail(request, pk: int):
    actor = request.actor
    review = _review(request, pk)
    may_change = can(actor, review, CHANGE)
    may_confirm = restrict(AccessReview.objects.filter(pk=review.pk), actor, CONFIRM).exists()
    form = ResolveForm(request.POST or None)
    if request.method == "POST":
        review = _review(request, pk, CHANGE)
        if form.is_valid():
            data = form.cleaned_data
            try:
                reviews.review_resolve(actor=request.user, review=review, outcome=data["outcome"],
                                       reason=data["reason"], disabled_on=data["disabled_on"], by_office=may_confirm)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "アカウントの見直しを記録しました。" if review.status == "done" else
                                 "継続を記録しました。管理者権限のため事務局の確認を待ちます。")
                return redirect("assets:review_list")
    return render(request, "assets/review_detail.html", {
        "review": review, "form": form, "can_resolve": may_change and review.status == "open"
        and (not review.awaiting_confirmation or may_confirm), "can_confirm": may_confirm
        and review.awaiting_confirmation, "today": timezone.localdate(), "history": history_of(review)})


@login_required
@require_POST
def review_confirm(request, pk: int):
    review = _review(request, pk, CONFIRM)
    try:
        reviews.review_confirm(actor=request.user, review=review, comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assets:review_detail", pk)
    messages.success(request, "管理者権限の継続を確認しました。")
    return redirect("assets:review_list")


# ---- stocktakes -------------------------------------------------------------------------------------

@login_required
@require_POST
def stocktake_start(request, pk: int):
    system = _system(request, pk, CHANGE)
    try:
        stocktake = services.stocktake_start(actor=request.user, system=system)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assets:system_detail", pk)
    messages.success(request, "アカウントの棚卸しを開始しました。")
    return redirect("assets:stocktake_detail", stocktake.pk)


def _stocktake(request, pk: int, action: str = VIEW) -> AccountStocktake:
    return get_for_actor(AccountStocktake.objects.select_related("system", "system__unit", "sheet"), request.actor,
                         action=action, pk=pk)


@login_required
def stocktake_detail(request, pk: int):
    """The stocktake: each account 確認 or 停止 (to-disable ones flagged), the questions, 完了."""
    actor = request.actor
    stocktake = _stocktake(request, pk)
    lines = list(stocktake.lines.select_related("account", "account__person").order_by("-flag", "account__account_id"))
    may_change = can(actor, stocktake, CHANGE) and stocktake.status == AccountStocktake.Status.OPEN
    sheet_form = checklists.sheet_form(stocktake.sheet, request.POST or None, partial=True) if (
        stocktake.sheet and may_change) else None
    if request.method == "POST":
        stocktake = _stocktake(request, pk, CHANGE)
        try:
            for line in lines:
                decision = request.POST.get(f"line{line.pk}", line.decision)
                if decision != line.decision:
                    services.stocktake_line_decide(actor=request.user, line=line, decision=decision)
            if sheet_form is not None and sheet_form.is_valid():
                checklists.sheet_save(stocktake.sheet, sheet_form, actor=request.user)
            if "complete" in request.POST:
                services.stocktake_require_decided(stocktake)
                if stocktake.sheet and checklists.missing_items(stocktake.sheet):
                    raise ValidationError("確認項目にすべて回答してから完了してください。")
                with transaction.atomic():
                    services.stocktake_complete(actor=request.user, stocktake=stocktake,
                                                completed_on=timezone.localdate())
                    if stocktake.sheet:
                        checklists.sheet_submit(stocktake.sheet, actor=request.user)
                messages.success(request, "棚卸しを完了しました。停止としたアカウントは停止されました。")
                return redirect("assets:system_detail", stocktake.system_id)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "棚卸しの確認結果を保存しました。")
            return redirect("assets:stocktake_detail", pk)
    return render(request, "assets/stocktake_detail.html", {
        "stocktake": stocktake, "lines": lines, "can_change": may_change, "sheet_form": sheet_form,
        "sheet_view": checklists.sheet_view(stocktake.sheet) if stocktake.sheet else None,
        "decisions": StocktakeLine.Decision.choices, "today": timezone.localdate(), "history": history_of(stocktake)})


# ---- log analyses -----------------------------------------------------------------------------------

@login_required
def log_analysis_add(request, pk: int):
    system = _system(request, pk, CHANGE)
    form = LogAnalysisForm(request.POST or None, initial={"analysed_on": timezone.localdate(),
                                                          "analysed_by_no": request.actor.person.employee_no})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = Person.objects.filter(employee_no=data["analysed_by_no"].strip()).first()
        if person is None:
            form.add_error("analysed_by_no", f"職員番号「{data['analysed_by_no']}」の職員等は登録されていません。")
        else:
            try:
                services.log_analysis_record(actor=request.user, system=system, analysed_on=data["analysed_on"],
                                             analysed_by=person, scope=data["scope"], findings=data["findings"],
                                             irregular=data["irregular"], incident_number=data["incident_number"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "ログの点検・分析を記録しました。")
                return redirect("assets:system_detail", pk)
    return render(request, "assets/form.html", {"form": form, "title": f"ログの点検・分析の記録: {system.name}",
                                                "submit": "記録する", "system": system})


@login_required
def schedules(request):
    """The periodic tasks of the systems the actor sees: log analyses and stocktakes, overdue first."""
    actor = request.actor
    _staff(actor)
    today = timezone.localdate()
    systems = restrict(InfoSystem.objects.filter(retired_on__isnull=True).select_related("unit"), actor, VIEW)
    rows = []
    for system in systems.order_by("unit__code", "name"):
        log_due, stock_due = services.log_analysis_due(system), services.stocktake_due(system)
        if log_due or stock_due:
            rows.append({"system": system, "log_due": log_due, "stocktake_due": stock_due,
                         "overdue": any(due and due < today for due in (log_due, stock_due))})
    if request.GET.get("overdue"):
        rows = [row for row in rows if row["overdue"]]
    rows.sort(key=lambda row: (not row["overdue"], min(d for d in (row["log_due"], row["stocktake_due"]) if d)))
    kind = export_format(request)
    if kind:
        return table_download(kind, stem="asset-schedules", title="ログの点検・分析と棚卸しの予定",
                              header=["システム", "所管課", "ログの点検・分析の期限", "棚卸しの期限", "期限超過"],
                              rows=([r["system"].name, r["system"].unit.name, r["log_due"], r["stocktake_due"],
                                     "超過" if r["overdue"] else ""] for r in rows))
    return render(request, "assets/schedules.html", {"page": paginate(request, rows), "today": today,
                                                     "exports": export_links(request),
                                                     "overdue_only": bool(request.GET.get("overdue"))})
