"""Every write of the training module (validated, with history naming the actor and a reason), the
audience and outstanding lists, the e-learning import and the reminders."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from hogokan.core.calendar import date_range_error, parse_date, wareki
from hogokan.core.history import link_change
from hogokan.core.services import reminder_key, reminder_resolve, reminder_schedule, save_with_history
from hogokan.core.tabular import ImportFileError, Issue, read_table
from hogokan.org.api import assignments_held, officers_of, unit_subtrees
from hogokan.org.models import OrgUnit, Person, Role
from hogokan.training.models import Attendance, Course, Session, TransmissionReport

# An audience without roles: every role but the contractor and the system administrator.
DEFAULT_ROLES = (Role.CHIEF, Role.MANAGER, Role.OFFICER, Role.STAFF, Role.AUDITOR)
COURSE_FIELDS = ("title", "fiscal_year", "kind", "description", "audience_roles", "assigned_since", "due")
MAX_IMPORT_ROWS = 50_000


# ---- courses and sessions ---------------------------------------------------------------------------

@transaction.atomic
def course_save(*, actor, course: Course | None = None, audience_units=None, reason: str = "", **fields) -> Course:
    """Create (``course`` None) or change a course; ``audience_units`` None leaves the units as they are."""
    creating = course is None
    course = course or Course(created_by=actor)
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(course, name, value)
    if course.audience_roles is None:
        course.audience_roles = []
    course.full_clean(exclude=["audience_units"])
    before = [] if creating else [unit.name for unit in course.audience_units.all()]
    after = before if audience_units is None else [unit.name for unit in audience_units]
    links = link_change("対象の組織", before, after)
    default = "研修の登録" if creating else "研修の変更"
    save_with_history(course, actor, "／".join(part for part in (reason or default, links) if part), validate=False)
    if audience_units is not None:
        course.audience_units.set(audience_units)
    return course


def session_save(*, actor, course: Course, held_on: date, place: str = "", capacity: int | None = None,
                 session: Session | None = None, reason: str = "") -> Session:
    creating = session is None
    session = session or Session(course=course)
    session.held_on, session.place, session.capacity = held_on, place, capacity
    return save_with_history(session, actor, reason or ("研修の回の登録" if creating else "研修の回の変更"))


# ---- the audience and who has not attended --------------------------------------------------------

def audience_day(course: Course, today: date | None = None) -> date:
    """The day the audience is taken on: the due date, or today when that is earlier."""
    today = today or timezone.localdate()
    return min(course.due, today)


def audience(course: Course, today: date | None = None, *, unit_ids=None):
    """The assignments that put people in the course's audience (a person may appear more than once)."""
    own_units = list(course.audience_units.values_list("pk", flat=True)) if course.pk else []
    targets = unit_subtrees(own_units) if own_units else None
    assignments = assignments_held(audience_day(course, today), roles=course.audience_roles or DEFAULT_ROLES,
                                   unit_ids=targets, started_since=course.assigned_since)
    if unit_ids is not None:
        assignments = assignments.filter(unit_id__in=list(unit_ids))
    return assignments


@dataclass
class Outstanding:
    person: int
    username: str | None
    name: str
    employee_no: str
    unit_id: int | None
    unit: str

    def as_api(self) -> dict:
        return {"person": self.person, "username": self.username, "name": self.name, "unit": self.unit}


def outstanding(course: Course, today: date | None = None, *, unit_ids=None) -> list[Outstanding]:
    """Everyone in the audience who has not completed the course, once each (by 職員番号), with one of the
    units that put them there. One query: the attendances are excluded in the database."""
    done = Attendance.objects.filter(course=course, completed=True).values("person_id")
    rows = (audience(course, today, unit_ids=unit_ids).exclude(person_id__in=done)
            .order_by("person__employee_no", "unit__code", "pk")
            .values_list("person_id", "person__user__username", "person__name", "person__employee_no",
                         "unit_id", "unit__name"))
    seen: set[int] = set()
    result = []
    for person_id, username, name, employee_no, unit_id, unit_name in rows.iterator(chunk_size=5000):
        if person_id in seen:
            continue
        seen.add(person_id)
        result.append(Outstanding(person_id, username, name, employee_no, unit_id, unit_name or "全庁"))
    return result


