"""A section's inspection work: the task page, the response form, reviews, corrective actions,
個別点検項目 and the quarterly sheet.

Every view fetches through ``restrict``/``get_for_actor`` first: 404 outside the actor's scope,
403 for roles that may read but not act (healthchecks ``_get_check_for_user``).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.core.calendar import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from hogokan.core.confirm import confirm_first
from hogokan.core.exports import export_format, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.core.views import attachments_context
from hogokan.inspections import exports_quarter, rules, services
from hogokan.inspections.forms import (
    ActionCompleteForm,
    ActionFilterForm,
    ResponseEntry,
    ReviewForm,
    SectionItemForm,
)
from hogokan.inspections.models import Campaign, CorrectiveAction, InspectionResponse, SectionItem
from hogokan.inspections.scoping import REVIEW, can_manage
from hogokan.mynumber import api as mynumber_api
from hogokan.org.api import SECTION_KINDS
from hogokan.org.models import OrgUnit

HOME_RECENT = 12
DASHBOARD_ROWS = 50  # the home page shows at most this many open items per list
NOT_SUBMITTED = (InspectionResponse.Status.NOT_STARTED, InspectionResponse.Status.DRAFT,
                 InspectionResponse.Status.RETURNED)


def _responses():
    return InspectionResponse.objects.select_related("campaign__template", "unit")


def _actions():
    return CorrectiveAction.objects.select_related("response__campaign", "response__unit", "answer__item",
                                                   "answer__section_item", "assignee")


def _quarter_url(response: InspectionResponse) -> str:
    campaign = response.campaign
    return reverse("inspections:quarter", args=[response.unit_id, campaign.fiscal_year,
                                                rules.quarter_of(campaign.month)])


def _require_staff(actor) -> None:
    """The inspection pages are for staff (as the menu, and the pages of views_manage/views_aggregate)."""
    require(actor.is_staff_member, "点検の画面は職員だけが利用できます。")


# ---- 点検のタスク ----------------------------------------------------------------------------------

@login_required
def home(request):
    """The acting user's inspection work: what to answer, to review, or to follow up."""
    actor, today = request.actor, timezone.localdate()
    _require_staff(actor)
    visible = restrict(_responses(), actor, VIEW)
    context = {"today": today, "can_manage": can_manage(actor), "campaigns_url": reverse("inspections:campaign_list"),
               "results_url": reverse("inspections:results")}
    if actor.is_section_member:
        recent = list(visible.order_by("-campaign__year", "-campaign__month", "campaign__kind", "unit__code")
                      [:HOME_RECENT])
        current = next((r for r in recent if r.status in NOT_SUBMITTED and r.campaign.status == Campaign.Status.OPEN),
                       None)
        context.update(recent=recent, current=current, quarter_url=_quarter_url(recent[0]) if recent else "",
                       open_actions=restrict(_actions(), actor, VIEW).filter(status=CorrectiveAction.Status.OPEN)
                       .order_by("due_date", "pk")[:DASHBOARD_ROWS])
    elif actor.is_manager:
        waiting = restrict(_responses(), actor, REVIEW).filter(status=InspectionResponse.Status.SUBMITTED)
        pending = visible.filter(status__in=NOT_SUBMITTED, campaign__status=Campaign.Status.OPEN,
                                 campaign__inspection_date__lte=today + timedelta(days=14))
        context.update(
            awaiting_review=waiting.order_by("campaign__inspection_date", "unit__code")[:DASHBOARD_ROWS],
            awaiting_count=waiting.count(),
            not_submitted=pending.order_by("campaign__inspection_date", "unit__code")[:DASHBOARD_ROWS],
            not_submitted_count=pending.count(),
            open_actions=restrict(_actions(), actor, VIEW).filter(status=CorrectiveAction.Status.OPEN)
            .order_by("due_date", "pk")[:DASHBOARD_ROWS],
        )
    elif actor.oversees:
        submitted = Q(responses__status__in=(InspectionResponse.Status.SUBMITTED, InspectionResponse.Status.APPROVED))
        campaigns = (restrict(Campaign.objects.all(), actor, VIEW).order_by("-year", "-month", "kind")
                     .annotate(total=Count("responses", distinct=True),
                               submitted=Count("responses", filter=submitted, distinct=True))[:3])
        context.update(campaigns=campaigns, body_wide=True)
    return render(request, "inspections/home.html", context)


