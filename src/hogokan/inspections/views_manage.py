"""The chief's inspection pages: checklist templates (様式) and campaigns (点検).

Every staff role reads them, scoped (a manager sees their department's sections, a section its own);
only the chief (and the system administrator) changes them — scoping.py's "manage" action.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.core.calendar import wareki
from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import HistoryEntry, display_name, history_of
from hogokan.core.lists import filter_data, paginate
from hogokan.core.permissions import VIEW, get_for_actor, require, restrict
from hogokan.inspections import defaults, services
from hogokan.inspections import forms_manage as forms
from hogokan.inspections.models import Campaign, ChecklistItem, ChecklistTemplate, InspectionResponse
from hogokan.inspections.scoping import MANAGE, can_manage

STATUS_PAGE_SIZE = 100
SUBMITTED = (InspectionResponse.Status.SUBMITTED, InspectionResponse.Status.APPROVED)


# ---- who may do what ---------------------------------------------------------------------------

def _require_reader(actor) -> None:
    """Templates and campaigns are for the body's staff; contractors have no part in the self-inspection."""
    require(actor.is_staff_member, "点検の画面は職員だけが利用できます。")


def _require_manage(actor) -> None:
    if not can_manage(actor):
        raise PermissionDenied("点検と様式の管理は総括保護管理者（事務局）だけが行えます。")


def _posted(request):
    return request.POST if request.method == "POST" else None


# ---- downloads (same rows as on screen): hogokan.core.exports ------------------------------------



# ---- templates (様式) ---------------------------------------------------------------------------

def _templates(actor):
    return restrict(ChecklistTemplate.objects.annotate(item_count=Count("items")), actor, VIEW)


def _template_for(request, pk: int, action: str = VIEW) -> ChecklistTemplate:
    """404 for whoever may not see it (contractors too), 403 for readers asking to change it."""
    return get_for_actor(ChecklistTemplate.objects.all(), request.actor, action=action, pk=pk)


@login_required
def template_list(request):
    actor = request.actor
    _require_reader(actor)
    families = []
    ordered = _templates(actor).order_by("family", "-version")
    for family, versions in groupby(ordered, key=lambda template: template.family):
        versions = list(versions)
        families.append({
            "family": family, "name": versions[0].name, "versions": versions,
            "in_use": next((t for t in versions if t.status == ChecklistTemplate.Status.IN_USE), None),
            "draft": next((t for t in versions if t.status == ChecklistTemplate.Status.DRAFT), None),
        })
    return render(request, "inspections/template_list.html", {"families": families, "can_manage": can_manage(actor)})


def _template_history(template: ChecklistTemplate) -> list[HistoryEntry]:
    """The template's own history and its items' (a removed item keeps its 「削除」 entry)."""
    entries = history_of(template)
    for item in template.items.all():
        for entry in history_of(item):
            entry.reason = f"点検項目{item.number}" + (f"・{entry.reason}" if entry.reason else "")
            entries.append(entry)
    removed = ChecklistItem.history.filter(template_id=template.pk, history_type="-").select_related("history_user")
    for record in removed:
        user = record.history_user
        entries.append(HistoryEntry(at=record.history_date, action="削除", reason=f"点検項目{record.number}",
                                    actor=display_name(user)))
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


@login_required
def template_detail(request, pk: int):
    actor = request.actor
    template = _template_for(request, pk)
    versions = _templates(actor).filter(family=template.family).order_by("-version")
    draft = next((t for t in versions if t.status == ChecklistTemplate.Status.DRAFT), None)
    manage = can_manage(actor)
    return render(request, "inspections/template_detail.html", {
        "template": template, "items": template.items.all(), "versions": versions, "draft": draft,
        "notes": [line for line in template.notes.splitlines() if line.strip()],
        "campaign_count": restrict(Campaign.objects.filter(template=template), actor).count(),
        "can_manage": manage, "can_edit": manage and template.editable,
        "can_revise": manage and draft is None and template.status == ChecklistTemplate.Status.IN_USE,
        "history": _template_history(template),
    })


@login_required
def template_print(request, pk: int):
    """The blank paper form (様式7-1): three month columns, the section's own rows, the printed notes."""
    template = _template_for(request, pk)
    groups = [(group, list(items)) for group, items in groupby(template.items.all(), key=lambda item: item.group)]
    return render(request, "inspections/template_print.html", {
        "template": template, "groups": groups, "months": range(3), "own_rows": range(3),
        "notes": [line for line in template.notes.splitlines() if line.strip()],
    })


