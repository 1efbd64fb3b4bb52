"""The request pages: list (filters, paging, CSV/Excel), receipt, detail with deadlines and history, edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor, require, restrict
from hogokan.core.views import attachments_context
from hogokan.disclosures import rules, services
from hogokan.disclosures.forms import RequestFilterForm, RequestForm
from hogokan.disclosures.models import DataSubjectRequest, Decision
from hogokan.disclosures.scoping import (
    REQUESTER_FIELDS,
    sees_requester,
)
from hogokan.disclosures.selectors import with_state
from hogokan.registers import api as registers

REQUEST_FIELDS = [name for name in RequestForm.base_fields if name != "units"]


def require_staff(actor) -> None:
    require(actor.is_staff_member, "開示請求等の画面は職員だけが利用できます。")


def require_office(actor) -> None:
    require(actor.is_office, "この操作は事務局（総括保護管理者）だけが行えます。")


def requests_for(actor):
    return restrict(DataSubjectRequest.objects.all(), actor, VIEW)


def list_shows_requester(actor) -> bool:
    """The list holds only the actor's requests, so the office and the handling units see the name."""
    return actor.is_office or (actor.is_section_member and actor.unit_ids is not None)


@login_required
def request_list(request):
    actor = request.actor
    require_staff(actor)
    form = RequestFilterForm(request.GET or None, actor=actor)
    queryset = form.filtered(with_state(requests_for(actor))).select_related("organ").prefetch_related("units__unit")
    today = timezone.localdate()
    queryset = queryset.order_by("-received_on", "-number")
    show_requester = list_shows_requester(actor)
    kind = export_format(request)
    if kind:
        header = ["受付番号", "種類", "実施機関", "受付日", "受付方法", "担当課", "決定期限", "延長後の期限", "推奨決定日",
                  "状態"] + (["請求者"] if show_requester else [])
        rows = [[r.number, r.get_kind_display(), r.organ.name, r.received_on, r.get_channel_display(),
                 "、".join(link.unit.name for link in r.units.all()), r.due_date, r.extended_due_date, r.recommended_by,
                 _state_label(r, today)] + ([r.requester_name] if show_requester else []) for r in queryset]
        return table_download(kind, stem="disclosure-requests", title="開示請求等", header=header, rows=rows)
    page = paginate(request, queryset)
    for row in page.object_list:
        row.state_label = _state_label(row, today)
    return render(request, "disclosures/request_list.html", {
        "form": form, "page": page, "exports": export_links(request), "show_requester": show_requester,
        "can_receive": actor.is_office, "today": today, "show_stats": actor.oversees,
    })


def _state_label(row, today) -> str:
    if row.withdrawn_on:
        return "取下げ"
    if not row.is_open:
        return "決定済み"
    if row.awaiting_correction:
        return "補正待ち"
    if row.effective_due_date and row.effective_due_date < today:
        return "期限超過"
    return "処理中"


def _posted(request):
    return request.POST if request.method == "POST" else None


def _request_fields(data: dict) -> dict:
    return {name: data[name] if data[name] is not None else None for name in REQUEST_FIELDS}


@login_required
def request_create(request):
    actor = request.actor
    require_office(actor)
    form = RequestForm(_posted(request), files=registers.file_choices(actor), initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.request_receive(actor=request.user, units=list(data["units"]), **_request_fields(data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{created.number} を受け付けました。{services.due_text(created)}。担当課に通知しました。")
            return redirect("disclosures:detail", pk=created.pk)
    return render(request, "disclosures/request_form.html", {"form": form, "title": "開示請求等の受付"})


@login_required
def request_edit(request, pk: int):
    actor = request.actor
    obj = get_for_actor(DataSubjectRequest.objects.all(), actor, action=CHANGE, pk=pk)
    require_office(actor)
    initial = {name: getattr(obj, name) for name in REQUEST_FIELDS if name != "personal_info_file"}
    initial["organ"] = obj.organ_id
    initial["personal_info_file"] = obj.personal_info_file_id
    initial["units"] = list(obj.units.values_list("unit_id", flat=True))
    form = RequestForm(_posted(request), files=registers.file_choices(actor, obj.personal_info_file_id), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.request_update(actor=request.user, request=obj, units=list(data["units"]),
                                    **_request_fields(data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "請求の内容を更新しました。")
            return redirect("disclosures:detail", pk=obj.pk)
    return render(request, "disclosures/request_form.html", {"form": form, "title": f"{obj.number} の編集", "obj": obj})


def _file_visible(actor, obj) -> bool:
    """Link the 個人情報ファイル簿 only for those who may open it (others see its name)."""
    return bool(obj.personal_info_file_id) and registers.files_for(actor, include_retired=True).filter(
        pk=obj.personal_info_file_id).exists()


def _history(obj, shows_requester: bool):
    entries = history_of(obj)
    if shows_requester:
        return entries
    hidden = {str(DataSubjectRequest._meta.get_field(name).verbose_name) for name in REQUESTER_FIELDS}
    for entry in entries:
        entry.changes = [change for change in entry.changes if change.label not in hidden]
    return entries


@login_required
def request_detail(request, pk: int):
    actor = request.actor
    require_staff(actor)
    obj = get_for_actor(DataSubjectRequest.objects.select_related("organ", "personal_info_file"), actor, pk=pk)
    today = timezone.localdate()
    shows_requester = sees_requester(actor, obj)
    try:
        deadline = services.deadline_of(obj, today)
    except ValueError:
        deadline = None
    decisions = list(obj.decisions.select_related("unit").prefetch_related("appeals"))
    changeable = {d.pk for d in restrict(obj.decisions.all(), actor, CHANGE)}
    for decision in decisions:
        decision.can_change = decision.pk in changeable
        decision.exercise_by = rules.exercise_by(decision.notified_on) if decision.notified_on else None
        decision.correction_by = rules.correction_request_by(decision.disclosed_on) if decision.disclosed_on else None
        # 審査請求: counted from the notice (the day the requester can learn of the decision at the earliest)
        decision.appeal_by = (rules.appeal_by(decision.notified_on, decision.decided_on)
                              if decision.notified_on and decision.type != Decision.Type.WITHDRAWN else None)
        decision.ground_labels = "、".join(f"第{g}号" for g in decision.grounds)
    decided_units = {d.unit_id for d in decisions}
    units = [link.unit for link in obj.units.select_related("unit")]
    my_units = actor.unit_ids
    can_decide = (actor.is_office or actor.is_section_member) and not obj.withdrawn_on and any(
        u.pk not in decided_units and (my_units is None or u.pk in my_units) for u in units)
    mandatory_hearing = any(d.type == Decision.Type.PARTIAL and "2" in d.grounds for d in decisions)
    context = {
        "obj": obj, "deadline": deadline, "today": today, "shows_requester": shows_requester,
        "units": units, "decided_units": decided_units, "decisions": decisions,
        "corrections": obj.corrections.all(), "hearings": obj.hearings.all(),
        "appeals": obj.appeals.select_related("decision__unit"), "office": actor.is_office, "can_decide": can_decide,
        "decided": services.is_decided(obj), "mandatory_hearing_hint": mandatory_hearing,
        "history": _history(obj, shows_requester), "file_visible": _file_visible(actor, obj),
    }
    context.update(attachments_context(obj, actor))
    if not shows_requester:
        context["attachments"] = []  # the request's papers carry the requester's data
    return render(request, "disclosures/request_detail.html", context)