def outstanding_naive(course: Course, today: date | None = None) -> list[Outstanding]:
    """The same list as an ORM loop (a query per person): kept to check the fast path and for the bench."""
    result, seen = [], set()
    for assignment in audience(course, today).select_related("person__user", "unit").order_by(
            "person__employee_no", "unit__code", "pk"):
        person = assignment.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        if Attendance.objects.filter(course=course, person=person, completed=True).exists():
            continue
        result.append(Outstanding(person.pk, person.user.username if person.user else None, person.name,
                                  person.employee_no, assignment.unit_id,
                                  assignment.unit.name if assignment.unit else "全庁"))
    return result


def _unit_of(course: Course, person: Person) -> OrgUnit | None:
    """The unit that puts ``person`` in the audience (else any current unit of theirs)."""
    assignment = (audience(course).filter(person=person).select_related("unit").order_by("unit__code").first()
                  or assignments_held(timezone.localdate()).filter(person=person).select_related("unit")
                  .order_by("unit__code").first())
    return assignment.unit if assignment else None


def works_in(person: Person, unit_ids, day: date | None = None) -> bool:
    """Whether ``person`` holds an assignment in ``unit_ids`` on ``day`` (None: anywhere)."""
    assignments = assignments_held(day or timezone.localdate()).filter(person=person)
    if unit_ids is not None:
        assignments = assignments.filter(unit_id__in=list(unit_ids))
    return assignments.exists()


# ---- attendance --------------------------------------------------------------------------------------

@transaction.atomic
def attendance_record(*, actor, course: Course, person: Person, attended_on: date, completed: bool = True,
                      session: Session | None = None, source: str = Attendance.Source.OFFICE,
                      reason: str = "") -> Attendance:
    """One person's attendance; the same person twice is refused with a message naming them."""
    attendance = Attendance(course=course, person=person, attended_on=attended_on, completed=completed,
                            session=session, source=source, recorded_by=actor, unit=_unit_of(course, person))
    try:
        with transaction.atomic():
            save_with_history(attendance, actor, reason or f"受講の記録（{attendance.get_source_display()}）")
    except IntegrityError as exc:  # recorded by someone else a moment ago
        raise ValidationError({"person": f"{person.name}の受講記録はこの研修に既にあります。"}) from exc
    if completed:
        reminder_resolve(key=reminder_key(course, "attend", person.pk))
    return attendance


def attendance_change(*, actor, attendance: Attendance, attended_on: date, completed: bool,
                      reason: str = "受講記録の訂正") -> Attendance:
    attendance.attended_on, attendance.completed = attended_on, completed
    save_with_history(attendance, actor, reason)
    if completed:
        reminder_resolve(key=reminder_key(attendance.course, "attend", attendance.person_id))
    return attendance


# ---- import of an e-learning result file (職員番号, 受講日, 修了) ---------------------------------------

COLUMNS = ("職員番号", "受講日", "修了")
TRUE_WORDS = {"修了", "済", "済み", "完了", "○", "〇", "1", "true", "はい", "yes"}
FALSE_WORDS = {"未修了", "未", "未完了", "×", "0", "false", "いいえ", "no"}


@dataclass
class ImportRow:
    line: int
    person: Person
    attended_on: date
    completed: bool


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    already: int = 0
    created: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows or self.already)


def _completed(text: str) -> bool | None:
    word = unicodedata.normalize("NFKC", text).strip().lower()
    if word == "" or word in {w.lower() for w in TRUE_WORDS}:
        return True
    if word in {w.lower() for w in FALSE_WORDS}:
        return False
    return None


