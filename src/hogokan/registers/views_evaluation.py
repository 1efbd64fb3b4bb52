"""評価書 and evaluation rounds (評価の実施・再実施) with the 変更箇所 table (issue 22 §3).

Scoped as the PIA pages: a round belongs to its 業務所管課 (its officer and staff and the chief change it), the
評価書 to its PIA's unit; every member of staff reads the 評価書 (they are published documents). The 諮問 paper
prints through the reports module (``reports:evaluation_paper``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, restrict
from hogokan.registers import council, services_evaluation
from hogokan.registers.forms_evaluation import DocumentForm, PublishForm, RoundForm, change_formset
from hogokan.registers.models import PIA, EvaluationDocument, EvaluationRound
from hogokan.registers.scoping import can_draft
from hogokan.registers.views_files import require_staff

ROUND_HEADER = ["区分", "業務の名称", "業務所管課", "実施時期", "評価書", "諮問日", "答申日", "状態", "公表日"]


def _round_for(request, pk: int, action: str = VIEW) -> EvaluationRound:
    return get_for_actor(EvaluationRound.objects.select_related("unit"), request.actor, action=action, pk=pk)


def _document_for(request, pk: int, action: str = VIEW) -> EvaluationDocument:
    return get_for_actor(EvaluationDocument.objects.select_related("pia__file__unit"), request.actor, action=action,
                         pk=pk)


# ---- 評価書 ---------------------------------------------------------------------------------------

@login_required
def document_create(request, pk: int):
    pia = get_for_actor(PIA.objects.select_related("file"), request.actor, action=CHANGE, pk=pk)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services_evaluation.document_save(actor=request.user, pia=pia, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"評価書「{document.title}」を登録しました。")
            return redirect("registers:pia_detail", pia.pk)
    return render(request, "registers/evaluation_document_form.html", {"form": form, "pia": pia, "document": None})


@login_required
def document_edit(request, pk: int):
    document = _document_for(request, pk, CHANGE)
    initial = {"number": document.number, "name": document.name, "kind": document.kind}
    form = DocumentForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services_evaluation.document_save(actor=request.user, pia=document.pia, document=document,
                                              **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "評価書を修正しました。")
            return redirect("registers:document_detail", document.pk)
    return render(request, "registers/evaluation_document_form.html", {"form": form, "pia": document.pia,
                                                                       "document": document})


@login_required
def document_detail(request, pk: int):
    document = _document_for(request, pk)
    rounds = restrict(document.rounds.select_related("unit"), request.actor, VIEW).order_by("-planned_on")
    return render(request, "registers/evaluation_document_detail.html", {
        "document": document, "versions": document.versions.select_related("round"), "rounds": rounds,
        "can_change": can(request.actor, document, CHANGE), "history": history_of(document),
    })


# ---- evaluation rounds -------------------------------------------------------------------------------

@login_required
def round_list(request):
    actor = request.actor
    require_staff(actor)
    rounds = restrict(EvaluationRound.objects.select_related("unit").prefetch_related("documents"), actor, VIEW)
    status = request.GET.get("status", "")
    if status in EvaluationRound.Status.values:
        rounds = rounds.filter(status=status)
    rounds = rounds.order_by("-planned_on", "-pk")
    kind = export_format(request)
    if kind:
        rows = [(r.get_kind_display(), r.title, r.unit.name, r.planned_label,
                 "、".join(f"（{d.number}）{d.title}" for d in r.documents.all()), r.consulted_on, r.answered_on,
                 r.stage_label, r.published_on) for r in rounds]
        return table_download(kind, stem="evaluations", title="特定個人情報保護評価の実施（再実施）", header=ROUND_HEADER,
                              rows=rows)
    return render(request, "registers/evaluation_list.html", {
        "page": paginate(request, rounds), "status": status, "statuses": EvaluationRound.Status.choices,
        "export_links": export_links(request), "can_draft": can_draft(actor),
    })


def _rows_param(request, default: int) -> int:
    value = request.GET.get("rows", "")
    return min(max(int(value), 1), 100) if value.isdigit() else default


@login_required
def round_create(request):
    actor = request.actor
    require_staff(actor)
    if not can_draft(actor):
        raise PermissionDenied("評価の実施（再実施）を登録する権限がありません。")
    initial = {"kind": EvaluationRound.Kind.REEVALUATION}
    if request.GET.get("document", "").isdigit():
        initial["documents"] = [request.GET["document"]]
    form = RoundForm(request.POST or None, actor=actor, initial=initial)
    formset = change_formset(request.POST or None, rows=_rows_param(request, 3))
    return _round_form(request, form, formset, None)


@login_required
def round_edit(request, pk: int):
    round = _round_for(request, pk, CHANGE)
    if not round.editable:
        messages.error(request, "公表済みの評価の実施は編集できません。")
        return redirect("registers:evaluation_detail", round.pk)
    initial_rows = [{"item": c.item, "before": c.before, "after": c.after} for c in round.changes.all()]
    form = RoundForm(request.POST or None, actor=request.actor, initial=RoundForm.initial_for(round))
    formset = change_formset(request.POST or None, initial=initial_rows, rows=_rows_param(request, 2))
    return _round_form(request, form, formset, round)


def _round_form(request, form, formset, round):
    if request.method == "POST":
        form_ok, rows_ok = form.is_valid(), formset.is_valid()
        if form_ok and rows_ok:
            data = {name: form.cleaned_data[name] for name in RoundForm.SERVICE_FIELDS}
            try:
                round = services_evaluation.round_save(actor=request.user, round=round, changes=formset.rows(), **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "評価の実施（再実施）を保存しました。")
                return redirect("registers:evaluation_detail", round.pk)
    rows = formset.total_form_count()
    return render(request, "registers/evaluation_form.html", {
        "form": form, "formset": formset, "round": round, "rows": rows, "more_rows": min(rows + 5, 100),
        "row_errors": formset.row_errors if request.method == "POST" else [],
        "error_count": len(form.errors) + (len(formset.row_errors) if request.method == "POST" else 0)
        + len(formset.non_form_errors()),
    })


@login_required
def round_detail(request, pk: int):
    round = _round_for(request, pk)
    items = []
    for item in round.agenda_items.select_related("meeting").order_by("meeting__held_on", "number"):
        items.append(item)
    return render(request, "registers/evaluation_detail.html", {
        "round": round, "documents": round.documents.select_related("pia__file__unit").order_by("number", "pk"),
        "changes": round.changes.all(), "agenda_items": items, "can_change": can(request.actor, round, CHANGE),
        "needs_review": any(d.kind == "full" for d in round.documents.all()),
        "history": history_of(round), "subjects": council.subjects(),
    })


@login_required
def round_publish(request, pk: int):
    round = _round_for(request, pk, CHANGE)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_evaluation.round_publish(actor=request.user, round=round, by_office=request.actor.is_office,
                                              published_on=form.cleaned_data["published_on"],
                                              early_reason=form.cleaned_data["early_reason"])
        except ValidationError as exc:
            add_service_errors(form, exc, {"early_publication_reason": "early_reason", "status": None})
        else:
            messages.success(request, "公表を記録しました。評価書ごとに新しい版を登録しました。")
            return redirect("registers:evaluation_detail", round.pk)
    return render(request, "registers/evaluation_publish.html", {
        "round": round, "form": form, "needs_review": any(d.kind == "full" for d in round.documents.all())})
