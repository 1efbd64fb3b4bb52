"""Sources of findings, the follow-up table of one source (箕面市 フォローアップ管理表: page, Excel, print)
and the import of a findings list (upload → dry run → 「取り込む」)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hogokan.audits import importing, services
from hogokan.audits.forms import FindingImportForm, SourceForm
from hogokan.audits.models import Finding, FindingSource
from hogokan.audits.scoping import AUDIT, may_audit
from hogokan.audits.views_findings import STAFF_ONLY, unit_names, visible_findings
from hogokan.core.exports import Heading, Table, table_download, tables_export, tables_links
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import paginate
from hogokan.core.permissions import VIEW, get_for_actor, require, restrict
from hogokan.core.tabular import ImportStaging, StagingError

STAGING = ImportStaging("findings")
STATUS_WORD = {Finding.Status.OPEN: "対応中", Finding.Status.REPORTED: "対応中", Finding.Status.DONE: "済み"}


@login_required
def source_list(request):
    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    sources = restrict(FindingSource.objects.all(), actor, VIEW).order_by("-fiscal_year", "-pk")
    return render(request, "audits/source_list.html", {"page": paginate(request, sources),
                                                       "may_audit": may_audit(actor)})


@login_required
def source_create(request):
    require(may_audit(request.actor), "出典の登録は事務局または監査担当が行います。")
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.source_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"「{source.title}」を登録しました。")
            return redirect("audits:source_detail", pk=source.pk)
    return render(request, "audits/source_form.html", {"form": form, "source": None})


@login_required
def source_edit(request, pk: int):
    source = get_for_actor(FindingSource.objects.all(), request.actor, action=AUDIT, pk=pk)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_save(actor=request.user, source=source, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "出典を保存しました。")
            return redirect("audits:source_detail", pk=source.pk)
    return render(request, "audits/source_form.html", {"form": form, "source": source})


def followup_table(source: FindingSource, findings) -> Table:
    """The 箕面市 table: 項番, 指摘事項, 担当課, 対応内容, 区分 (済み / 対応中), grouped by 分類, ordered by 項番."""
    rows, category = [], None
    for finding in findings.order_by("number"):
        if finding.category and finding.category != category:
            rows.append(Heading(finding.category))
        category = finding.category
        rows.append([finding.number, finding.text, unit_names(finding), finding.response,
                     STATUS_WORD[finding.status]])
    return Table(key="followup", title=f"{source.title} 指摘事項に係る対応", header=["項番", "指摘事項", "担当課",
                 "対応内容", "区分"], rows=rows, widths=[6, 50, 14, 50, 8], boxed=True, titled=True,
                 note="区分の「済み」は事務局が対応を確認したもの。")


def _source_page(request, pk: int):
    actor = request.actor
    require(actor.is_staff_member, STAFF_ONLY)
    source = get_for_actor(FindingSource.objects.all(), actor, pk=pk)
    findings = visible_findings(actor).filter(source=source)
    return source, findings


@login_required
def source_detail(request, pk: int):
    source, findings = _source_page(request, pk)
    table = followup_table(source, findings)
    download = tables_export(request, [table], stem=f"findings-{source.pk}")
    if download:
        return download
    return render(request, "audits/source_detail.html", {
        "source": source, "findings": findings.order_by("number"),
        "links": tables_links(request, [table]), "may_audit": restrict(
            FindingSource.objects.filter(pk=source.pk), request.actor, AUDIT).exists(),
        "history": history_of(source)})


@login_required
def source_print(request, pk: int):
    source, findings = _source_page(request, pk)
    return render(request, "audits/source_print.html", {"source": source, "findings": findings.order_by("number")})


# ---- import -------------------------------------------------------------------------------------

def _may_confirm(actor) -> bool:
    return actor.is_office


@login_required
def import_start(request):
    """The upload form; a POST is a dry run that shows the preview and writes nothing."""
    actor = request.actor
    require(may_audit(actor), "指摘事項の取込は事務局または監査担当が行います。")
    form = FindingImportForm(request.POST or None, request.FILES or None)
    form.fields["source"].queryset = restrict(FindingSource.objects.all(), actor, AUDIT).order_by("-fiscal_year")
    if request.GET.get("source", "").isdigit():
        form.initial["source"] = int(request.GET["source"])
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        filename, fmt, data = form.cleaned_data["file"]
        result = importing.import_check(source=source, filename=filename, data=data,
                                        may_confirm=_may_confirm(actor))
        STAGING.discard(request)
        token = STAGING.stage(request, data, fmt, filename=filename, source=source.pk) if result.ok else ""
        return render(request, "audits/import_preview.html", {"result": result, "filename": filename,
                                                               "token": token, "source": source})
    return render(request, "audits/import_start.html", {"form": form, "columns": importing.COLUMNS,
                                                         "required": importing.REQUIRED})


@login_required
@require_POST
def import_commit(request):
    actor = request.actor
    require(may_audit(actor), "指摘事項の取込は事務局または監査担当が行います。")
    try:
        pending, data = STAGING.take(request, request.POST.get("token", ""))
    except StagingError as exc:
        messages.error(request, str(exc))
        return redirect("audits:import")
    source = get_for_actor(FindingSource.objects.all(), actor, action=AUDIT, pk=pending["source"])
    result = importing.import_commit(actor=request.user, source=source, filename=pending["filename"], data=data,
                                     may_confirm=_may_confirm(actor))
    STAGING.discard(request)
    if not result.committed:
        return render(request, "audits/import_preview.html", {"result": result, "filename": pending["filename"],
                                                               "token": "", "source": source})
    messages.success(request, f"{result.created}件の指摘事項を取り込みました。")
    return redirect("audits:source_detail", pk=source.pk)


@login_required
def import_template(request):
    require(request.actor.is_staff_member, STAFF_ONLY)
    header, rows = importing.template_rows()
    kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
    return table_download(kind, stem="findings-import-template", title="指摘事項の取込", header=header, rows=rows)
