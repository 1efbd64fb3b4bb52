"""一括取込 of an existing register (upload → dry run with preview → 「取り込む」) and the export of
every register with its linked items.

As in the house's org importer: between the dry run and the commit the bytes wait in
``DATA_DIR/imports/registers-<token>.<ext>``; the token is kept in the session, so only the user
who uploaded the file can commit it. Import: the chief (body-wide). Export: everyone who reads.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hogokan.core.exports import Table, table_download, table_response
from hogokan.core.forms import AccessibleForm
from hogokan.core.permissions import VIEW, restrict
from hogokan.registers import exports, importing
from hogokan.registers.models import PIA, AffairEvent, FileVersion, HandlingAffair, PersonalInfoFile
from hogokan.registers.scoping import can_manage
from hogokan.registers.views_files import require_staff

MAX_UPLOAD_MB = 10
SESSION_KEY = "hogokan_registers_import"
TOKEN_PATTERN = re.compile(r"registers-[0-9a-f]{32}\.(csv|xlsx)")
STALE_SECONDS = 24 * 60 * 60


class ImportForm(AccessibleForm):
    file = forms.FileField(label="ファイル", help_text=f"CSV（UTF-8 または Shift_JIS）または Excel（.xlsx、最初のシート）。"
                                                    f"1行目は見出しの行、1行に1ファイル。{MAX_UPLOAD_MB}MB・5,000行まで。",
                           error_messages={"required": "ファイルを選んでください。", "empty": "ファイルが空です。"},
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
    publish = forms.ChoiceField(label="取り込んだファイル簿の状態", widget=forms.RadioSelect, initial="draft",
                                choices=[("draft", "作成中として取り込む（各課で確認して承認に回す）"),
                                         ("publish", "公表中として取り込む（既に公表している台帳の移行）")],
                                error_messages={"required": "取り込んだ後の状態を選んでください。",
                                                "invalid_choice": "取り込んだ後の状態を選んでください。"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"ファイルが大きすぎます（{MAX_UPLOAD_MB}MBまで）。")
        data = upload.read()
        try:
            fmt = importing.file_format(upload.name, data)
        except importing.ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload.name, fmt, data


def _require_chief(request) -> None:
    if not can_manage(request.actor):
        raise PermissionDenied("ファイル簿の一括取込は総括保護管理者（事務局）だけが行えます。")


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _store(data: bytes, fmt: str) -> str:
    folder = _folder()
    cutoff = time.time() - STALE_SECONDS
    for old in folder.glob("registers-*"):
        if TOKEN_PATTERN.fullmatch(old.name) and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = f"registers-{secrets.token_hex(16)}.{fmt}"
    path = folder / token
    path.touch(mode=0o600)
    path.write_bytes(data)
    return token


@login_required
def import_start(request):
    """The upload form; a POST is a dry run that shows the preview and writes nothing."""
    _require_chief(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, fmt, data = form.cleaned_data["file"]
        result = importing.import_check(filename=filename, data=data)
        pending = request.session.pop(SESSION_KEY, None) or {}
        if TOKEN_PATTERN.fullmatch(pending.get("token", "")):
            (_folder() / pending["token"]).unlink(missing_ok=True)
        token = ""
        if result.ok:
            token = _store(data, fmt)
            request.session[SESSION_KEY] = {"token": token, "filename": filename,
                                            "publish": form.cleaned_data["publish"] == "publish"}
        return render(request, "registers/import_preview.html", {
            "result": result, "filename": filename, "token": token,
            "publish": form.cleaned_data["publish"] == "publish"})
    return render(request, "registers/import_start.html", {"form": form, "columns": exports.COLUMNS,
                                                           "required": exports.REQUIRED})


@login_required
@require_POST
def import_commit(request):
    _require_chief(request)
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if not TOKEN_PATTERN.fullmatch(token) or pending.get("token") != token:
        messages.error(request, "取込の確認が見つかりません。もう一度ファイルを選んで確認してください。")
        return redirect("registers:import")
    path = _folder() / token
    if not path.exists():
        messages.error(request, "確認したファイルの保存期間が過ぎました。もう一度ファイルを選んでください。")
        return redirect("registers:import")
    result = importing.import_commit(actor=request.user, filename=pending["filename"], data=path.read_bytes(),
                                     publish=pending["publish"])
    request.session.pop(SESSION_KEY, None)
    path.unlink(missing_ok=True)
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
