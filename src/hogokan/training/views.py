"""The training pages: courses (the office), attendance (the office, a section head for their staff), the
e-learning import (dry run → 「取り込む」), outstanding lists, rates, reports of passing the content on, and
a person's own training."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hogokan.core.exports import (
    export_format,
    export_links,
    table_download,
    tables_export,
    tables_links,
)
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, fiscal_year_choices, fiscal_year_param, paginate
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor, require, restrict
from hogokan.core.tabular import ImportStaging, StagingError
from hogokan.org.api import unit_subtrees
from hogokan.org.models import OrgUnit, Person
from hogokan.training import api as training_api
from hogokan.training import services
from hogokan.training.forms import (
    AttendanceForm,
    CourseFilterForm,
    CourseForm,
    ImportForm,
    SessionForm,
    TransmissionForm,
)
from hogokan.training.models import Attendance, Course, TransmissionReport
from hogokan.training.scoping import may_manage, may_record

STAGING = ImportStaging("training")
MAX_LISTED_ERRORS = 200


def _staff(actor) -> None:
    require(actor.is_staff_member, "研修のページは職員が利用できます。")


def _office(actor) -> None:
    require(may_manage(actor), "研修の登録・変更は事務局（総括保護管理者）が行います。")


def _course(request, pk: int, action: str = VIEW) -> Course:
    return get_for_actor(Course.objects.all(), request.actor, action=action, pk=pk)


# ---- courses ---------------------------------------------------------------------------------------

@login_required
def course_list(request):
    actor = request.actor
    _staff(actor)
    form = CourseFilterForm(filter_data(request, CourseFilterForm), actor=actor,
                            initial={"fiscal_year": fiscal_year_param(request)})
    courses = form.filtered(restrict(Course.objects.all(), actor, VIEW)).order_by("-fiscal_year", "due", "pk")
    return render(request, "training/course_list.html", {
        "form": form, "page": paginate(request, courses), "can_manage": may_manage(actor)})


def _save_course(request, form, course=None):
    data = form.cleaned_data
    fields = {name: data[name] for name in ("title", "fiscal_year", "kind", "description", "assigned_since", "due")}
    try:
        return services.course_save(actor=request.user, course=course, audience_units=list(data["audience_units"]),
                                    audience_roles=list(data["audience_roles"]), **fields)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def course_create(request):
    _office(request.actor)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (course := _save_course(request, form)):
        messages.success(request, f"研修「{course.title}」を登録しました。")
        return redirect("training:course_detail", course.pk)
    return render(request, "training/form.html", {"form": form, "title": "研修の登録", "submit": "登録する"})


@login_required
def course_edit(request, pk: int):
    course = _course(request, pk, CHANGE)
    initial = {"audience_units": list(course.audience_units.all())}
    form = CourseForm(request.POST or None, instance=course, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_course(request, form, Course.objects.get(pk=pk)):
        messages.success(request, "研修を変更しました。")
        return redirect("training:course_detail", pk)
    return render(request, "training/form.html", {"form": form, "title": f"研修の変更: {course.title}",
                                                  "submit": "変更する", "course": course})


@login_required
def course_detail(request, pk: int):
    actor = request.actor
    _staff(actor)
    course = _course(request, pk)
    today = timezone.localdate()
    attendances = restrict(Attendance.objects.filter(course=course), actor, VIEW).select_related(
        "person", "unit", "session").order_by("person__employee_no")
    outstanding = services.outstanding(course, today, unit_ids=actor.unit_ids)
    reports = restrict(TransmissionReport.objects.filter(course=course), actor, VIEW).select_related("unit")
    return render(request, "training/course_detail.html", {
        "course": course, "sessions": course.sessions.all(), "units": course.audience_units.all(),
        "page": paginate(request, attendances), "outstanding_count": len(outstanding),
        "reports": reports, "counts": services.transmission_counts(reports),
        "can_manage": may_manage(actor), "can_record": may_record(actor),
        "can_report": actor.is_section_head, "history": history_of(course)})


@login_required
def session_add(request, pk: int):
    course = _course(request, pk, CHANGE)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "研修の回を登録しました。")
            return redirect("training:course_detail", pk)
    return render(request, "training/form.html", {"form": form, "title": f"研修の回の登録: {course.title}",
                                                  "submit": "登録する", "course": course})


# ---- attendance -------------------------------------------------------------------------------------

@login_required
def attendance_add(request, pk: int):
    actor = request.actor
    _staff(actor)
    require(may_record(actor), "受講の記録は事務局又は所属の保護責任者（課長等）が行います。")
    course = _course(request, pk)
    form = AttendanceForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = Person.objects.filter(employee_no=data["employee_no"].strip()).first()
        if person is None:
            form.add_error("employee_no", f"職員番号「{data['employee_no']}」の職員が見つかりません。")
        elif not actor.is_office and not services.works_in(person, actor.unit_ids):
            form.add_error("employee_no", "所属の職員の受講だけを記録できます。")
        else:
            source = Attendance.Source.OFFICE if actor.is_office else Attendance.Source.SECTION_HEAD
            try:
                services.attendance_record(actor=request.user, course=course, person=person,
                                           attended_on=data["attended_on"], completed=data["completed"],
                                           session=data["session"], source=source)
            except ValidationError as exc:
                add_service_errors(form, exc, {"person": "employee_no"})
            else:
                messages.success(request, f"{person.name}の受講を記録しました。")
                return redirect("training:attendance_add", pk)
    return render(request, "training/form.html", {
        "form": form, "title": f"受講の記録: {course.title}", "submit": "記録する", "course": course,
        "intro": "" if actor.is_office else "所属の職員の受講を記録します。"})


@login_required
def import_start(request, pk: int):
    """The upload form; a POST is a dry run that shows the rows and errors and writes nothing."""
    course = _course(request, pk, CHANGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, fmt, data = form.cleaned_data["file"]
        result = services.import_check(course=course, filename=filename, data=data)
        STAGING.discard(request)
        token = STAGING.stage(request, data, fmt, filename=filename, course=course.pk) if result.ok else ""
        return _preview(request, course, result, filename, token)
    return render(request, "training/import_start.html", {"form": form, "course": course,
                                                          "columns": services.COLUMNS})


def _preview(request, course, result, filename, token):
    return render(request, "training/import_preview.html", {
        "course": course, "result": result, "filename": filename, "token": token,
        "errors": result.errors[:MAX_LISTED_ERRORS], "more_errors": max(0, len(result.errors) - MAX_LISTED_ERRORS),
        "rows": result.rows[:100]})


@login_required
@require_POST
def import_commit(request, pk: int):
    course = _course(request, pk, CHANGE)
    try:
        pending, data = STAGING.take(request, request.POST.get("token", ""))
    except StagingError as exc:
        messages.error(request, str(exc))
        return redirect("training:import", pk)
    if pending.get("course") != course.pk:
        messages.error(request, "別の研修のために確認したファイルです。もう一度ファイルを選んで確認してください。")
        return redirect("training:import", pk)
    result = services.import_commit(actor=request.user, course=course, filename=pending["filename"], data=data)
    STAGING.discard(request)
    if not result.committed:
        return _preview(request, course, result, pending["filename"], "")
    messages.success(request, f"{result.created}人の受講記録を取り込みました"
                              f"{f'（既に記録済み {result.already}人）' if result.already else ''}。")
    return redirect("training:course_detail", pk)


# ---- outstanding lists and reminders ----------------------------------------------------------------

OUTSTANDING_HEADER = ["職員番号", "氏名", "所属", "ログインID"]


@login_required
def outstanding(request, pk: int):
    actor = request.actor
    _staff(actor)
    course = _course(request, pk)
    rows = services.outstanding(course, timezone.localdate(), unit_ids=actor.unit_ids)
    kind = export_format(request)
    if kind:
        return table_download(kind, stem=f"training-outstanding-{course.pk}", title=f"未受講者 {course.title}",
                              header=OUTSTANDING_HEADER,
                              rows=([r.employee_no, r.name, r.unit, r.username or ""] for r in rows))
    return render(request, "training/outstanding.html", {
        "course": course, "page": paginate(request, rows), "count": len(rows), "exports": export_links(request),
        "can_manage": may_manage(actor)})


@login_required
@require_POST
def remind(request, pk: int):
    course = _course(request, pk, CHANGE)
    count = services.course_remind(course=course)
    messages.success(request, f"未受講の{count}人と所属の保護責任者に受講期限の通知を設定しました。")
    return redirect("training:outstanding", pk)


@login_required
def unit_outstanding(request, pk: int):
    """One unit (and its subtree): who has not attended which course of the fiscal year."""
    actor = request.actor
    _staff(actor)
    unit = get_for_actor(OrgUnit.objects.all(), actor, action=VIEW, pk=pk)
    year = fiscal_year_param(request)
    reach = unit_subtrees([unit.pk])
    if actor.unit_ids is not None:
        reach = reach & actor.unit_ids
    today = timezone.localdate()
    rows = [(course, row) for course in Course.objects.filter(fiscal_year=year).order_by("due", "pk")
            for row in services.outstanding(course, today, unit_ids=reach)]
    kind = export_format(request)
    if kind:
        return table_download(kind, stem=f"training-unit-{unit.pk}-{year}", title=f"未受講者 {unit.name}",
                              header=["研修", "受講期限", *OUTSTANDING_HEADER],
                              rows=([c.title, c.due, r.employee_no, r.name, r.unit, r.username or ""]
                                    for c, r in rows))
    return render(request, "training/unit_outstanding.html", {
        "unit": unit, "year": year, "years": fiscal_year_choices(), "page": paginate(request, rows),
        "count": len(rows), "exports": export_links(request), "today": today})


# ---- rates and reports ---------------------------------------------------------------------------------

@login_required
def rates(request):
    """受講率 per unit for a fiscal year, and the counts of the section heads' reports (京都市's tables)."""
    actor = request.actor
    _staff(actor)
    year = fiscal_year_param(request)
    tables = training_api.rate_tables(actor, year, timezone.localdate())
    if response := tables_export(request, tables, stem=f"training-{year}"):
        return response
    return render(request, "training/rates.html", {"year": year, "years": fiscal_year_choices(),
                                                   "exports": tables_links(request, tables)})


@login_required
def transmission(request, pk: int):
    """The section head's report after training: whether and how the content was passed on."""
    actor = request.actor
    _staff(actor)
    require(actor.is_section_head, "所属内への伝達の報告は所属の保護責任者（課長等）が行います。")
    course = _course(request, pk)
    unit = actor.assignment.unit
    report = TransmissionReport.objects.filter(course=course, unit=unit).first()
    form = TransmissionForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.transmission_report_save(actor=request.user, course=course, unit=unit,
                                              status=form.cleaned_data["status"], how=form.cleaned_data["how"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "所属内への伝達を報告しました。")
            return redirect("training:course_detail", pk)
    return render(request, "training/form.html", {
        "form": form, "title": f"所属内への伝達の報告: {course.title}", "submit": "報告する", "course": course,
        "intro": f"{unit.name}で研修の内容を所属の職員に伝えたかを報告します。"})


# ---- a person's training -------------------------------------------------------------------------------

@login_required
def mine(request):
    actor = request.actor
    require(actor.is_authenticated)
    return render(request, "training/person.html", {
        "person": actor.person, "entries": services.courses_of_person(actor.person), "own": True,
        "today": timezone.localdate()})


@login_required
def person_training(request, pk: int):
    actor = request.actor
    _staff(actor)
    person = get_for_actor(Person.objects.all(), actor, action=VIEW, pk=pk)
    return render(request, "training/person.html", {
        "person": person, "entries": services.courses_of_person(person), "own": person == actor.person,
        "today": timezone.localdate()})