def import_check(*, course: Course, filename: str, data: bytes) -> ImportResult:
    """Read the file and check every row; nothing is written."""
    result = ImportResult()
    try:
        table = read_table(filename, data, max_rows=MAX_IMPORT_ROWS)
    except ImportFileError as exc:
        result.errors.append(Issue(None, str(exc)))
        return result
    header = [unicodedata.normalize("NFKC", cell).strip() for cell in table.header]
    missing = [name for name in COLUMNS[:2] if name not in header]
    if missing:
        result.errors.append(Issue(table.header_line, f"見出しの行に「{'」「'.join(missing)}」の列がありません"
                                                      f"（必要な列: {'、'.join(COLUMNS)}）。"))
        return result
    index = {name: header.index(name) for name in COLUMNS if name in header}
    numbers = {row[index["職員番号"]].strip() for _line, row in table.rows if len(row) > index["職員番号"]}
    people = {p.employee_no: p for p in Person.objects.filter(employee_no__in=numbers)}
    recorded = set(Attendance.objects.filter(course=course, person__in=people.values())
                   .values_list("person__employee_no", flat=True))
    seen: dict[str, int] = {}
    today = timezone.localdate()

    def cell(row, name):
        position = index.get(name)
        return row[position].strip() if position is not None and position < len(row) else ""

    for line, row in table.rows:
        number, raw_day, raw_done = cell(row, "職員番号"), cell(row, "受講日"), cell(row, "修了")
        problems = []
        person = people.get(number)
        if not number:
            problems.append("職員番号が空です。")
        elif person is None:
            problems.append(f"職員番号「{number}」の職員が見つかりません。")
        elif number in seen:
            problems.append(f"職員番号「{number}」は{seen[number]}行目にもあります。")
        day = parse_date(raw_day)
        if not raw_day:
            problems.append("受講日が空です。")
        elif day is None:
            problems.append(f"受講日「{raw_day}」を日付として読めません（例: 2026-06-15、令和8年6月15日）。")
        elif message := date_range_error(day, earliest=date(1989, 4, 1), today=today):
            problems.append(f"受講日: {message}")
        completed = _completed(raw_done)
        if completed is None:
            problems.append(f"修了「{raw_done}」は「修了」か「未修了」で入力してください。")
        if problems:
            result.errors.extend(Issue(line, problem) for problem in problems)
            continue
        seen[number] = line
        if number in recorded:
            result.already += 1
            continue
        result.rows.append(ImportRow(line, person, day, completed))
    return result


@transaction.atomic
def import_commit(*, actor, course: Course, filename: str, data: bytes) -> ImportResult:
    """Check again and write every row, or nothing when any row fails."""
    result = import_check(course=course, filename=filename, data=data)
    if not result.ok:
        return result
    units = {}
    day = audience_day(course)
    for assignment in audience(course).filter(person__in=[row.person for row in result.rows]).order_by(
            "-unit__code"):
        units[assignment.person_id] = assignment.unit_id
    missing = [row.person.pk for row in result.rows if row.person.pk not in units]
    for assignment in assignments_held(day).filter(person_id__in=missing).order_by("-unit__code"):
        units.setdefault(assignment.person_id, assignment.unit_id)
    records = [Attendance(course=course, person=row.person, unit_id=units.get(row.person.pk),
                          attended_on=row.attended_on, completed=row.completed,
                          source=Attendance.Source.IMPORT, recorded_by=actor) for row in result.rows]
    try:
        with transaction.atomic():
            bulk_create_with_history(records, Attendance, default_user=actor,
                                     default_change_reason=f"受講記録の取込（{filename}）")
    except IntegrityError:
        result.errors.append(Issue(None, "取り込む間に他の操作で受講記録が登録されました。もう一度確認してください。"))
        return result
    for row in result.rows:
        if row.completed:
            reminder_resolve(key=reminder_key(course, "attend", row.person.pk))
    result.created, result.committed = len(records), True
    return result


# ---- the section head's report (所属内への伝達) ---------------------------------------------------------

@transaction.atomic
def transmission_report_save(*, actor, course: Course, unit: OrgUnit, status: str, how: str = "",
                             reported_on: date | None = None) -> TransmissionReport:
    report = (TransmissionReport.objects.select_for_update().filter(course=course, unit=unit).first()
              or TransmissionReport(course=course, unit=unit))
    creating = report.pk is None
    report.status, report.how = status, how
    report.reported_on = reported_on or timezone.localdate()
    report.reported_by = actor
    return save_with_history(report, actor, "所属内への伝達の報告" if creating else "所属内への伝達の報告の変更")


