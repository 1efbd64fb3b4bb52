"""What other modules (the dashboard, reports) may use of the training records."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.training import services
from hogokan.training.models import Attendance, Course


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: the person's own courses to attend; a section head's (or manager's) staff who have not
    attended; for the office, completion by unit of this year's courses (a link to the table)."""
    if actor is None or not actor.is_authenticated:
        return []
    items = []
    courses = list(Course.objects.filter(due__gte=today - timedelta(days=365)).order_by("due", "pk")[:50])
    person = actor.person
    done = set(Attendance.objects.filter(person=person, completed=True).values_list("course_id", flat=True))
    for course in courses:
        if course.pk in done or not services.audience(course, today).filter(person=person).exists():
            continue
        items.append(DueItem(f"研修の受講: {course.title}", reverse("training:mine"), course.due))
    if actor.is_section_head or actor.is_manager:
        unit_id = actor.assignment.unit_id
        for course in courses:
            count = len(services.outstanding(course, today, unit_ids=actor.unit_ids))
            if count:
                items.append(DueItem(f"所属の未受講者 {count}人: {course.title}",
                                     reverse("training:unit_outstanding", args=[unit_id]), course.due))
    if actor.is_office:
        for course in [course for course in courses if course.due >= today][:5]:
            total = services.audience(course, today).values("person_id").distinct().count()
            left = len(services.outstanding(course, today))
            if total and left:
                rate = (total - left) * 100 / total
                items.append(DueItem(f"研修の修了 {rate:.1f}%（未受講 {left}人、所属別の受講状況）: {course.title}",
                                     reverse("training:rates") + f"?fiscal_year={course.fiscal_year}", course.due))
    return items


def attendances_of(person):
    """A person's attendance records (for reports)."""
    return Attendance.objects.filter(person=person).select_related("course")


def rate_tables(actor, year: int, today: date):
    """受講率 per unit and the section heads' reports of passing the content on (京都市's tables), in the
    actor's units: the rates page and the reports share them."""
    from hogokan.core.calendar import wareki_fiscal_year
    from hogokan.core.exports import Table
    from hogokan.core.permissions import VIEW, restrict
    from hogokan.training.models import TransmissionReport

    courses = list(Course.objects.filter(fiscal_year=year).order_by("due", "pk"))
    rate_rows = [[rate.unit, rate.audience, rate.completed, rate.outstanding, f"{rate.rate:.1f}"]
                 for rate in services.rates_by_unit(courses, today, unit_ids=actor.unit_ids)]
    reports = restrict(TransmissionReport.objects.filter(course__fiscal_year=year), actor, VIEW)
    by_course = []
    for course in courses:
        counts = services.transmission_counts([r for r in reports if r.course_id == course.pk])
        by_course.append([course.title, *(f"{row['count']}（{row['percent']:.1f}%）" for row in counts)])
    total = services.transmission_counts(list(reports))
    return [
        Table("rates", f"{wareki_fiscal_year(year)} 所属別の受講状況", ["所属", "対象者", "修了", "未受講", "受講率（%）"],
              rate_rows, note="対象者・修了は研修ごとの人数の合計です。"),
        Table("transmission", f"{wareki_fiscal_year(year)} 所属内への伝達（単位: 所属, %）",
              ["研修", *(label for _value, label in TransmissionReport.Status.choices)],
              [*by_course, ["合計", *(f"{row['count']}（{row['percent']:.1f}%）" for row in total)]],
              note="割合は報告のあった所属に対する割合です。"),
    ]


def course_table(year: int, *, as_of: date | None = None):
    """研修の実施状況 of ``year``: each course, its kind, sessions held and the people who completed it (by
    ``as_of``)."""
    from django.db.models import Count, Q

    from hogokan.core.calendar import wareki_fiscal_year
    from hogokan.core.exports import Table

    sessions = Q(sessions__held_on__lte=as_of) if as_of else Q()
    completed = Q(attendances__completed=True) & (Q(attendances__attended_on__lte=as_of) if as_of else Q())
    courses = (Course.objects.filter(fiscal_year=year).order_by("due", "pk")
               .annotate(held=Count("sessions", filter=sessions, distinct=True),
                         done=Count("attendances", filter=completed, distinct=True)))
    rows = [[course.title, course.get_kind_display(), course.held, course.done] for course in courses]
    rows.append(["計", "", sum(row[2] for row in rows), sum(row[3] for row in rows)])
    return Table("courses", f"研修の実施状況（{wareki_fiscal_year(year)}）", ["研修名", "種類", "開催回数", "修了者数"], rows,
                 "単位: 回、人。eラーニングは開催回数に数えません。")


def yearly_counts(year: int, *, as_of: date | None = None) -> dict:
    """{"courses", "sessions", "completed"} of ``year``."""
    table = course_table(year, as_of=as_of)
    total = table.rows[-1]
    return {"courses": len(table.rows) - 1, "sessions": total[2], "completed": total[3]}
