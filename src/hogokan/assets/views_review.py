"""The security-review pages: the 所管課's request, the reviewer's checklist, the result notice, the yearly table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.assets import services_review as services
from hogokan.assets.forms_review import NotifyForm, ReviewFilterForm, ReviewRequestForm, WithdrawReviewForm
from hogokan.assets.models import InfoSystem
from hogokan.assets.models_review import SystemReview
from hogokan.assets.scoping_review import REVIEW, may_request_review, may_review
from hogokan.checklists import api as checklists
from hogokan.core.exports import export_format, export_links, table_download, tables_export, tables_links
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, fiscal_year_choices, fiscal_year_param, paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict

LIST_HEADER = ["年度", "情報システム・ネットワーク名", "所管課", "該当事項", "点検の実施者", "依頼日", "状態", "点検の結果",
               "結果通知日（点検完了日）"]


def _staff(actor) -> None:
    require(actor.is_staff_member, "情報セキュリティ対策の点検のページは職員が利用できます。")


def _review(request, pk: int, action: str = VIEW) -> SystemReview:
    return get_for_actor(SystemReview.objects.select_related("system__unit", "sheet__template"), request.actor,
                         action=action, pk=pk)


@login_required
def review_list(request):
    actor = request.actor
    _staff(actor)
    form = ReviewFilterForm(filter_data(request, ReviewFilterForm), actor=actor)
    reviews = form.filtered(restrict(SystemReview.objects.select_related("system__unit"), actor, VIEW))
    if kind := export_format(request):
        return table_download(kind, stem="system-reviews", title="情報セキュリティ対策の点検", header=LIST_HEADER, rows=(
            [r.fiscal_year, r.system.name, r.system.unit.name, r.matters_label, r.get_body_display(), r.requested_on,
             r.get_status_display(), r.get_result_display(), r.notified_on] for r in reviews))
    unreviewed = services.systems_without_review(restrict(InfoSystem.objects.select_related("unit"), actor, VIEW))
    return render(request, "assets/review/review_list.html", {
        "form": form, "page": paginate(request, reviews), "exports": export_links(request),
        "unreviewed": unreviewed.order_by("unit__code", "name")[:50], "can_request": may_request_review(actor)})


@login_required
def review_create(request):
    actor = request.actor
    _staff(actor)
    require(may_request_review(actor), "点検の依頼は情報システムの所管課（保護責任者・保護担当者）が行います。")
    systems = restrict(InfoSystem.objects.filter(retired_on__isnull=True), actor, CHANGE).order_by("unit__code", "name")
    initial = {}
    if (wanted := request.GET.get("system", "")).isdigit():
        initial["system"] = int(wanted)
    form = ReviewRequestForm(request.POST or None, systems=systems, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        system = data.pop("system")
        try:
            review = services.review_request(actor=request.user, system=system, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{system.name}の点検を依頼しました。")
            return redirect("assets:security_review_detail", review.pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": "情報セキュリティ対策の点検の依頼", "submit": "依頼する", "back": reverse("assets:security_review_list"),
        "intro": "情報システムの開発・変更、ネットワークの構築・変更のときは、稼働の前に点検を受けます。"})


@login_required
def review_detail(request, pk: int):
    """The review; while 対応中 the reviewer fills in the checklist here (一時保存 keeps what is answered)."""
    actor = request.actor
    _staff(actor)
    review = _review(request, pk)
    reviewing = review.status == SystemReview.Status.IN_REVIEW and review.sheet is not None and can(actor, review, REVIEW)
    form = None
    if reviewing:
        form = checklists.sheet_form(review.sheet, request.POST or None, request.FILES or None, partial=True)
        if request.method == "POST" and form.is_valid():
            try:
                checklists.sheet_save(review.sheet, form, actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "点検項目を保存しました。")
                return redirect("assets:security_review_detail", pk)
    elif request.method == "POST":
        require(False, "点検項目を記入できるのは、対応中の点検の点検者（事務局）です。")
    return render(request, "assets/review/review_detail.html", {
        "review": review, "form": form, "view": checklists.sheet_view(review.sheet) if review.sheet else None,
        "can_start": may_review(actor) and review.status == SystemReview.Status.REQUESTED,
        "can_notify": reviewing, "can_withdraw": review.status == SystemReview.Status.REQUESTED
        and can(actor, review, CHANGE), "history": history_of(review)})


@login_required
@require_POST
def review_start(request, pk: int):
    review = _review(request, pk, REVIEW)
    try:
        services.review_start(actor=request.user, review=review)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "点検を開始しました（対応中）。点検項目を記入してください。")
    return redirect("assets:security_review_detail", pk)


@login_required
def review_notify(request, pk: int):
    review = _review(request, pk, REVIEW)
    form = NotifyForm(request.POST or None, initial={"notified_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.review_notify(actor=request.user, review=review, notified_on=data["notified_on"],
                                   result=data["result"], note=data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc, {"result_note": "note"})
        else:
            messages.success(request, f"{review.system.name}の点検の結果を通知しました。")
            return redirect("assets:security_review_detail", pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": f"点検の結果の通知: {review.system.name}", "submit": "通知する",
        "back": reverse("assets:security_review_detail", args=[pk])})


@login_required
def review_withdraw(request, pk: int):
    review = _review(request, pk, CHANGE)
    form = WithdrawReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_withdraw(actor=request.user, review=review, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "点検の依頼を取り下げました。")
            return redirect("assets:security_review_detail", pk)
    return render(request, "assets/media/form.html", {
        "form": form, "title": f"点検の依頼の取下げ: {review.system.name}", "submit": "取り下げる",
        "back": reverse("assets:security_review_detail", args=[pk])})


@login_required
def review_table(request):
    """名古屋市's yearly table (seeds/000_…), by reviewing body and 所管局, with its Excel."""
    actor = request.actor
    _staff(actor)
    year = fiscal_year_param(request)
    tables = services.review_tables(restrict(SystemReview.objects.all(), actor, VIEW), year)
    if response := tables_export(request, tables, stem=f"system-reviews-{year}"):
        return response
    return render(request, "assets/review/review_table.html", {
        "year": year, "years": fiscal_year_choices(), "tables": tables, "exports": tables_links(request, tables)})