def transmission_counts(reports) -> list[dict]:
    """京都市's table: sections per answer and their share of the sections that answered (単位: 所属, %)."""
    counts = Counter(report.status for report in reports)
    total = sum(counts.values())
    rows = []
    for value, label in TransmissionReport.Status.choices:
        count = counts.get(value, 0)
        rows.append({"status": value, "label": label, "count": count,
                     "percent": round(count * 100 / total, 1) if total else 0.0})
    return rows


# ---- rates per unit -------------------------------------------------------------------------------------

@dataclass
class UnitRate:
    unit_id: int | None
    unit: str
    audience: int = 0
    completed: int = 0

    @property
    def outstanding(self) -> int:
        return self.audience - self.completed

    @property
    def rate(self) -> float:
        return round(self.completed * 100 / self.audience, 1) if self.audience else 0.0


def rates_by_unit(courses, today: date | None = None, *, unit_ids=None) -> list[UnitRate]:
    """Per unit: how many (person, course) pairs of the courses' audiences there are and how many completed."""
    rates: dict[int | None, UnitRate] = {}
    for course in courses:
        done = set(Attendance.objects.filter(course=course, completed=True).values_list("person_id", flat=True))
        seen = set()
        for person_id, unit_id, unit_name in (audience(course, today, unit_ids=unit_ids)
                                              .order_by("person_id", "unit__code")
                                              .values_list("person_id", "unit_id", "unit__name")):
            if person_id in seen:
                continue
            seen.add(person_id)
            rate = rates.setdefault(unit_id, UnitRate(unit_id, unit_name or "全庁"))
            rate.audience += 1
            rate.completed += person_id in done
    return sorted(rates.values(), key=lambda rate: rate.unit)


def courses_of_person(person: Person, fiscal_year: int | None = None, today: date | None = None) -> list[dict]:
    """A person's training: every course they attended or are in the audience of, with the attendance."""
    attendances = {a.course_id: a for a in Attendance.objects.filter(person=person).select_related("course")}
    courses = Course.objects.all()
    if fiscal_year is not None:
        courses = courses.filter(fiscal_year=fiscal_year)
    result = []
    for course in courses.order_by("-fiscal_year", "due", "pk"):
        attendance = attendances.get(course.pk)
        if attendance is None and not audience(course, today).filter(person=person).exists():
            continue
        result.append({"course": course, "attendance": attendance})
    return result


# ---- reminders -----------------------------------------------------------------------------------------

def course_remind(*, course: Course, today: date | None = None) -> int:
    """Remind everyone who has not attended (with a login) before the due date; their section heads are
    told once it is overdue, and get one reminder per unit with the count. Idempotent by key."""
    today = today or timezone.localdate()
    url = reverse("training:course_detail", args=[course.pk])
    users = {p.pk: p.user for p in Person.objects.filter(
        pk__in=[row.person for row in outstanding(course, today)], user__isnull=False).select_related("user")}
    by_unit: dict[int, list[Outstanding]] = defaultdict(list)
    heads_of: dict[int, list] = {}
    count = 0
    for row in outstanding(course, today):
        if row.unit_id is not None:
            by_unit[row.unit_id].append(row)
        user = users.get(row.person)
        if user is None:
            continue
        if row.unit_id is not None and row.unit_id not in heads_of:
            heads_of[row.unit_id] = officers_of(OrgUnit.objects.get(pk=row.unit_id), today)
        reminder_schedule(key=reminder_key(course, "attend", row.person),
                          subject=f"研修の受講: {course.title}", due_date=course.due, recipients=[user],
                          escalate_to=heads_of.get(row.unit_id, []), url=url, related=course,
                          body=f"受講期限は{wareki(course.due)}です。")
        count += 1
    for unit_id, rows in by_unit.items():
        heads = heads_of.get(unit_id) or officers_of(OrgUnit.objects.get(pk=unit_id), today)
        if heads:
            reminder_schedule(key=reminder_key(course, "unit", unit_id), subject=f"所属の未受講者 {len(rows)}人: {course.title}",
                              due_date=course.due, recipients=heads, related=course,
                              url=reverse("training:unit_outstanding", args=[unit_id]),
                              body="所属の職員の受講を確認してください。")
    return count