# ---- a section's response --------------------------------------------------------------------

def _response_page(request, response: InspectionResponse, *, entry: ResponseEntry | None = None,
                   review_form: ReviewForm | None = None):
    actor, today = request.actor, timezone.localdate()
    can_change = can(actor, response, CHANGE)
    editable = can_change and not response.is_locked and response.campaign.status == Campaign.Status.OPEN
    can_review = response.status == InspectionResponse.Status.SUBMITTED and can(actor, response, REVIEW)
    return render(request, "inspections/response_detail.html", {
        "response": response, "campaign": response.campaign, "today": today,
        "entry": entry or ResponseEntry(response, today=today),
        "editable": editable, "can_submit": editable and actor.is_section_head, "can_change": can_change,
        "can_review": can_review, "review_form": review_form or (ReviewForm() if can_review else None),
        "actions": response.actions.exclude(status=CorrectiveAction.Status.CANCELLED)
        .select_related("answer__item", "answer__section_item", "assignee"),
        "overdue": not response.is_submitted and response.campaign.inspection_date < today,
        "quarter_url": _quarter_url(response), "history": history_of(response),
        **attachments_context(response, actor),
        # the 取扱状況記録簿 item shows the unit's entries of the month beside the question (issue 22 §2)
        **mynumber_api.inspection_context(actor, response.unit_id, response.campaign.year, response.campaign.month),
    })


@login_required
def response_detail(request, pk: int):
    """GET: the form (or the read-only sheet). POST: 一時保存 or 提出 (officer only)."""
    if request.method != "POST":
        return _response_page(request, get_for_actor(_responses(), request.actor, action=VIEW, pk=pk))
    response = get_for_actor(_responses(), request.actor, action=CHANGE, pk=pk)
    submitting = "submit" in request.POST
    require(not submitting or request.actor.is_section_head,
            "点検結果の提出は保護責任者（課長等）が行います。一時保存はできます。")
    if response.is_locked:
        messages.error(request, "提出済みの点検結果は変更できません。訂正が必要な場合は差戻しを依頼してください。")
        return redirect("inspections:response", pk=response.pk)
    entry = ResponseEntry(response, request.POST, today=timezone.localdate())
    if not entry.is_valid():
        return _response_page(request, response, entry=entry)
    if submitting and (page := confirm_first(
            request, title="提出", button="提出する",
            message=f"{response.unit.name}の「{response.campaign.title}」を提出します。提出後は変更できません"
                    "（訂正は差戻しを受けてから行います）。",
            back_url=reverse("inspections:response", args=[response.pk]))):
        return page
    try:
        services.response_save(actor=request.user, response=response, answers=entry.answers(),
                               actions=entry.actions(), survey=entry.survey_input())
    except ValidationError as exc:
        entry.add_service_error(exc)
        return _response_page(request, response, entry=entry)
    if not submitting:
        messages.success(request, "一時保存しました。提出するまでは何度でも修正できます。")
        return redirect("inspections:response", pk=response.pk)
    try:
        services.response_submit(actor=request.user, response=response)
    except ValidationError as exc:
        response.refresh_from_db()
        entry.add_submit_problems(exc.messages)
        return _response_page(request, response, entry=entry)
    late = "（点検日を過ぎているため、期限後の提出として記録しました）" if response.late else ""
    messages.success(request, f"点検結果を提出しました{late}。")
    return redirect("inspections:response", pk=response.pk)


