"""The scanner's pages: results per unit and run, a unit's files tied to its registers, the pre-send check,
its log, and the path rules (the office)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from hogokan.core.exports import export_format, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.lists import paginate
from hogokan.core.permissions import get_for_actor, require
from hogokan.org.models import OrgUnit
from hogokan.scanner import rules, selectors, services
from hogokan.scanner.exports import files_table
from hogokan.scanner.forms import CheckForm, PathRuleForm
from hogokan.scanner.models import ScanRun
from hogokan.scanner.scoping import may_manage_rules

CATEGORY_COLUMNS = [(category, rules.CATEGORY_LABELS[category]) for category in rules.CATEGORIES]


def _decorated(files):
    """Each file with its counts in the categories' order and its masked samples as one line."""
    for scanned in files:
        scanned.counts = [scanned.findings.get(category, 0) for category in rules.CATEGORIES]
        scanned.sample_text = " ／ ".join("、".join(values) for values in scanned.samples.values())
    return files


def _staff(actor) -> None:
    require(actor.is_staff_member, "個人情報ファイル検査のページは職員が利用できます。")


@login_required
def home(request):
    actor = request.actor
    _staff(actor)
    runs = selectors.runs_for(actor)
    run = runs.first()
    return render(request, "scanner/home.html", {
        "run": run, "units": selectors.unit_table(actor, run) if run else [],
        "trend": selectors.trend(actor), "can_manage": may_manage_rules(actor)})


@login_required
def run_detail(request, pk: int):
    actor = request.actor
    _staff(actor)
    run = get_for_actor(ScanRun.objects.all(), actor, pk=pk)
    files = selectors.files_for(actor).filter(run=run)
    if request.GET.get("all") != "1":
        files = files.filter(total__gt=0)
    if export_format(request):
        rows = [{"path": f.location, "size": f.size, "status": f.status, "findings": f.findings, "reason": f.reason}
                for f in files.order_by("location")]
        table = files_table(rows)
        return table_download(export_format(request), stem=f"scan-run-{run.pk}", title=table.title,
                              header=table.header, rows=table.rows)
    page = paginate(request, files.order_by("location"))
    return render(request, "scanner/run_detail.html", {
        "run": run, "units": selectors.unit_table(actor, run), "page": page, "files": _decorated(list(page.object_list)),
        "columns": CATEGORY_COLUMNS, "all": request.GET.get("all") == "1"})


@login_required
def unit(request, pk: int):
    actor = request.actor
    _staff(actor)
    unit = get_for_actor(OrgUnit.objects.all(), actor, pk=pk)
    run = selectors.latest_run_of(actor, unit)
    files = list(selectors.files_for(actor).filter(run=run, unit=unit, total__gt=0).order_by("location")) if run else []
    candidates, misplaced = selectors.register_gaps(actor, unit, files)
    return render(request, "scanner/unit.html", {
        "unit": unit, "run": run, "files": _decorated(files), "trend": selectors.trend(actor, unit=unit),
        "candidates": candidates, "misplaced": misplaced, "columns": CATEGORY_COLUMNS})


@login_required
def check(request):
    actor = request.actor
    _staff(actor)
    result = None
    form = CheckForm(request.POST, request.FILES) if request.method == "POST" else CheckForm()
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            _check, result = services.presend_check(actor=actor, file_name=uploaded.name, data=uploaded.read())
        except ValidationError as error:
            add_service_errors(form, error)
    rows = []
    if result:
        rows = [{"label": label, "count": result["findings"][category], "in_context": result["in_context"][category],
                 "samples": result["samples"].get(category, [])} for category, label in CATEGORY_COLUMNS]
    return render(request, "scanner/check.html", {"form": form, "result": result, "rows": rows})


@login_required
def check_log(request):
    actor = request.actor
    _staff(actor)
    return render(request, "scanner/check_log.html", {"page": paginate(request, selectors.checks_for(actor))})


@login_required
def path_rules(request):
    actor = request.actor
    _staff(actor)
    can_manage = may_manage_rules(actor)
    form = PathRuleForm(request.POST) if request.method == "POST" else PathRuleForm()
    if request.method == "POST":
        require(can_manage, "対応フォルダの登録は事務局（総括保護管理者）が行います。")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.path_rule_save(actor=request.user, prefix=data["prefix"], unit=data["unit"],
                                        my_number_allowed=data["my_number_allowed"], note=data["note"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "対応フォルダを登録しました。次に受信する検査結果から使われます。")
                return redirect("scanner:rules")
    return render(request, "scanner/rules.html", {
        "rules": selectors.rules_for(actor), "form": form if can_manage else None})
