"""一括取込 of an existing register (upload → dry run with preview → 「取り込む」) and the export of
every register with its linked items.

Between the dry run and the commit the bytes wait in core.tabular.ImportStaging (the token in the
session: only the user who uploaded the file can commit it). Import: the chief (body-wide). Export: everyone who reads.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hogokan.core.exports import Table, table_download, table_response
from hogokan.core.forms import AccessibleForm, TableFileField
from hogokan.core.permissions import VIEW, restrict
from hogokan.core.tabular import ImportStaging, StagingError
from hogokan.registers import exports, importing
from hogokan.registers.models import PIA, AffairEvent, FileVersion, HandlingAffair, PersonalInfoFile
from hogokan.registers.scoping import can_manage
from hogokan.registers.views_files import require_staff

MAX_UPLOAD_MB = 10
STAGING = ImportStaging("registers")


class ImportForm(AccessibleForm):
    file = TableFileField(max_mb=MAX_UPLOAD_MB, help_text=f"CSV（UTF-8 または Shift_JIS）または Excel（.xlsx、最初のシート）。"
                                                         f"1行目は見出しの行、1行に1ファイル。{MAX_UPLOAD_MB}MB・5,000行まで。")
    publish = forms.ChoiceField(label="取り込んだファイル簿の状態", widget=forms.RadioSelect, initial="draft",
                                choices=[("draft", "作成中として取り込む（各課で確認して承認に回す）"),
                                         ("publish", "公表中として取り込む（既に公表している台帳の移行）")],
                                error_messages={"required": "取り込んだ後の状態を選んでください。",
                                                "invalid_choice": "取り込んだ後の状態を選んでください。"})


def _require_chief(request) -> None:
    if not can_manage(request.actor):
        raise PermissionDenied("ファイル簿の一括取込は総括保護管理者（事務局）だけが行えます。")


@login_required
def import_start(request):
    """The upload form; a POST is a dry run that shows the preview and writes nothing."""
    _require_chief(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, fmt, data = form.cleaned_data["file"]
        result = importing.import_check(filename=filename, data=data)
        STAGING.discard(request)
        token = STAGING.stage(request, data, fmt, filename=filename,
                              publish=form.cleaned_data["publish"] == "publish") if result.ok else ""
        return render(request, "registers/import_preview.html", {
            "result": result, "filename": filename, "token": token,
            "publish": form.cleaned_data["publish"] == "publish"})
    return render(request, "registers/import_start.html", {"form": form, "columns": exports.COLUMNS,
                                                           "required": exports.REQUIRED})


@login_required
@require_POST
def import_commit(request):
    _require_chief(request)
    try:
        pending, data = STAGING.take(request, request.POST.get("token", ""))
    except StagingError as exc:
        messages.error(request, str(exc))
        return redirect("registers:import")
    result = importing.import_commit(actor=request.user, filename=pending["filename"], data=data,
                                     publish=pending["publish"])
    STAGING.discard(request)
    if not result.committed:
        return render(request, "registers/import_preview.html", {"result": result, "filename": pending["filename"],
                                                                 "token": "", "publish": pending["publish"]})
    messages.success(request, f"{result.created}件の個人情報ファイル簿を取り込みました。")
    return redirect("registers:file_list")


@login_required
def import_template(request):
    """The column template (header + one example row) as Excel or CSV."""
    require_staff(request.actor)
    header, rows = importing.template_rows()
    kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
    return table_download(kind, stem="personal-info-file-import-template", title="取込テンプレート",
                          header=header, rows=rows)


@login_required
def export_all(request):
    """Every register in the actor's scope with its linked items, one workbook (files, versions,
    affairs, their 届出, PIAs)."""
    actor = request.actor
    require_staff(actor)
    files = restrict(PersonalInfoFile.objects.select_related("organ", "unit"), actor, VIEW).order_by(
        "organ__display_order", "unit__code", "name", "pk")
    affairs = restrict(HandlingAffair.objects.all(), actor, VIEW).order_by("organ__display_order", "unit__code", "name")
    return table_response("xlsx", [
        Table("files", "個人情報ファイル簿", exports.FILE_HEADER, exports.file_rows(files)),
        Table("versions", "ファイル簿の版", exports.VERSION_HEADER,
              exports.version_rows(restrict(FileVersion.objects.all(), actor, VIEW))),
        Table("affairs", "個人情報取扱事務", exports.AFFAIR_HEADER, exports.affair_rows(affairs)),
        Table("events", "取扱事務の届出", exports.EVENT_HEADER,
              exports.event_rows(restrict(AffairEvent.objects.all(), actor, VIEW))),
        Table("pias", "特定個人情報保護評価", exports.PIA_HEADER, exports.pia_rows(restrict(PIA.objects.all(), actor, VIEW))),
    ], stem="registers")