@login_required
@require_POST
def template_revise(request, pk: int):
    template = _template_for(request, pk, MANAGE)
    try:
        draft = services.template_revise(actor=request.user, template=template)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("inspections:template_detail", pk=template.pk)
    messages.success(request, f"第{template.version}版から第{draft.version}版（作成中）を作成しました。"
                              "「使用を開始」するまで、点検には今の版が使われます。")
    return redirect("inspections:template_detail", pk=draft.pk)


def _refuse_fixed(request, template: ChecklistTemplate):
    """Opening an edit form of a version in use or superseded: say why, back to the template."""
    if template.editable:
        return None
    messages.error(request, "使用中・旧版の様式は変更できません。「改訂版を作成」してから編集してください。")
    return redirect("inspections:template_detail", pk=template.pk)


def _render_form(request, form, *, template: ChecklistTemplate, title: str, submit: str, intro: str = ""):
    return render(request, "inspections/template_form.html", {
        "form": form, "template": template, "title": title, "submit": submit, "intro": intro,
        "cancel": reverse("inspections:template_detail", args=[template.pk]),
    })


@login_required
def template_edit(request, pk: int):
    template = _template_for(request, pk, MANAGE)
    if request.method == "GET" and (refused := _refuse_fixed(request, template)):
        return refused
    form = forms.TemplateForm(data=_posted(request), initial={"name": template.name, "notes": template.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.template_update(actor=request.user, template=template, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "名称・備考を保存しました。")
            return redirect("inspections:template_detail", pk=template.pk)
    return _render_form(request, form, template=template, title=f"{template}の名称・備考", submit="保存する")


@login_required
def item_edit(request, pk: int, item_pk: int | None = None):
    template = _template_for(request, pk, MANAGE)
    item = None
    if item_pk is not None:
        item = template.items.filter(pk=item_pk).first()
        if item is None:
            messages.error(request, "この点検項目は見つかりません（削除された可能性があります）。")
            return redirect("inspections:template_detail", pk=template.pk)
    if request.method == "GET" and (refused := _refuse_fixed(request, template)):
        return refused
    initial = forms.ItemForm.initial_for(item) if item else {}
    form = forms.ItemForm(data=_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.template_item_save(actor=request.user, template=template, item=item, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"点検項目{saved.number}を{'保存' if item else '追加'}しました。")
            return redirect(reverse("inspections:template_detail", args=[template.pk]) + f"#item-{saved.pk}")
    title = f"点検項目{item.number}の編集" if item else "点検項目の追加"
    return _render_form(request, form, template=template, title=title, submit="保存する" if item else "追加する",
                        intro="" if item else "追加した項目は最後に並びます。")


@login_required
@require_POST
def item_remove(request, pk: int, item_pk: int):
    template = _template_for(request, pk, MANAGE)
    item = template.items.filter(pk=item_pk).first()
    if item is None:
        messages.error(request, "この点検項目は見つかりません（すでに削除された可能性があります）。")
    else:
        try:
            services.template_item_remove(actor=request.user, item=item)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"点検項目{item.number}を削除しました。")
    return redirect("inspections:template_detail", pk=template.pk)


@login_required
def template_publish(request, pk: int):
    template = _template_for(request, pk, MANAGE)
    if request.method == "POST":
        try:
            services.template_publish(actor=request.user, template=template)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{template}の使用を開始しました。これから作成する点検はこの版を使います。")
        return redirect("inspections:template_detail", pk=template.pk)
    if refused := _refuse_fixed(request, template):
        return refused
    in_use = services.template_in_use(template.family)
    consequence = (f"使用中の第{in_use.version}版は「改訂済み（旧版）」になり、以後は変更できません。" if in_use else "")
    return render(request, "inspections/manage_confirm.html", {
        "title": f"{template}の使用開始", "submit": "使用を開始する",
        "cancel": reverse("inspections:template_detail", args=[template.pk]),
        "breadcrumb": ("様式", reverse("inspections:template_list")),
        "points": [f"点検項目 {template.items.count()} 件の版を使用開始します。", consequence,
                   "使用を開始した版は変更できません。変更するときは次の改訂版を作成します。",
                   "すでに作成済みの点検は、作成時の版のままです。"],
    })


# ---- campaigns (点検) ---------------------------------------------------------------------------

def _status_counts(actor, campaign_ids) -> dict[int, dict]:
    """Per campaign, the actor's visible responses: total, submitted, late (a manager: their department)."""
    rows = (restrict(InspectionResponse.objects.filter(campaign_id__in=campaign_ids), actor, VIEW)
            .order_by().values("campaign_id")
            .annotate(total=Count("id"), submitted=Count("id", filter=Q(status__in=SUBMITTED)),
                      late=Count("id", filter=Q(late=True))))
    return {row["campaign_id"]: row for row in rows}


CAMPAIGN_HEADER = ("年度", "年", "月", "種類", "名称", "点検日", "報告期限", "状態", "対象", "提出済み", "未提出", "期限後提出")


@login_required
def campaign_list(request):
    actor, today = request.actor, timezone.localdate()
    _require_reader(actor)
    campaigns = restrict(Campaign.objects.select_related("template"), actor, VIEW)
    years = sorted(set(campaigns.values_list("fiscal_year", flat=True)), reverse=True)
    form = forms.CampaignFilterForm(filter_data(request, forms.CampaignFilterForm), actor=actor, years=years)
    campaigns = form.filtered(campaigns).order_by("-year", "-month", "kind", "-pk")
    kind = export_format(request)
    shown = list(campaigns) if kind else None
    page = None if kind else paginate(request, campaigns)
    rows = shown if kind else page.object_list
    counts = _status_counts(actor, [campaign.pk for campaign in rows])
    for campaign in rows:
        count = counts.get(campaign.pk, {"total": 0, "submitted": 0, "late": 0})
        campaign.total, campaign.submitted, campaign.late_count = count["total"], count["submitted"], count["late"]
        campaign.pending = campaign.total - campaign.submitted
        campaign.overdue = campaign.pending and campaign.status == Campaign.Status.OPEN and today > campaign.inspection_date
    if kind:
        return table_download(kind, stem="inspection-campaigns", title="点検の一覧", header=CAMPAIGN_HEADER, rows=[
            (c.fiscal_year, c.year, c.month, c.get_kind_display(), c.title, c.inspection_date, c.report_due,
             c.get_status_display(), c.total, c.submitted, c.pending, c.late_count) for c in shown])
    return render(request, "inspections/campaign_list.html", {
        "form": form, "page": page, "exports": export_links(request), "can_manage": can_manage(actor),
        "today": today,
    })


@login_required
def campaign_create(request):
    actor, today = request.actor, timezone.localdate()
    _require_manage(actor)
    form = forms.CampaignForm(data=_posted(request), today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_create(
                actor=request.user, kind=data["kind"], year=data["year"], month=data["month"],
                template=data["template"], units=data["targets"], title=data["title"],
                inspection_date=data["inspection_date"], questions=data["questions"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"「{campaign.title}」を作成しました（対象 {campaign.responses.count()} 課・公所、"
                                      f"点検日 {wareki(campaign.inspection_date)}）。各課の保護責任者に通知が届きます。")
            return redirect("inspections:campaign_detail", pk=campaign.pk)
    return render(request, "inspections/campaign_form.html", {"form": form})


@login_required
@require_POST
def campaign_generate(request):
    """「今月の点検を作成」: what the worker does each day (this month's, and next month's from the 20th)."""
    _require_manage(request.actor)
    created = services.monthly_campaigns_generate(timezone.localdate())
    if created:
        messages.success(request, f"{'、'.join(campaign.title for campaign in created)}を作成しました。")
    elif services.template_in_use(defaults.NAGOYA_FAMILY) is None:
        messages.error(request, "情報に関する点検表の使用中の版がないため、点検を作成できません。")
    else:
        messages.info(request, "今月の定期点検はすでに作成されています。")
    return redirect("inspections:campaign_list")


STATUS_ORDER = Case(*(When(status=status, then=Value(order)) for order, status in enumerate((
    InspectionResponse.Status.NOT_STARTED, InspectionResponse.Status.DRAFT, InspectionResponse.Status.RETURNED,
    InspectionResponse.Status.SUBMITTED, InspectionResponse.Status.APPROVED))), output_field=IntegerField())
SORTS = {  # key: (column, ascending, descending)
    "unit": ("課・公所", ["unit__code"], ["-unit__code"]),
    "status": ("状態", [STATUS_ORDER.asc(), "unit__code"], [STATUS_ORDER.desc(), "unit__code"]),
    "submitted": ("提出日時", [F("submitted_at").asc(nulls_last=True), "unit__code"],
                  [F("submitted_at").desc(nulls_last=True), "unit__code"]),
    "late": ("期限後", ["late", "unit__code"], ["-late", "unit__code"]),
}
RESPONSE_HEADER = ("組織コード", "課・公所", "実施機関", "状態", "提出日時", "提出者", "期限後の提出")


def _order(responses, sort: str):
    """The status table in the order asked for by ``?sort=`` (``-`` for descending); unknown → by unit."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        key, sort = "unit", "unit"
    _label, ascending, descending = SORTS[key]
    return responses.order_by(*(descending if sort.startswith("-") else ascending)), sort


def _sort_columns(request, sort: str) -> list[dict]:
    columns = []
    for key, (label, _ascending, _descending) in SORTS.items():
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        query["sort"] = f"-{key}" if sort == key else key
        direction = "ascending" if sort == key else "descending" if sort == f"-{key}" else ""
        columns.append({"key": key, "label": label, "url": f"?{query.urlencode()}", "aria_sort": direction})
    return columns


@login_required
def campaign_detail(request, pk: int):
    actor, today = request.actor, timezone.localdate()
    campaign = get_for_actor(Campaign.objects.select_related("template", "created_by"), actor, pk=pk)
    visible = restrict(campaign.responses.select_related("unit__organ", "submitted_by"), actor, VIEW)
    form = forms.StatusFilterForm(data=filter_data(request, forms.StatusFilterForm))
    responses = visible
    if form.is_bound and form.is_valid() and form.cleaned_data["status"]:
        wanted = form.cleaned_data["status"]
        responses = (responses.exclude(status__in=SUBMITTED) if wanted == forms.PENDING
                     else responses.filter(status=wanted))
    responses, sort = _order(responses, request.GET.get("sort", "unit"))
    overdue = campaign.status == Campaign.Status.OPEN and today > campaign.inspection_date
    kind = export_format(request)
    if kind:
        return table_download(kind, stem=f"inspection-{campaign.year}{campaign.month:02d}-status", title="提出状況",
                       header=RESPONSE_HEADER, rows=[
                           (r.unit.code, r.unit.name, r.unit.organ.name, r.get_status_display(), r.submitted_at,
                            display_name(r.submitted_by) if r.submitted_by else "",
                            "期限後" if r.late else "") for r in responses])
    page = paginate(request, responses, per_page=STATUS_PAGE_SIZE)
    counts = visible.order_by().aggregate(total=Count("id"), submitted=Count("id", filter=Q(status__in=SUBMITTED)),
                                          late=Count("id", filter=Q(late=True)))
    pending = visible.exclude(status__in=SUBMITTED).order_by("unit__code")
    manage = can_manage(actor)
    return render(request, "inspections/campaign_detail.html", {
        "campaign": campaign, "page": page, "form": form, "columns": _sort_columns(request, sort), "sort": sort,
        "counts": counts, "pending": pending, "overdue": overdue, "questions": campaign.questions.all(),
        "exports": export_links(request), "can_manage": manage,
        "can_close": manage and campaign.status == Campaign.Status.OPEN,
        "history": history_of(campaign),
    })


@login_required
@require_POST
def campaign_notify(request, pk: int):
    """「未提出の課に通知」: one notification now to the officers of each section not yet submitted."""
    campaign = get_for_actor(Campaign.objects.all(), request.actor, action=MANAGE, pk=pk)
    try:
        result = services.campaign_remind_now(actor=request.user, campaign=campaign, today=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if result.notified:
            messages.success(request, f"未提出の{len(result.notified)}課・公所の保護責任者に通知しました。")
        if result.without_officer:
            names = "、".join(response.unit.name for response in result.without_officer)
            messages.warning(request, f"保護責任者が登録されていないため通知できなかった課・公所: {names}")
    return redirect("inspections:campaign_detail", pk=campaign.pk)


@login_required
def campaign_close(request, pk: int):
    campaign = get_for_actor(Campaign.objects.all(), request.actor, action=MANAGE, pk=pk)
    if request.method == "POST":
        try:
            services.campaign_close(actor=request.user, campaign=campaign)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"「{campaign.title}」を締め切りました。")
        return redirect("inspections:campaign_detail", pk=campaign.pk)
    if campaign.status == Campaign.Status.CLOSED:
        messages.error(request, "この点検はすでに締め切られています。")
        return redirect("inspections:campaign_detail", pk=campaign.pk)
    pending = campaign.responses.exclude(status__in=SUBMITTED).count()
    return render(request, "inspections/manage_confirm.html", {
        "title": f"「{campaign.title}」の締切", "submit": "締め切る", "danger": True,
        "cancel": reverse("inspections:campaign_detail", args=[campaign.pk]),
        "breadcrumb": ("点検の管理", reverse("inspections:campaign_list")),
        "points": ["締め切った点検には、回答の保存も提出もできなくなります。",
                   f"未提出の課・公所が {pending} 件あります。締め切ると、その課への催促の通知も止まります。" if pending
                   else "すべての課・公所が提出済みです。"],
    })
