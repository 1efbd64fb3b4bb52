"""一括取込 pages (admin only): upload → dry run with a preview → 「取り込む」 commits.

Between the dry run and the commit the uploaded bytes wait in ``DATA_DIR/imports/<token>.<ext>``;
the token is also kept in the session, so only the admin who uploaded the file can commit it.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from hogokan.core.exports import CSV_TYPE, XLSX_TYPE, Table, csv_bytes, xlsx_bytes
from hogokan.core.forms import AccessibleForm, TableFileField
from hogokan.core.permissions import require
from hogokan.core.tabular import ImportStaging, StagingError
from hogokan.org.importing import (
    FORMATS,
    KIND_CHOICES,
    KINDS,
    ImportResult,
    import_check,
    import_commit,
    template_rows,
)

MAX_UPLOAD_MB = 10
MAX_LISTED_ERRORS = 200
STAGING = ImportStaging("org")


class ImportForm(AccessibleForm):
    kind = forms.ChoiceField(label="取り込む内容", choices=KIND_CHOICES,
                             error_messages={"required": "取り込む内容を選んでください。",
                                             "invalid_choice": "取り込む内容を一覧から選んでください。"})
    file = TableFileField(
        max_mb=MAX_UPLOAD_MB,
        help_text=f"CSV（UTF-8 または Shift_JIS）または Excel（.xlsx、最初のシート）。1行目は見出しの行、"
                  f"{MAX_UPLOAD_MB}MB・20,000行まで。",
    )

    def __init__(self, data=None, files=None, **kwargs):
        # Built unbound, then bound: core.forms.wire_aria reads ``_errors``, still None on a fresh bound form.
        super().__init__(**kwargs)
        if data is not None or files is not None:
            self.is_bound = True
            self.data = MultiValueDict() if data is None else data
            self.files = MultiValueDict() if files is None else files


def _require_admin(request) -> None:
    require(request.actor.is_system_admin, "一括取込はシステム管理者のみ利用できます。")


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    """The upload form; a POST is a dry run that shows the preview and writes nothing."""
    _require_admin(request)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    context = {"form": form, "kinds": KINDS, "max_upload_mb": MAX_UPLOAD_MB}
    if posted and form.is_valid():
        kind = form.cleaned_data["kind"]
        filename, fmt, data = form.cleaned_data["file"]
        result = import_check(kind=kind, filename=filename, data=data)
        STAGING.discard(request)
        token = STAGING.stage(request, data, fmt, kind=kind, filename=filename) if result.ok else None
        return _render_preview(request, result, filename, token)
    return render(request, "org/import_start.html", context)


def _render_preview(request, result: ImportResult, filename: str, token: str | None):
    context = {
        "result": result, "kind_label": KINDS[result.kind].label, "filename": filename, "token": token,
        "shown_errors": result.errors[:MAX_LISTED_ERRORS], "more_errors": max(0, len(result.errors) - MAX_LISTED_ERRORS),
        "preview_lines": {row.line for row in result.preview},
        "form": ImportForm(initial={"kind": result.kind}), "kinds": KINDS, "max_upload_mb": MAX_UPLOAD_MB,
    }
    return render(request, "org/import_preview.html", context)


@login_required
@require_POST
def import_commit_view(request):
    """「取り込む」: re-validate the stored file and create everything, or nothing."""
    _require_admin(request)
    try:
        pending, data = STAGING.take(request, request.POST.get("token", ""))
    except StagingError as exc:
        messages.error(request, str(exc))
        return redirect("org:import")
    kind, filename = pending["kind"], pending["filename"]
    result = import_commit(actor=request.user, kind=kind, filename=filename, data=data)
    STAGING.discard(request)
    if not result.committed:
        return _render_preview(request, result, filename, None)
    messages.success(request, result.summary())
    return redirect("org:import")


@login_required
def import_template(request, kind: str, fmt: str):
    """The template file: the header row and one example row."""
    _require_admin(request)
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    header, example = template_rows(kind)
    filename = f"取込テンプレート_{KINDS[kind].label}.{fmt}"
    # Every cell text: Excel keeps the codes' leading zeros and does not reformat the dates.
    table = Table(key=kind, title=KINDS[kind].label.replace("・", ""), header=header, rows=[example],
                  widths=[max(12, len(str(name)) * 2 + 2, len(str(value)) * 2 + 2) for name, value in zip(header, example,
                                                                                                   strict=True)],
                  text_cells=True)
    body, content_type = (csv_bytes(table), CSV_TYPE) if fmt == "csv" else (xlsx_bytes([table]), XLSX_TYPE)
    return HttpResponse(body, content_type=content_type,
                        headers={"Content-Disposition": content_disposition_header(True, filename)})