@login_required
@require_POST
def response_review(request, pk: int):
    """承認 (comment optional) or 差戻し (comment required) by the manager above or the chief."""
    response = get_for_actor(_responses(), request.actor, action=REVIEW, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        if decision == "approve" and (page := confirm_first(
                request, title="承認", button="承認する",
                message=f"{response.unit.name}の「{response.campaign.title}」を承認します。承認後は差し戻せません。",
                back_url=reverse("inspections:response", args=[response.pk]))):
            return page
        try:
            if decision == "approve":
                services.response_approve(actor=request.user, response=response, comment=comment)
            else:
                services.response_return(actor=request.user, response=response, comment=comment)
        except ValidationError as exc:
            response.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, "承認しました。" if decision == "approve"
                             else "差し戻しました。課に通知し、再び編集できるようにしました。")
            return redirect("inspections:response", pk=response.pk)
    if response.status != InspectionResponse.Status.SUBMITTED:
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("inspections:response", pk=response.pk)
    return _response_page(request, response, review_form=form)


# ---- corrective actions ----------------------------------------------------------------------

ACTION_HEADER = ("点検", "課・公所", "番号", "点検項目", "是正の内容", "担当者", "期限", "状態", "完了日", "完了報告")


def _action_rows(actions) -> list[tuple]:
    rows = []
    for action in actions:
        item = action.answer.item or action.answer.section_item
        rows.append((action.response.campaign.title, action.response.unit.name, item.number, item.text,
                     action.description, action.assignee.name if action.assignee else "", action.due_date,
                     action.get_status_display(), timezone.localtime(action.done_at).date() if action.done_at else None,
                     action.done_note))
    return rows


@login_required
def action_list(request):
    """Corrective actions in the actor's scope: open (default), done or all; overdue ones marked."""
    actor, today = request.actor, timezone.localdate()
    _require_staff(actor)
    form = ActionFilterForm(request.GET or None)
    wanted = (form.cleaned_data.get("status") if form.is_bound and form.is_valid() else "") or "open"
    actions = restrict(_actions(), actor, VIEW).exclude(status=CorrectiveAction.Status.CANCELLED)
    if wanted == "open":
        actions = actions.filter(status=CorrectiveAction.Status.OPEN)
    elif wanted == "done":
        actions = actions.filter(status=CorrectiveAction.Status.DONE)
    actions = actions.order_by("status", "due_date", "response__unit__code", "pk")
    kind = export_format(request)
    if kind is not None:
        return table_download(kind, stem="inspection-actions", title="是正措置", header=ACTION_HEADER,
                              rows=_action_rows(actions))
    page = paginate(request, actions)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    exports = {}
    for kind in ("csv", "xlsx"):
        query["format"] = kind
        exports[kind] = f"?{query.urlencode()}"
    return render(request, "inspections/actions_list.html", {
        "form": form, "page": page, "wanted": wanted, "today": today, "exports": exports,
        "changeable": set(restrict(CorrectiveAction.objects.filter(pk__in=[a.pk for a in page.object_list]),
                                   actor, CHANGE).values_list("pk", flat=True)),
    })


@login_required
def action_complete(request, pk: int):
    """完了報告 by the section (officer or staff): what was done is required."""
    action = get_for_actor(_actions(), request.actor, action=CHANGE, pk=pk)
    if action.status != CorrectiveAction.Status.OPEN:
        messages.error(request, "この是正措置は対応中ではないため、完了報告はできません。")
        return redirect("inspections:response", pk=action.response_id)
    form = ActionCompleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_complete(actor=request.user, action=action, note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "是正措置を完了にしました。")
            return redirect("inspections:response", pk=action.response_id)
    return render(request, "inspections/actions_complete.html", {"action": action, "form": form,
                                                                 "item": action.answer.item or action.answer.section_item})


# ---- 個別点検項目 --------------------------------------------------------------------------------

