"""事務取扱担当者: the list of who is designated on a day, naming and ending designations, and the gaps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, paginate
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor, require, restrict
from hogokan.mynumber import selectors, services
from hogokan.mynumber.forms import DesignationEndForm, DesignationFilterForm, DesignationForm, GapFilterForm
from hogokan.mynumber.models import Designation
from hogokan.mynumber.scoping import gap_units, may_designate


def _staff(actor) -> None:
    require(actor.is_staff_member, "番号法の事務のページは職員が利用できます。")


@login_required
def designation_list(request):
    actor = request.actor
    _staff(actor)
    form = DesignationFilterForm(filter_data(request, DesignationFilterForm), actor=actor)
    designations = form.filtered(restrict(Designation.objects.select_related("person", "unit", "file", "affair"),
                                          actor, VIEW)).order_by("unit__code", "person__employee_no", "pk")
    kind = export_format(request)
    if kind:
        return table_download(kind, stem=f"designations-{form.day:%Y%m%d}", title="事務取扱担当者",
                              header=["所属", "職員番号", "氏名", "特定個人情報ファイル", "個人情報取扱事務", "指定日"],
                              rows=[(d.unit.name, d.person.employee_no, d.person.name,
                                     d.file.name if d.file else "所属のすべて", d.affair.name if d.affair else "",
                                     d.start) for d in designations])
    gaps = selectors.gaps_on(form.day, unit_ids=gap_units(actor))
    return render(request, "mynumber/designation_list.html", {
        "form": form, "page": paginate(request, designations), "exports": export_links(request),
        "day": form.day, "gaps": gaps, "can_designate": may_designate(actor)})


@login_required
def designation_create(request):
    actor = request.actor
    require(may_designate(actor), "事務取扱担当者の指定は事務局又は所属の保護責任者が行います。")
    initial = {"start": timezone.localdate()}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    form = DesignationForm(request.POST or None, actor=actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            designation = services.designation_create(actor=request.user, person=data["person"], unit=data["unit"],
                                                      start=data["start"], file=data["file"], affair=data["affair"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{designation.person.name}を{designation.unit.name}の事務取扱担当者に指定しました。")
            return redirect("mynumber:designation_detail", designation.pk)
    return render(request, "mynumber/form.html", {
        "form": form, "title": "事務取扱担当者の指定", "submit": "指定する",
        "intro": "指定日に所属に配属されている職員を指定します。人事異動で所属を離れると、指定は自動的に終了します。",
        "back": "mynumber:designation_list"})


@login_required
def designation_detail(request, pk: int):
    actor = request.actor
    _staff(actor)
    designation = get_for_actor(Designation.objects.select_related("person", "unit", "file", "affair"), actor,
                                pk=pk)
    can_end = designation.end is None and restrict(Designation.objects.filter(pk=pk), actor, CHANGE).exists()
    return render(request, "mynumber/designation_detail.html", {
        "designation": designation, "end_form": DesignationEndForm(initial={"end": timezone.localdate()}),
        "can_end": can_end, "in_office": designation in selectors.in_office(timezone.localdate(),
                                                                            unit_ids={designation.unit_id}),
        "history": history_of(designation)})


@login_required
def designation_end(request, pk: int):
    designation = get_for_actor(Designation.objects.select_related("person", "unit"), request.actor, action=CHANGE,
                                pk=pk)
    form = DesignationEndForm(request.POST or None, initial={"end": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.designation_end(actor=request.user, designation=designation, end=form.cleaned_data["end"],
                                     reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "事務取扱担当者の指定を終了しました。")
            return redirect("mynumber:designation_detail", pk)
    return render(request, "mynumber/form.html", {
        "form": form, "title": f"指定の終了: {designation.person.name}（{designation.unit.name}）",
        "submit": "終了する", "back": "mynumber:designation_list"})


@login_required
def gaps(request):
    actor = request.actor
    _staff(actor)
    form = GapFilterForm(filter_data(request, GapFilterForm), actor=actor)
    day = (form.cleaned_data.get("as_of") if form.is_bound and form.is_valid() else None) or timezone.localdate()
    found = selectors.gaps_on(day, unit_ids=gap_units(actor))
    kind = export_format(request)
    if kind:
        return table_download(kind, stem=f"designation-gaps-{day:%Y%m%d}", title="事務取扱担当者のいない所属",
                              header=["所属", "理由", "特定個人情報ファイル"],
                              rows=[(gap.unit.name, gap.reason_label, "、".join(f.name for f in gap.files))
                                    for gap in found])
    return render(request, "mynumber/gaps.html", {"form": form, "day": day, "gaps": found,
                                                  "exports": export_links(request),
                                                  "can_designate": may_designate(actor)})
