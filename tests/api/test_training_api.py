"""The training contract of issue 14 §4, field names exactly."""

from datetime import date

import pytest

from hogokan.training import services
from hogokan.training.models import Attendance, Course
from tests.api.conftest import JAPANESE

BASE = "/api/v1/training/courses"
BODY = {"title": "個人情報保護研修", "fiscal_year": 2026, "kind": "all_staff",
        "audience": {"roles": ["officer", "staff"]}, "due": "2027-03-31"}


@pytest.fixture
def course(town):
    return services.course_save(actor=town.user("chief"), title="個人情報保護研修", fiscal_year=2026,
                                kind="all_staff", audience_roles=["officer", "staff"], due=date(2026, 12, 25))


def test_the_chief_creates_a_course(api):
    response = api("chief").post(BASE, BODY, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert isinstance(body["id"], int)
    assert body["title"] == "個人情報保護研修" and body["fiscal_year"] == 2026 and body["kind"] == "all_staff"
    assert body["audience"]["roles"] == ["officer", "staff"] and body["due"] == "2027-03-31"
    assert Course.objects.get(pk=body["id"]).history.first().history_user.username == "chief"


def test_a_due_date_before_the_fiscal_year_is_a_japanese_400_and_writes_nothing(api):
    response = api("chief").post(BASE, {**BODY, "due": "2026-03-31"}, format="json")
    assert response.status_code == 400
    assert JAPANESE.search(response.json()["errors"]["due"][0])
    assert not Course.objects.exists()


def test_an_unknown_role_is_a_400(api):
    response = api("chief").post(BASE, {**BODY, "audience": {"roles": ["mayor"]}}, format="json")
    assert response.status_code == 400
    assert not Course.objects.exists()


def test_only_the_office_creates_courses(api):
    assert api("officer").post(BASE, BODY, format="json").status_code == 403
    assert api("staff").post(BASE, BODY, format="json").status_code == 403
    assert not Course.objects.exists()


def test_attendance_by_username_or_person_and_twice_is_a_japanese_400(api, town, course):
    url = f"{BASE}/{course.pk}/attendances"
    response = api("chief").post(url, {"username": "staff", "attended_on": "2026-06-01"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["person"] == town.people["staff"].pk
    response = api("chief").post(url, {"person": town.people["officer2"].pk, "attended_on": "2026-06-01"},
                                 format="json")
    assert response.status_code == 201, response.content
    again = api("chief").post(url, {"person": town.people["staff"].pk, "attended_on": "2026-06-02"}, format="json")
    assert again.status_code == 400
    assert "担当 四郎" in again.json()["errors"]["person"][0]
    assert Attendance.objects.count() == 2


def test_a_section_head_records_only_their_staff(api, town, course):
    url = f"{BASE}/{course.pk}/attendances"
    assert api("officer").post(url, {"username": "staff", "attended_on": "2026-06-01"}, format="json").status_code == 201
    response = api("officer").post(url, {"username": "outsider", "attended_on": "2026-06-01"}, format="json")
    assert response.status_code == 400
    assert api("staff").post(url, {"username": "staff", "attended_on": "2026-06-01"}, format="json").status_code == 403
    assert Attendance.objects.get().source == "section_head"


def test_outstanding_is_exactly_the_contract(api, town, course):
    services.attendance_record(actor=town.user("chief"), course=course, person=town.people["staff"],
                               attended_on=date(2026, 6, 1))
    response = api("chief").get(f"{BASE}/{course.pk}/outstanding")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "results"}
    assert body["count"] == 3 == len(body["results"])
    assert body["results"][0] == {"person": town.people["officer"].pk, "username": "officer", "name": "課長 二郎",
                                  "unit": "市民課"}
    # scoped like the pages: the section head sees their unit only
    officer = api("officer").get(f"{BASE}/{course.pk}/outstanding").json()
    assert [row["name"] for row in officer["results"]] == ["課長 二郎"]
    assert api("contractor").get(f"{BASE}/{course.pk}/outstanding").status_code == 404


def test_a_person_without_a_login_has_a_null_username(api, town, course):
    from hogokan.org.models import Assignment, Person

    person = Person.objects.create(employee_no="E9001", name="臨時 職員")
    Assignment.objects.create(person=person, unit=town.citizens, role="staff", start=date(2026, 4, 1))
    rows = api("chief").get(f"{BASE}/{course.pk}/outstanding").json()["results"]
    assert {"person": person.pk, "username": None, "name": "臨時 職員", "unit": "市民課"} in rows
