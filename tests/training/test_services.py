from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.org.models import Assignment, Role
from hogokan.training import services
from hogokan.training.models import Attendance, Course


def names(rows):
    return [row.name for row in rows]


def test_a_due_date_outside_the_fiscal_year_is_refused_in_japanese(town):
    with pytest.raises(ValidationError) as error:
        services.course_save(actor=town.user("chief"), title="新任課長研修", fiscal_year=2026, kind="new_head",
                             due=date(2026, 3, 31))
    assert "令和8年度" in error.value.message_dict["due"][0]
    assert not Course.objects.exists()


def test_outstanding_is_the_audience_without_attendance(town, course):
    assert names(services.outstanding(course, date(2026, 6, 1))) == ["課長 二郎", "課長 三郎", "担当 四郎", "学務 七郎"]
    services.attendance_record(actor=town.user("chief"), course=course, person=town.people["staff"],
                               attended_on=date(2026, 6, 1))
    rows = services.outstanding(course, date(2026, 6, 2))
    assert names(rows) == ["課長 二郎", "課長 三郎", "学務 七郎"]
    assert rows[0].as_api() == {"person": town.people["officer"].pk, "username": "officer", "name": "課長 二郎",
                                "unit": "市民課"}
    assert rows == services.outstanding_naive(course, date(2026, 6, 2))


def test_units_reach_their_subtree_and_assignment_start_narrows(town):
    course = services.course_save(actor=town.user("chief"), title="市民局の新任者研修", fiscal_year=2026,
                                  kind="new_staff", audience_roles=[], due=date(2026, 9, 30),
                                  audience_units=[town.citizens_dept], assigned_since=date(2026, 4, 1))
    assert services.outstanding(course, date(2026, 6, 1)) == []
    Assignment.objects.create(person=town.people["outsider"], unit=town.pension, role=Role.STAFF,
                              start=date(2026, 4, 1))
    assert names(services.outstanding(course, date(2026, 6, 1))) == ["学務 七郎"]
    assert services.outstanding(course, date(2026, 6, 1))[0].unit == "保険年金課"


def test_the_audience_is_taken_on_the_due_date_or_today_if_earlier(town, course):
    assignment = Assignment.objects.get(person=town.people["officer2"])
    assignment.end = date(2026, 7, 31)
    assignment.save()
    assert "課長 三郎" in names(services.outstanding(course, date(2026, 6, 1)))
    assert "課長 三郎" not in names(services.outstanding(course, date(2027, 1, 10)))


def test_the_same_person_twice_is_refused_with_their_name(town, course):
    chief = town.user("chief")
    services.attendance_record(actor=chief, course=course, person=town.people["staff"], attended_on=date(2026, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.attendance_record(actor=chief, course=course, person=town.people["staff"],
                                   attended_on=date(2026, 6, 2))
    assert "担当 四郎" in error.value.message_dict["person"][0]
    assert Attendance.objects.count() == 1


def test_import_refuses_the_whole_file_for_one_wrong_employee_number(town, course):
    data = "職員番号,受講日,修了\nE0006,2026/6/1,修了\nX9999,令和8年6月2日,修了\nE0004,2026-06-03,未修了\n".encode()
    result = services.import_commit(actor=town.user("chief"), course=course, filename="jlis.csv", data=data)
    assert not result.committed
    assert [str(issue) for issue in result.errors] == ["3行目: 職員番号「X9999」の職員が見つかりません。"]
    assert not Attendance.objects.exists()
    fixed = data.replace(b"X9999", b"E0005")
    result = services.import_commit(actor=town.user("chief"), course=course, filename="jlis.csv", data=fixed)
    assert result.committed and result.created == 3
    officer = Attendance.objects.get(person=town.people["officer"])
    assert (officer.completed, officer.unit, officer.source) == (False, town.citizens, "import")
    assert officer.history.first().history_user == town.user("chief")
    # a re-import of the same file adds nothing and is no error
    again = services.import_check(course=course, filename="jlis.csv", data=fixed)
    assert again.ok and again.already == 3 and not again.rows


def test_import_row_errors_are_in_japanese(town, course):
    data = "職員番号,受講日,修了\n,2026/6/1,修了\nE0006,昨日,たぶん\nE0006,2026/6/1,\nE0006,2026/6/2,修了\n".encode()
    result = services.import_check(course=course, filename="x.csv", data=data)
    assert [str(issue) for issue in result.errors] == [
        "2行目: 職員番号が空です。",
        "3行目: 受講日「昨日」を日付として読めません（例: 2026-06-15、令和8年6月15日）。",
        "3行目: 修了「たぶん」は「修了」か「未修了」で入力してください。",
        "5行目: 職員番号「E0006」は4行目にもあります。",
    ]


def test_transmission_counts_as_kyoto_tables(town, course):
    officer, officer2 = town.user("officer"), town.user("officer2")
    with pytest.raises(ValidationError) as error:
        services.transmission_report_save(actor=officer, course=course, unit=town.citizens, status="all")
    assert "伝達の方法" in error.value.message_dict["how"][0]
    services.transmission_report_save(actor=officer, course=course, unit=town.citizens, status="all",
                                      how="課内会議で説明")
    services.transmission_report_save(actor=officer2, course=course, unit=town.pension, status="none")
    counts = services.transmission_counts(course.transmission_reports.all())
    assert [(row["label"], row["count"], row["percent"]) for row in counts] == [
        ("①全員に伝達", 1, 50.0), ("②一部に伝達", 0, 0.0), ("③伝達していない", 1, 50.0)]


def test_rates_by_unit(town, course):
    services.attendance_record(actor=town.user("chief"), course=course, person=town.people["staff"],
                               attended_on=date(2026, 6, 1))
    rates = {rate.unit: (rate.audience, rate.completed, rate.rate) for rate in
             services.rates_by_unit([course], date(2026, 6, 2))}
    assert rates == {"市民課": (2, 1, 50.0), "保険年金課": (1, 0, 0.0), "学務課": (1, 0, 0.0)}


def test_reminders_reach_the_people_and_their_section_heads(town, course):
    from hogokan.core.models import Reminder

    assert services.course_remind(course=course, today=date(2026, 6, 1)) == 4
    staff = Reminder.objects.get(key=f"training.course:{course.pk}:attend:{town.people['staff'].pk}")
    assert list(staff.recipients.all()) == [town.user("staff")]
    assert list(staff.escalate_to.all()) == [town.user("officer")]
    unit = Reminder.objects.get(key=f"training.course:{course.pk}:unit:{town.citizens.pk}")
    assert "未受講者 2人" in unit.subject
    services.attendance_record(actor=town.user("officer"), course=course, person=town.people["staff"],
                               attended_on=date(2026, 6, 1), source="section_head")
    staff.refresh_from_db()
    assert staff.resolved_at is not None
