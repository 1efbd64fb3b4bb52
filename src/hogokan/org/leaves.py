"""休職・育児休業・病気休暇: the personnel office's list, one leave at a time, and a CSV/Excel import with a dry
run (unknown 職員番号 and bad dates listed, nothing written until the file is clean). The modules that react
to leaves (assets' access reviews) are told by the services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.core.calendar import date_range_error, parse_date
from hogokan.core.forms import AccessibleForm, TableFileField, add_service_errors, date_field
from hogokan.core.lists import paginate
from hogokan.core.permissions import VIEW, require, restrict
from hogokan.core.tabular import (
    ImportFileError,
    ImportResult,
    ImportStaging,
    Issue,
    PreviewRow,
    StagingError,
    read_table,
)
from hogokan.org import services
from hogokan.org.models import Leave, Person
from hogokan.org.views import require_staff

STAGING = ImportStaging("org-leaves")
COLUMNS = ["職員番号", "種別", "開始日", "終了日", "備考"]
KINDS = {label: value for value, label in Leave.Kind.choices}


class LeaveForm(AccessibleForm):
    employee_no = forms.CharField(label="職員番号", max_length=30, error_messages={"required": "職員番号を入力してください。"})
    kind = forms.ChoiceField(label="種別", choices=Leave.Kind.choices, error_messages={"required": "種別を選んでください。"})
    start = date_field("開始日")
    end = date_field("終了日（予定を含む）", required=False, help_text="未定のときは空欄。例: 2026/4/1")
    note = forms.CharField(label="備考", max_length=200, required=False)


class LeaveImportForm(AccessibleForm):
    file = TableFileField(max_mb=10, label="休職・休業の一覧（CSV または Excel）",
                          help_text="1行目に見出し: " + "、".join(COLUMNS))


@login_required
def leave_list(request):
    actor = request.actor
    require_staff(actor)
    may_record = actor.is_system_admin or actor.is_office
    form = LeaveForm(request.POST or None)
    if request.method == "POST":
        require(may_record, "休職・休業の登録は人事担当（システム管理者）又は事務局が行います。")
        if form.is_valid():
            data = form.cleaned_data
            person = Person.objects.filter(employee_no=data["employee_no"].strip()).first()
            if person is None:
                form.add_error("employee_no", f"職員番号「{data['employee_no']}」の職員等は登録されていません。")
            else:
                try:
                    services.leave_record(actor=request.user, person=person, kind=data["kind"], start=data["start"],
                                          end=data["end"], note=data["note"])
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, f"{person.name}さんの{dict(Leave.Kind.choices)[data['kind']]}を登録しました。")
                    return redirect("org:leave_list")
    today = timezone.localdate()
    leaves = restrict(Leave.objects.select_related("person"), actor, VIEW).order_by("-start", "pk")
    return render(request, "org/leave_list.html", {
        "form": form if may_record else None, "page": paginate(request, leaves), "today": today,
        "may_record": may_record})


def check(filename: str, data: bytes) -> ImportResult:
    result = ImportResult(columns=COLUMNS)
    try:
        table = read_table(filename, data, max_rows=5000)
    except ImportFileError as exc:
        result.errors.append(Issue(None, str(exc)))
        return result
    missing = [name for name in COLUMNS[:3] if name not in table.header]
    if missing:
        result.errors.append(Issue(table.header_line, f"見出しに「{'」「'.join(missing)}」がありません。"))
        return result
    index = {name: table.header.index(name) for name in COLUMNS if name in table.header}
    people = {p.employee_no: p for p in Person.objects.filter(
        employee_no__in=[cells[index["職員番号"]] for _line, cells in table.rows if len(cells) > index["職員番号"]])}
    for line, cells in table.rows:
        cell = {name: (cells[i] if i < len(cells) else "") for name, i in index.items()}
        errors = []
        person = people.get(cell["職員番号"])
        if person is None:
            errors.append(f"職員番号「{cell['職員番号']}」の職員等は登録されていません。")
        kind = KINDS.get(cell["種別"])
        if kind is None:
            errors.append(f"種別「{cell['種別']}」は {'・'.join(KINDS)} のいずれかで入力してください。")
        days = {}
        for name in ("開始日", "終了日"):
            text = cell.get(name, "")
            if not text:
                days[name] = None
                if name == "開始日":
                    errors.append("開始日がありません。")
                continue
            day = parse_date(text)
            message = date_range_error(day, label=name) if day else f"{name}「{text}」は日付として読めません。"
            if message:
                errors.append(message)
            days[name] = day
        if days.get("開始日") and days.get("終了日") and days["終了日"] < days["開始日"]:
            errors.append("終了日は開始日以降の日付にしてください。")
        result.rows_parsed += 1
        result.errors.extend(Issue(line, message) for message in errors)
        result.preview.append(PreviewRow(line, [cell.get(name, "") for name in COLUMNS], errors, values={
            "person": person, "kind": kind, "start": days.get("開始日"), "end": days.get("終了日"),
            "note": cell.get("備考", "")[:200]}))
    return result


def _preview(request, result, filename, token):
    return render(request, "org/leave_preview.html", {"result": result, "filename": filename, "token": token,
                                                      "errors": [str(issue) for issue in result.errors][:200]})


@login_required
def leave_import(request):
    actor = request.actor
    require(actor.is_system_admin or actor.is_office, "休職・休業の取込は人事担当（システム管理者）又は事務局が行います。")
    form = LeaveImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, fmt, data = form.cleaned_data["file"]
        result = check(filename, data)
        token = STAGING.stage(request, data, fmt, filename=filename) if result.ok else ""
        return _preview(request, result, filename, token)
    return render(request, "org/leave_import.html", {"form": form, "columns": COLUMNS})


@login_required
@require_POST
def leave_import_commit(request):
    actor = request.actor
    require(actor.is_system_admin or actor.is_office, "休職・休業の取込は人事担当（システム管理者）又は事務局が行います。")
    try:
        pending, data = STAGING.take(request, request.POST.get("token", ""))
    except StagingError as exc:
        messages.error(request, str(exc))
        return redirect("org:leave_import")
    result = check(pending["filename"], data)
    if not result.ok:
        STAGING.discard(request)
        return _preview(request, result, pending["filename"], "")
    try:
        leaves = services.leaves_import(actor=request.user, rows=[row.values for row in result.preview])
    except ValidationError as exc:
        STAGING.discard(request)
        messages.error(request, "取り込めませんでした（何も登録していません）: " + " ".join(exc.messages))
        return redirect("org:leave_import")
    STAGING.discard(request)
    messages.success(request, f"{len(leaves)}件の休職・休業を取り込みました。")
    return redirect("org:leave_list")
