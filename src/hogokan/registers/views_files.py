"""個人情報ファイル簿 (staff side): list, create, edit, submit → approve → publish → retire, versions.

Fetch-and-authorize first (404 outside the actor's units, 403 for read-only roles), then a service.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hogokan.core.confirm import confirm_first
from hogokan.core.exports import Table, export_format, export_links, table_download, table_response
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import CHANGE, VIEW, can, get_for_actor, require, restrict
from hogokan.core.views import attachments_context
from hogokan.registers import exports, items, services
from hogokan.registers.forms import FileFilterForm, FileForm, RetireForm, ReturnForm
from hogokan.registers.models import PIA, FileVersion, PersonalInfoFile
from hogokan.registers.scoping import MANAGE, SUBMIT, can_draft, can_manage

Status = PersonalInfoFile.Status


def require_staff(actor) -> None:
    require(actor.is_staff_member, "個人情報ファイル簿の画面は職員だけが利用できます。")


def file_for(request, pk: int, action: str = VIEW) -> PersonalInfoFile:
    return get_for_actor(PersonalInfoFile.objects.select_related("organ", "unit"), request.actor, action=action, pk=pk)


def filtered_files(request) -> tuple[FileFilterForm, object]:
    """The actor's files narrowed by the filter form (the list and its downloads)."""
    form = FileFilterForm(request.GET or None, actor=request.actor)
    files = form.filtered(restrict(PersonalInfoFile.objects.select_related("organ", "unit"), request.actor, VIEW))
    return form, files.order_by("organ__display_order", "unit__code", "name", "pk")


@login_required
def file_list(request):
    actor = request.actor
    require_staff(actor)
    form, files = filtered_files(request)
    kind = export_format(request)
    if kind == "xlsx":  # the fast writer: a designated city's 3,000 files in well under 3 s
        return table_response("xlsx", Table("files", "個人情報ファイル簿", exports.FILE_HEADER, exports.file_rows(files)),
                              stem="personal-info-files")
    if kind:
        return table_download(kind, stem="personal-info-files", title="個人情報ファイル簿",
                              header=exports.FILE_HEADER, rows=exports.file_rows(files))
    page = paginate(request, files)
    return render(request, "registers/file_list.html", {
        "page": page, "form": form, "exports": export_links(request), "can_draft": can_draft(actor), "can_manage": can_manage(actor),
        "pending_count": restrict(PersonalInfoFile.objects.filter(status=Status.PENDING), actor).count()
        if can_manage(actor) else 0,
    })


def _form_page(request, form, file=None):
    return render(request, "registers/file_form.html", {"form": form, "file": file})


@login_required
def file_create(request):
    actor = request.actor
    require_staff(actor)
    if not can_draft(actor):
        raise PermissionDenied("個人情報ファイル簿を作成する権限がありません。")
    form = FileForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            file = services.file_create(actor=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"「{file.name}」を作成しました（作成中）。")
            return redirect("registers:file_detail", file.pk)
    return _form_page(request, form)


@login_required
def file_edit(request, pk: int):
    actor = request.actor
    file = file_for(request, pk, CHANGE)
    if not file.editable:
        messages.error(request, "承認待ちまたは削除済みのファイル簿は編集できません。")
        return redirect("registers:file_detail", file.pk)
    form = FileForm(request.POST or None, actor=actor, initial=FileForm.initial_for(file))
    if request.method == "POST" and form.is_valid():
        try:
            services.file_update(actor=request.user, file=file, reason=form.cleaned_data["reason"],
                                 **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "保存しました。承認を受けて公表するまで、公開中の内容は変わりません。")
            return redirect("registers:file_detail", file.pk)
    return _form_page(request, form, file)


@login_required
def file_detail(request, pk: int):
    actor = request.actor
    file = file_for(request, pk)
    versions = list(file.versions.select_related("approved_by").order_by("-number"))
    public_version = next((v for v in versions if v.public), None)
    pia = PIA.objects.filter(file=file).first()
    withheld = file.withheld or {}
    rows = [(label, value, withheld.get(field)) for field, label, value in
            items.rows_of(items.snapshot_of(file), withheld, public=False)]
    return render(request, "registers/file_detail.html", {
        "file": file, "rows": rows, "versions": versions, "public_version": public_version,
        "affairs": file.handling_affairs.select_related("unit").order_by("name"), "pia": pia,
        "can_edit": can(actor, file, CHANGE) and file.editable,
        "can_submit": file.status == Status.DRAFT and can(actor, file, SUBMIT),
        "can_manage": can(actor, file, MANAGE), "history": history_of(file),
        **attachments_context(file, actor),
    })


@login_required
def version_detail(request, pk: int, number: int):
    file = file_for(request, pk)
    version = get_object_or_404(FileVersion.objects.select_related("approved_by"), file=file, number=number)
    rows = [(label, value, version.withheld.get(field)) for field, label, value in
            items.rows_of(version.snapshot, version.withheld, public=False)]
    return render(request, "registers/version_detail.html", {"file": file, "version": version, "rows": rows,
                                                             "kind_label": version.snapshot.get("kind", "")})


def _act(request, pk: int, action: str, run, done: str, confirm: tuple[str, str] | None = None):
    file = file_for(request, pk, action)
    if confirm and (page := confirm_first(request, title=confirm[0], button=f"{confirm[0]}する",
                                          message=confirm[1].format(name=file.name),
                                          back_url=reverse("registers:file_detail", args=[file.pk]))):
        return page
    try:
        run(file)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done.format(name=file.name))
    return redirect("registers:file_detail", file.pk)


@login_required
@require_POST
def file_submit(request, pk: int):
    return _act(request, pk, SUBMIT, lambda f: services.file_submit(actor=request.user, file=f),
                "「{name}」を承認に回しました。")


@login_required
@require_POST
def file_approve(request, pk: int):
    return _act(request, pk, MANAGE, lambda f: services.file_approve(actor=request.user, file=f),
                "「{name}」を承認しました。公表すると公開中のファイル簿に載ります。",
                confirm=("承認", "「{name}」のこの版を承認します。承認した版は変更できません（変更は新しい版で行います）。"))


@login_required
@require_POST
def file_publish(request, pk: int):
    return _act(request, pk, MANAGE, lambda f: services.file_publish(actor=request.user, file=f),
                "「{name}」を公表しました。",
                confirm=("公表", "「{name}」を公表します。ログインなしで誰でも見られる公開中のファイル簿に載ります。"))


@login_required
def file_return(request, pk: int):
    file = file_for(request, pk, MANAGE)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_return(actor=request.user, file=file, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"「{file.name}」を差し戻しました。")
            return redirect("registers:file_detail", file.pk)
    return render(request, "registers/file_action.html", {"file": file, "form": form, "title": "差戻し",
                                                          "button": "差し戻す"})


@login_required
def file_retire(request, pk: int):
    file = file_for(request, pk, MANAGE)
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_retire(actor=request.user, file=file, retired_on=form.cleaned_data["retired_on"],
                                 reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"「{file.name}」をファイル簿から削除しました。公開中のファイル簿にも載りません。")
            return redirect("registers:file_detail", file.pk)
    return render(request, "registers/file_action.html", {"file": file, "form": form, "title": "ファイル簿からの削除",
                                                          "button": "削除する"})
