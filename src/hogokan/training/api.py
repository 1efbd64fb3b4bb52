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
