"""The 審議会 register (issue 22 §3): meetings (回, 開催日, 場所) and their numbered 日程 (諮問・報告), each tied to
what it concerns. Every member of staff reads it; the office (事務局) keeps it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from hogokan.core.calendar import wareki_fiscal_year
from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor, require, restrict
from hogokan.registers import council, services_evaluation
from hogokan.registers.forms_evaluation import AgendaItemForm, MeetingForm
from hogokan.registers.models import CouncilAgendaItem, CouncilMeeting
from hogokan.registers.views_files import require_staff

OFFICE_ONLY = "審議会の記録は事務局（総括保護管理者）が登録します。"
HEADER = ["回", "開催日", "場所", "日程", "諮問・報告", "案件名", "担当課", "関係する記録", "結果"]


def concerns(item: CouncilAgendaItem) -> tuple[str, str]:
    """(what the item concerns, its page) for the pages and the download."""
    Subject = CouncilAgendaItem.Subject
    if item.subject == Subject.EVALUATION and item.evaluation_id:
        return f"評価の実施: {item.evaluation.title}", reverse("registers:evaluation_detail", args=[item.evaluation_id])
    if item.subject == Subject.RECORD:
        label, name, url = council.describe(item)
        return f"{label}: {name}", url
    if item.subject == Subject.ANNUAL and item.fiscal_year:
        return (f"運用状況の報告（{wareki_fiscal_year(item.fiscal_year)}）",
                f"{reverse('reports:annual')}?fiscal_year={item.fiscal_year}")
    return "", ""


@login_required
def meeting_list(request):
    actor = request.actor
    require_staff(actor)
    meetings = restrict(CouncilMeeting.objects.prefetch_related("items"), actor, VIEW).order_by("-held_on", "-pk")
    kind = export_format(request)
    if kind:
        rows = []
        for meeting in meetings:
            for item in meeting.items.select_related("unit", "evaluation").order_by("number"):
                rows.append((meeting.session, meeting.held_on, meeting.place, item.number, item.get_kind_display(),
                             item.title, item.unit.name if item.unit else "", concerns(item)[0], item.outcome))
        return table_download(kind, stem="council", title="審議会", header=HEADER, rows=rows)
    return render(request, "registers/council_list.html", {
        "page": paginate(request, meetings), "export_links": export_links(request), "can_manage": actor.is_office})


@login_required
def meeting_create(request):
    require(request.actor.is_office, OFFICE_ONLY)
    return _meeting_form(request, None, MeetingForm(request.POST or None))


@login_required
def meeting_edit(request, pk: int):
    meeting = get_for_actor(CouncilMeeting.objects.all(), request.actor, action=CHANGE, pk=pk)
    initial = {"session": meeting.session, "held_on": meeting.held_on, "place": meeting.place, "note": meeting.note}
    return _meeting_form(request, meeting, MeetingForm(request.POST or None, initial=initial))


def _meeting_form(request, meeting, form):
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services_evaluation.meeting_save(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"審議会（{meeting.session}）を保存しました。")
            return redirect("registers:council_detail", meeting.pk)
    return render(request, "registers/council_form.html", {"form": form, "meeting": meeting})


@login_required
def meeting_detail(request, pk: int):
    meeting = get_for_actor(CouncilMeeting.objects.all(), request.actor, action=VIEW, pk=pk)
    items = [(item, *concerns(item)) for item in
             meeting.items.select_related("unit", "evaluation").order_by("number")]
    return render(request, "registers/council_detail.html", {
        "meeting": meeting, "items": items, "can_manage": request.actor.is_office, "history": history_of(meeting)})


@login_required
def item_create(request, pk: int):
    meeting = get_for_actor(CouncilMeeting.objects.all(), request.actor, action=CHANGE, pk=pk)
    initial = {"number": (max(meeting.items.values_list("number", flat=True), default=0) + 1),
               "subject": CouncilAgendaItem.Subject.OTHER}
    if request.GET.get("evaluation", "").isdigit():
        initial.update(subject=CouncilAgendaItem.Subject.EVALUATION, evaluation=request.GET["evaluation"],
                       kind=CouncilAgendaItem.Kind.CONSULTATION)
    form = AgendaItemForm(request.POST or None, actor=request.actor, initial=initial)
    return _item_form(request, meeting, None, form)


@login_required
def item_edit(request, pk: int):
    item = get_for_actor(CouncilAgendaItem.objects.select_related("meeting"), request.actor, action=VIEW, pk=pk)
    meeting = get_for_actor(CouncilMeeting.objects.all(), request.actor, action=CHANGE, pk=item.meeting_id)
    form = AgendaItemForm(request.POST or None, actor=request.actor, initial=AgendaItemForm.initial_for(item))
    return _item_form(request, meeting, item, form)


def _item_form(request, meeting, item, form):
    if request.method == "POST" and form.is_valid():
        try:
            services_evaluation.agenda_item_save(actor=request.user, meeting=meeting, item=item, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "日程を保存しました。")
            return redirect("registers:council_detail", meeting.pk)
    return render(request, "registers/council_item_form.html", {
        "form": form, "meeting": meeting, "item": item,
        "history": history_of(item) if item is not None else None})