def _item_unit(request) -> OrgUnit | None:
    """The section whose items are shown: ``?unit=``, else the acting officer's or staff member's own."""
    actor = request.actor
    if not actor.is_staff_member:
        raise Http404
    wanted = request.POST.get("unit") or request.GET.get("unit")
    if wanted:
        if not str(wanted).isdigit():
            raise Http404
        return get_for_actor(OrgUnit.objects.all(), actor, action=VIEW, pk=int(wanted), kind__in=SECTION_KINDS)
    assignment = actor.assignment
    if actor.is_section_member and assignment.unit_id:
        return assignment.unit
    return None


def _may_edit_items(actor, unit: OrgUnit) -> bool:
    # scoping.section_item_scope: 個別点検項目 are added by the section's officer
    return actor.is_section_head and (actor.unit_ids is None or unit.pk in actor.unit_ids)


@login_required
def section_items(request):
    actor = request.actor
    unit = _item_unit(request)
    if unit is None:
        if request.method == "POST":
            raise PermissionDenied("個別点検項目は課・公所の保護責任者が追加します。")
        items = restrict(SectionItem.objects.select_related("unit"), actor, VIEW).filter(active=True) \
            .order_by("unit__code", "number")
        return render(request, "inspections/section_items_overview.html",
                      {"page": paginate(request, items)})
    may_edit = _may_edit_items(actor, unit)
    form = SectionItemForm()
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("個別点検項目は課・公所の保護責任者が追加します。")
        form = SectionItemForm(request.POST)
        if form.is_valid():
            try:
                item = services.section_item_add(actor=request.user, unit=unit, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"個別点検項目「{item.number}」を追加しました。次の点検から回答欄に表示されます。")
                return redirect(f"{reverse('inspections:section_items')}?unit={unit.pk}")
    items = restrict(SectionItem.objects.filter(unit=unit), actor, VIEW).order_by("-active", "number")
    return render(request, "inspections/section_items.html", {
        "unit": unit, "form": form, "may_edit": may_edit,
        "active_items": [item for item in items if item.active], "retired_items": [i for i in items if not i.active],
    })


@login_required
@require_POST
def section_item_retire(request, pk: int):
    item = get_for_actor(SectionItem.objects.select_related("unit"), request.actor, action=CHANGE, pk=pk)
    if item.active:
        services.section_item_retire(actor=request.user, item=item)
        messages.success(request, f"個別点検項目「{item.number}」の使用を終了しました。これまでの回答は残ります。")
    return redirect(f"{reverse('inspections:section_items')}?unit={item.unit_id}")


# ---- 四半期の点検表 ------------------------------------------------------------------------------

@login_required
def quarter(request, unit_pk: int, fiscal_year: int, quarter: int):
    """The three months of one section side by side, like the paper form; ``?format=xlsx`` for Excel."""
    actor = request.actor
    if quarter not in (1, 2, 3, 4) or not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        raise Http404
    unit = get_for_actor(OrgUnit.objects.all(), actor, action=VIEW, pk=unit_pk)
    if not actor.is_staff_member:
        raise Http404
    sheet = exports_quarter.quarter_sheet(unit, fiscal_year, quarter, restrict(_responses(), actor, VIEW))
    if request.GET.get("format") == "xlsx":
        return exports_quarter.quarter_xlsx(sheet)
    previous = (fiscal_year, quarter - 1) if quarter > 1 else (fiscal_year - 1, 4)
    following = (fiscal_year, quarter + 1) if quarter < 4 else (fiscal_year + 1, 1)
    return render(request, "inspections/quarter.html", {
        "sheet": sheet, "unit": unit,
        "previous_url": reverse("inspections:quarter", args=[unit.pk, *previous]),
        "next_url": reverse("inspections:quarter", args=[unit.pk, *following]),
        "notes": [line for line in sheet.notes.splitlines() if line.strip()],
    })
