"""特定個人情報保護評価: list with due dates, the record with its document, review, 重要な変更, re-evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, restrict
from hogokan.core.views import attachments_context
from hogokan.registers import exports, rules, services
from hogokan.registers.forms import PiaChangeForm, PiaForm, PiaReevaluateForm, PiaReviewForm
from hogokan.registers.models import PIA
from hogokan.registers.scoping import can_draft
from hogokan.registers.views_files import require_staff


def _pia_for(request, pk: int, action: str = VIEW) -> PIA:
    return get_for_actor(PIA.objects.select_related("file__unit", "file__organ"), request.actor, action=action, pk=pk)


@login_required
def pia_list(request):
    actor = request.actor
    require_staff(actor)
    pias = restrict(PIA.objects.select_related("file__unit"), actor, VIEW).order_by("reevaluation_due", "pk")
    kind = export_format(request)
    if kind:
        return table_download(kind, stem="pia", title="特定個人情報保護評価", header=exports.PIA_HEADER,
                              rows=exports.pia_rows(pias))
    return render(request, "registers/pia_list.html", {
        "page": paginate(request, pias), "today": timezone.localdate(),
        "export_links": export_links(request), "can_draft": can_draft(actor),
    })


@login_required
def pia_create(request):
    actor = request.actor
    require_staff(actor)
    if not can_draft(actor):
        raise PermissionDenied("特定個人情報保護評価を登録する権限がありません。")
    initial = {"file": request.GET.get("file")} if request.GET.get("file", "").isdigit() else {}
    form = PiaForm(request.POST or None, actor=actor, initial=initial)
    return _pia_form(request, form, None)


@login_required
def pia_edit(request, pk: int):
    pia = _pia_for(request, pk, CHANGE)
    initial = {name: getattr(pia, name) for name in ("persons", "handlers", "serious_accident", "published_on",
                                                      "last_reviewed_on", "note")}
    initial["file"] = pia.file_id
    form = PiaForm(request.POST or None, actor=request.actor, editing=pia, initial=initial)
    return _pia_form(request, form, pia)


def _pia_form(request, form, pia):
    computed = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pia = services.pia_save(actor=request.user, pia=pia, file=data["file"], persons=data["persons"],
                                    handlers=data["handlers"], serious_accident=data["serious_accident"],
                                    published_on=data["published_on"], last_reviewed_on=data["last_reviewed_on"],
                                    note=data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"保護評価を保存しました（{pia.level_label}）。")
            return redirect("registers:pia_detail", pia.pk)
    cleaned = getattr(form, "cleaned_data", {}) if form.is_bound else {}
    if cleaned.get("persons") is not None and cleaned.get("handlers") is not None:
        computed = rules.pia_level(cleaned["persons"], cleaned["handlers"], cleaned.get("serious_accident", False))
    return render(request, "registers/pia_form.html", {"form": form, "pia": pia, "computed": computed})


@login_required
def pia_detail(request, pk: int):
    actor = request.actor
    pia = _pia_for(request, pk)
    editable = can(actor, pia, CHANGE)
    return render(request, "registers/pia_detail.html", {
        "pia": pia, "computed": pia.computed, "changes": pia.changes.select_related("recorded_by"),
        "documents": pia.documents.order_by("number", "pk"),
        "today": timezone.localdate(), "can_change": editable, "history": history_of(pia),
        "review_form": PiaReviewForm() if editable else None, **attachments_context(pia, actor),
    })


@login_required
def pia_review(request, pk: int):
    pia = _pia_for(request, pk, CHANGE)
    form = PiaReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pia_review(actor=request.user, pia=pia, reviewed_on=form.cleaned_data["reviewed_on"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "見直しの実施を記録しました。")
            return redirect("registers:pia_detail", pia.pk)
    return render(request, "registers/pia_action.html", {"pia": pia, "form": form, "title": "見直しの記録",
                                                         "button": "記録する"})


@login_required
def pia_change(request, pk: int):
    pia = _pia_for(request, pk, CHANGE)
    form = PiaChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pia_change_record(actor=request.user, pia=pia, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "重要な変更を登録しました。変更の予定日までに再評価してください。")
            return redirect("registers:pia_detail", pia.pk)
    return render(request, "registers/pia_action.html", {"pia": pia, "form": form, "title": "重要な変更の登録",
                                                         "button": "登録する"})


@login_required
def pia_reevaluate(request, pk: int):
    pia = _pia_for(request, pk, CHANGE)
    form = PiaReevaluateForm(request.POST or None, initial={"persons": pia.persons, "handlers": pia.handlers,
                                                            "serious_accident": pia.serious_accident})
    if request.method == "POST" and form.is_valid():
        try:
            services.pia_reevaluate(actor=request.user, pia=pia, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "再評価の公表を記録しました。")
            return redirect("registers:pia_detail", pia.pk)
    return render(request, "registers/pia_action.html", {"pia": pia, "form": form, "title": "再評価の記録",
                                                         "button": "記録する"})
