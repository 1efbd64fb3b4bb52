"""Organisation units: the list, a unit's page, and the reorganisation forms (admin only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hogokan.core.calendar import wareki
from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, paginate
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor
from hogokan.core.views import attachments_context
from hogokan.org import exports, forms, selectors, services
from hogokan.org.models import OrgUnit
from hogokan.org.views import require_admin, require_staff


def _units():
    return OrgUnit.objects.select_related("organ", "parent", "successor")


@login_required
def unit_list(request):
    actor, today = request.actor, timezone.localdate()
    require_staff(actor)
    form = forms.UnitFilterForm(actor, data=filter_data(request, forms.UnitFilterForm),
                                initial={"as_of": today})
    filters = forms.valid_filters(form)
    as_of = filters.get("as_of") or today
    units = selectors.unit_list(actor, as_of=as_of, organ=filters.get("organ"),
                                include_ended=bool(filters.get("include_ended")),
                                include_future=bool(filters.get("include_future")), keyword=filters.get("q") or "")
    kind = export_format(request)
    if kind:
        return table_download(kind, stem="org-units", title="組織一覧", header=exports.UNIT_HEADER,
                                       rows=exports.unit_rows(units))
    page = paginate(request, units)
    selectors.mark_status(page.object_list, as_of)
    return render(request, "org/unit_list.html", {
        "form": form, "page": page, "as_of": as_of, "is_today": as_of == today, "exports": export_links(request),
        "can_change": actor.is_system_admin,
    })


@login_required
def unit_detail(request, pk: int):
    actor, today = request.actor, timezone.localdate()
    unit = get_for_actor(_units(), actor, action=VIEW, pk=pk)
    path = unit.path()
    predecessors = list(selectors.unit_predecessors(actor, unit))
    children = selectors.unit_children(actor, unit)
    notice = selectors.ended_notice(unit)
    related = [*path, *predecessors, *children]
    if notice:
        related += [unit for unit in (notice["successor"], notice["current"]) if unit is not None]
    visible = set(selectors.units_for(actor).filter(pk__in={u.pk for u in related}).values_list("pk", flat=True))
    current, past = selectors.unit_assignments(actor, unit, today)
    selectors.mark_status([unit, *predecessors, *children], today)
    if notice:
        notice["past"] = notice["effective"] <= today
        if notice["current"] is not None:
            selectors.mark_status([notice["current"]], today)
    return render(request, "org/unit_detail.html", {
        "unit": unit, "path": path, "visible": visible, "predecessors": predecessors, "children": children,
        "notice": notice, "current_assignments": current, "past_assignments": past,
        "can_change": actor.is_system_admin and unit.valid_to is None, "is_admin": actor.is_system_admin,
        "history": history_of(unit), **attachments_context(unit, actor),
    })


def _render_form(request, form, *, title: str, submit: str, cancel: str, unit: OrgUnit | None = None,
                 intro: str = "", danger: bool = False):
    return render(request, "org/form.html", {"form": form, "title": title, "submit": submit, "cancel": cancel,
                                             "unit": unit, "intro": intro, "danger": danger, "section": "units"})


def _unit_for_change(request, pk: int):
    """The unit to reorganise: 404 outside the actor's scope, 403 for roles that only view it."""
    unit = get_for_actor(_units(), request.actor, action=CHANGE, pk=pk)
    if unit.valid_to is not None:
        messages.error(request, f"{unit.name}はすでに廃止（または改編）済みのため変更できません。")
        return unit, redirect("org:unit_detail", pk=unit.pk)
    return unit, None


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
def unit_create(request):
    require_admin(request.actor)
    form = forms.UnitCreateForm(request.actor, data=_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.unit_create(actor=request.user, organ=data["organ"], code=data["code"].strip(),
                                        name=data["name"].strip(), kind=data["kind"], valid_from=data["valid_from"],
                                        parent=data["parent"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"組織「{unit.name}」を登録しました（設置日: {wareki(unit.valid_from)}）。")
            return redirect("org:unit_detail", pk=unit.pk)
    return _render_form(request, form, title="組織の新設", submit="登録する", cancel=reverse("org:unit_list"))


@login_required
def unit_rename(request, pk: int):
    unit, refused = _unit_for_change(request, pk)
    if refused:
        return refused
    form = forms.UnitRenameForm(unit, data=_posted(request))
    if request.method == "POST" and form.is_valid():
        effective = form.cleaned_data["effective"]
        try:
            successor = services.unit_rename(actor=request.user, unit=unit, new_name=form.cleaned_data["name"],
                                             effective=effective)
        except ValidationError as exc:
            unit.refresh_from_db()
            add_service_errors(form, exc, {"new_name": "name"})
        else:
            messages.success(request, f"{unit.name}を{wareki(effective)}付けで「{successor.name}」に名称変更しました。")
            return redirect("org:unit_detail", pk=successor.pk)
    return _render_form(request, form, title=f"{unit.name}の名称変更", submit="名称を変更する", unit=unit,
                        cancel=reverse("org:unit_detail", args=[unit.pk]),
                        intro="効力発生日の前日までの記録は今の名称のまま残り、効力発生日から新しい名称になります。")


@login_required
def unit_move(request, pk: int):
    unit, refused = _unit_for_change(request, pk)
    if refused:
        return refused
    form = forms.UnitMoveForm(unit, request.actor, data=_posted(request))
    if request.method == "POST" and form.is_valid():
        effective, parent = form.cleaned_data["effective"], form.cleaned_data["parent"]
        try:
            successor = services.unit_move(actor=request.user, unit=unit, new_parent=parent, effective=effective)
        except ValidationError as exc:
            unit.refresh_from_db()
            add_service_errors(form, exc, {"new_parent": "parent"})
        else:
            messages.success(request, f"{unit.name}を{wareki(effective)}付けで{parent.name}の下に移しました。")
            return redirect("org:unit_detail", pk=successor.pk)
    return _render_form(request, form, title=f"{unit.name}の所属変更", submit="所属を変更する", unit=unit,
                        cancel=reverse("org:unit_detail", args=[unit.pk]),
                        intro="組織を別の上位組織の下に移します。配属は効力発生日に新しい組織へ引き継がれます。")


@login_required
def unit_abolish(request, pk: int):
    unit, refused = _unit_for_change(request, pk)
    if refused:
        return refused
    form = forms.UnitAbolishForm(unit, data=_posted(request))
    if request.method == "POST" and form.is_valid():
        effective = form.cleaned_data["effective"]
        try:
            services.unit_abolish(actor=request.user, unit=unit, effective=effective)
        except ValidationError as exc:
            unit.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{unit.name}を{wareki(effective)}付けで廃止しました。")
            return redirect("org:unit_detail", pk=unit.pk)
    return _render_form(request, form, title=f"{unit.name}の廃止", submit="廃止する", unit=unit, danger=True,
                        cancel=reverse("org:unit_detail", args=[unit.pk]),
                        intro="廃止した組織の記録は削除されず、廃止日までの名称のまま閲覧できます。"
                              "下位の組織が残っているときは先に廃止または移動してください。")


@login_required
def unit_merge(request):
    require_admin(request.actor)
    form = forms.UnitMergeForm(request.actor, data=_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        units = data["units"]
        try:
            merged = services.unit_merge(actor=request.user, units=units, code=data["code"].strip(),
                                         name=data["name"].strip(), kind=data["kind"], effective=data["effective"],
                                         parent=data["parent"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            names = "・".join(unit.name for unit in units)
            messages.success(request, f"{names}を{wareki(data['effective'])}付けで「{merged.name}」に統合しました。")
            return redirect("org:unit_detail", pk=merged.pk)
    return _render_form(request, form, title="組織の統合", submit="統合する", cancel=reverse("org:unit_list"),
                        intro="選んだ組織は効力発生日の前日で終わり、新しい組織が引き継ぎます。"
                              "統合前の記録は元の名称のまま閲覧できます。")
