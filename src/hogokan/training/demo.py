"""Demo training for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing).

Last year's J-LIS web seminar for the section heads (箕面市 seeds/003: 受講後に所属職員へフィードバックし
総務室へ報告) with nearly everyone done and the reports of passing it on; this year's courses (新規採用職員,
新任課長級, 全職員, 情報化推進支援員, 特定個人情報, 委託先向け) with sessions, part of the attendance recorded
by the office, by a section head and by an import, so that the outstanding lists look real.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from hogokan.core.calendar import fiscal_year, fiscal_year_range
from hogokan.org.api import assignments_held
from hogokan.org.models import OrgUnit, Role
from hogokan.training import services
from hogokan.training.models import Attendance, Course

FIRST_TITLE = "個人情報取扱担当者のための個人情報保護セミナー（J-LIS WEB動画研修）"


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _record(chief, course, people, day, *, source=Attendance.Source.OFFICE, actor=None):
    for person in people:
        if not Attendance.objects.filter(course=course, person=person).exists():
            services.attendance_record(actor=actor or chief, course=course, person=person, attended_on=day,
                                       source=source)


def _clamp(day: date, today: date) -> date:
    return min(day, today)


def load() -> None:
    if Course.objects.filter(title=FIRST_TITLE).exists():
        return
    chief, officer = _user("chief"), _user("officer")
    if chief is None or officer is None:
        return  # the demo body is not loaded
    today = timezone.localdate()
    this_year = fiscal_year(today)
    start, end = fiscal_year_range(this_year)
    last_start, last_end = fiscal_year_range(this_year - 1)

    # ---- last year: the J-LIS seminar for the section heads, with the reports of passing it on ----
    seminar = services.course_save(
        actor=chief, title=FIRST_TITLE, fiscal_year=this_year - 1, kind=Course.Kind.ELEARNING,
        audience_roles=[Role.OFFICER, Role.MANAGER], due=last_end - timedelta(days=30),
        description="対象者は受講後、研修資料を所属職員と共有し理解を深めるなどのフィードバックを行い、"
                    "受講とフィードバックの実施を事務局へ報告する。")
    heads = [a.person for a in services.audience(seminar).select_related("person").order_by("person__employee_no")]
    _record(chief, seminar, heads[: max(1, len(heads) - 3)], last_start + timedelta(days=120),
            source=Attendance.Source.IMPORT)
    statuses = ["all", "all", "some", "all", "none", "all", "some", "all"]
    for index, unit in enumerate(OrgUnit.objects.filter(code__in=["B06", "B04", "B01", "A02", "A04", "C06"])
                                 .order_by("code")):
        status = statuses[index % len(statuses)]
        services.transmission_report_save(
            actor=chief, course=seminar, unit=unit, status=status, reported_on=last_start + timedelta(days=150),
            how={"all": "課内会議で研修資料を配布して説明した", "some": "係長に資料を回覧した", "none": ""}[status])

    # ---- this year ----
    new_staff = services.course_save(
        actor=chief, title="新規採用職員研修（個人情報保護制度・情報セキュリティ）", fiscal_year=this_year,
        kind=Course.Kind.NEW_STAFF, audience_roles=[Role.STAFF], assigned_since=start, due=start + timedelta(days=90))
    services.session_save(actor=chief, course=new_staff, held_on=start + timedelta(days=7), place="本庁舎 大会議室",
                          capacity=120)
    new_heads = services.course_save(
        actor=chief, title="新任課長級職員研修", fiscal_year=this_year, kind=Course.Kind.NEW_HEAD,
        audience_roles=[Role.OFFICER], assigned_since=start, due=start + timedelta(days=120))
    services.session_save(actor=chief, course=new_heads, held_on=start + timedelta(days=45), place="本庁舎 研修室",
                          capacity=40)
    everyone = services.course_save(
        actor=chief, title="個人情報保護研修（全職員）", fiscal_year=this_year, kind=Course.Kind.ALL_STAFF,
        audience_roles=[], due=end - timedelta(days=31),
        description="法第66条に基づく研修。保有個人情報の取扱い、漏えい等の防止と発生時の対応。")
    for offset, place in ((60, "本庁舎 大会議室"), (150, "みなと緑市民会館")):
        services.session_save(actor=chief, course=everyone, held_on=start + timedelta(days=offset), place=place,
                              capacity=200)
    services.course_save(
        actor=chief, title="情報化推進支援員研修", fiscal_year=this_year, kind=Course.Kind.IT_SUPPORT,
        audience_roles=[Role.STAFF], due=end - timedelta(days=60))
    specific = services.course_save(
        actor=chief, title="特定個人情報の取扱いに関する研修", fiscal_year=this_year, kind=Course.Kind.SPECIFIC,
        audience_roles=[Role.OFFICER, Role.STAFF], due=_clamp(start + timedelta(days=200), end),
        audience_units=list(OrgUnit.objects.filter(code__in=["B06", "B04"], valid_to__isnull=True)))
    services.course_save(
        actor=chief, title="受託者向け個人情報保護研修", fiscal_year=this_year, kind=Course.Kind.CONTRACTOR,
        audience_roles=[Role.CONTRACTOR], due=end - timedelta(days=31))

    # About two thirds of everyone have attended a session; the section head of 保険医療課 recorded their staff.
    people = [a.person for a in services.audience(everyone).select_related("person").order_by("person__employee_no")]
    first_session = everyone.sessions.order_by("held_on").first()
    attended = _clamp(first_session.held_on, today)
    _record(chief, everyone, [p for i, p in enumerate(people) if i % 3 != 2 and p.user_id is None], attended)
    staff_person = assignments_held(today).filter(person__user__username="staff").first()
    if staff_person:
        _record(chief, everyone, [staff_person.person], attended, source=Attendance.Source.SECTION_HEAD, actor=officer)
        _record(chief, specific, [staff_person.person], _clamp(start + timedelta(days=100), today))
