"""Attachments on any record: upload and download, authorized through the target record.

Who may see the record may download its files; who may change it may add files (healthchecks
``_get_check_for_user``: 404 for those who may not see it, 403 for those who may only read it).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from hogokan.core.models import Attachment
from hogokan.core.permissions import CHANGE, VIEW, can, may_see_attachments, restrict
from hogokan.core.redirects import safe_next
from hogokan.core.services import attachment_add, attachments_of


class AttachmentForm(forms.Form):
    file = forms.FileField(label="ファイル", error_messages={
        "required": "ファイルを選んでください。", "empty": "空のファイルは添付できません。",
    })
    description = forms.CharField(label="説明", required=False,
                                  max_length=Attachment._meta.get_field("description").max_length)


def attachments_context(target, actor) -> dict:
    """What ``includes/attachments.html`` needs for ``target``, as seen by ``actor``."""
    if not may_see_attachments(actor, target):
        return {"attachments": [], "attachments_hidden": True, "can_upload": False}
    return {
        "attachments": attachments_of(target),
        "target_ct": ContentType.objects.get_for_model(target).pk,
        "target_id": target.pk,
        "can_upload": can(actor, target, CHANGE),
        "attachment_types": ", ".join(f".{kind}" for kind in settings.HOGOKAN_ATTACHMENT_TYPES),
        "attachment_max_mb": settings.HOGOKAN_ATTACHMENT_MAX_MB,
    }


def _visible_target(actor, content_type: ContentType, object_id: int):
    """The record ``actor`` may see, else 404 (also for a model no module registered a scope for)."""
    model = content_type.model_class()
    if model is None:
        raise Http404
    target = restrict(model._default_manager.filter(pk=object_id), actor, VIEW).first()
    if target is None:
        raise Http404
    return target


@login_required
@require_POST
def attachment_upload(request, content_type_id: int, object_id: int):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    target = _visible_target(request.actor, content_type, object_id)
    if not can(request.actor, target, CHANGE) or not may_see_attachments(request.actor, target):
        raise PermissionDenied("この記録にファイルを添付する権限がありません。")
    back = safe_next(request, request.POST.get("next"))
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        attachment = attachment_add(actor=request.user, target=target, uploaded_file=form.cleaned_data["file"],
                                    description=form.cleaned_data["description"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, f"「{attachment.original_name}」を添付しました。")
    return redirect(back)


@login_required
@require_GET
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    target = _visible_target(request.actor, attachment.content_type, attachment.object_id)
    if not may_see_attachments(request.actor, target):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("ファイルが見つかりません。") from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.mime_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    # Personal data: no copy stays in a shared terminal's or a proxy's cache.
    response["Cache-Control"] = "private, no-store"
    return response
