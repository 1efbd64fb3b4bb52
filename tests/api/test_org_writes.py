"""Writes through /api/v1/org/: admin only, through the services, validated in Japanese, never DELETE."""

from __future__ import annotations

from datetime import date

import pytest

from hogokan.org.models import Assignment, Organ, OrgUnit, Person, PersonnelEvent
from tests.api.conftest import BASE, JAPANESE, assert_japanese
from tests.conftest import ROLES, login

NON_ADMIN = tuple(role for role in ROLES if role != "admin")


def counts() -> tuple[int, ...]:
    return (Organ.objects.count(), OrgUnit.objects.count(), Person.objects.count(), Assignment.objects.count(),
            PersonnelEvent.objects.count())


def write_cases(town) -> dict[str, tuple[str, str, dict, int]]:
    """name → (method, path, body, admin's status)."""
    staff = Assignment.objects.get(person=town.people["staff"])
    return {
        "unit_create": ("post", "units", {"organ": town.mayor.pk, "parent": town.citizens_dept.pk, "code": "213",
                                          "name": "戸籍課", "kind": "section", "valid_from": "2024-04-01"}, 201),
        "unit_rename": ("post", f"units/{town.pension.pk}/rename",
                        {"new_name": "国保年金課", "effective": "2024-04-01"}, 201),
        "unit_move": ("post", f"units/{town.legal.pk}/move",
                      {"parent": town.citizens_dept.pk, "effective": "2024-04-01"}, 201),
        "person_create": ("post", "people", {"employee_no": "E0100", "name": "新人 八郎",
                                             "name_kana": "シンジン ハチロウ"}, 201),
        "person_update": ("patch", f"people/{town.people['outsider'].pk}", {"name_kana": "ガクム ナナロウ"}, 200),
        "assignment_start": ("post", "assignments", {"person": town.people["outsider"].pk, "unit": town.citizens.pk,
                                                     "role": "staff", "start": "2024-04-01",
                                                     "title": "主事"}, 201),
        "assignment_end": ("post", f"assignments/{staff.pk}/end", {"end": "2024-03-31"}, 200),
    }


@pytest.mark.parametrize("case", ["unit_create", "unit_rename", "unit_move", "person_create", "person_update",
                                  "assignment_start", "assignment_end"])
def test_writes_are_for_admin_only(api, town, case):
    method, path, body, admin_status = write_cases(town)[case]
    before = counts()
    for role in NON_ADMIN:
        response = getattr(api(role), method)(f"{BASE}/{path}", body, format="json")
        assert response.status_code == 403, (role, response.content)
        assert JAPANESE.search(response.json()["detail"])
    assert counts() == before
    assert Person.objects.get(pk=town.people["outsider"].pk).name_kana == ""
    response = getattr(api("admin"), method)(f"{BASE}/{path}", body, format="json")
    assert response.status_code == admin_status, response.content


def test_a_session_admin_past_the_second_factor_may_write(client, town):
    login(client, town.user("admin"))
    response = client.post(f"{BASE}/people", {"employee_no": "E0100", "name": "新人 八郎"},
                           content_type="application/json")
    assert response.status_code == 201


@pytest.mark.parametrize("endpoint", ["organs", "units", "people", "assignments"])
@pytest.mark.parametrize("role", ["admin", "chief", "staff"])
def test_nothing_is_ever_deleted(api, town, role, endpoint):
    model = {"organs": Organ, "units": OrgUnit, "people": Person, "assignments": Assignment}[endpoint]
    pk = model.objects.order_by("pk").first().pk
    client = api(role)
    before = counts()
    assert client.delete(f"{BASE}/{endpoint}/{pk}").status_code == 405
    assert client.delete(f"{BASE}/{endpoint}").status_code == 405
    assert client.put(f"{BASE}/{endpoint}/{pk}", {}, format="json").status_code == 405
    assert counts() == before


def test_methods_outside_the_contract_are_405(api, town):
    client = api("admin")
    assert client.post(f"{BASE}/organs", {"code": "x", "name": "x"}, format="json").status_code == 405
    assert client.patch(f"{BASE}/units/{town.citizens.pk}", {"name": "x"}, format="json").status_code == 405
    assert client.patch(f"{BASE}/assignments/1", {"title": "x"}, format="json").status_code == 405
    assert client.get(f"{BASE}/units/{town.citizens.pk}/rename").status_code == 405
    assert client.get(f"{BASE}/assignments/1/end").status_code == 405
    response = client.delete(f"{BASE}/units/{town.citizens.pk}")
    assert JAPANESE.search(response.json()["detail"])


# ---- what the admin's writes do -------------------------------------------------------------------

def test_create_unit(api, town):
    response = api("admin").post(f"{BASE}/units", write_cases(town)["unit_create"][2], format="json")
    assert response.status_code == 201
    body = response.json()
    unit = OrgUnit.objects.get(pk=body["id"])
    assert (unit.code, unit.name, unit.parent, unit.valid_from) == ("213", "戸籍課", town.citizens_dept,
                                                                    date(2024, 4, 1))
    assert body["full_name"] == "市民局 市民部 戸籍課"
    assert body["kind_label"] == "課"
    history = unit.history.first()
    assert history.history_user == town.user("admin") and history.history_change_reason == "新設"


def test_create_a_top_unit_without_parent(api, town):
    response = api("admin").post(f"{BASE}/units", {"organ": town.education.pk, "code": "950", "name": "生涯学習局",
                                                   "kind": "bureau", "valid_from": "2024-04-01", "parent": None},
                                 format="json")
    assert response.status_code == 201
    assert response.json()["parent"] is None


def test_rename_unit_answers_the_successor(api, town):
    response = api("admin").post(f"{BASE}/units/{town.pension.pk}/rename",
                                 {"new_name": "国保年金課", "effective": "2024-04-01"}, format="json")
    assert response.status_code == 201
    new = response.json()
    assert (new["name"], new["code"], new["valid_from"]) == ("国保年金課", "212", "2024-04-01")
    town.pension.refresh_from_db()
    assert town.pension.valid_to == date(2024, 3, 31) and town.pension.successor_id == new["id"]
    # officer2 was carried over to the successor.
    assert Assignment.objects.get(person=town.people["officer2"], end__isnull=True).unit_id == new["id"]


def test_move_unit(api, town):
    response = api("admin").post(f"{BASE}/units/{town.legal.pk}/move",
                                 {"parent": town.citizens_dept.pk, "effective": "2024-04-01"}, format="json")
    assert response.status_code == 201
    assert response.json()["parent"] == town.citizens_dept.pk
    assert response.json()["full_name"] == "市民局 市民部 法務課"


def test_person_create_and_update(api, town):
    client = api("admin")
    response = client.post(f"{BASE}/people", {"employee_no": "C0001", "name": "委託 九郎", "kind": "contractor",
                                              "company": "株式会社みどり", "email": "k@example.jp"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body == {"id": body["id"], "employee_no": "C0001", "name": "委託 九郎", "name_kana": "",
                    "email": "k@example.jp", "kind": "contractor", "company": "株式会社みどり", "is_active": True}
    person = Person.objects.get(pk=body["id"])
    assert person.user is None
    response = client.patch(f"{BASE}/people/{person.pk}", {"is_active": False}, format="json")
    assert response.status_code == 200 and response.json()["is_active"] is False


def test_deactivating_a_person_also_stops_their_login(api, town):
    response = api("admin").patch(f"{BASE}/people/{town.people['outsider'].pk}", {"is_active": False},
                                  format="json")
    assert response.status_code == 200
    town.user("outsider").refresh_from_db()
    assert town.user("outsider").is_active is False


def test_assignment_start_and_end(api, town):
    client = api("admin")
    response = client.post(f"{BASE}/assignments", write_cases(town)["assignment_start"][2], format="json")
    assert response.status_code == 201
    started = response.json()
    assert (started["role"], started["role_label"], started["title"], started["end"]) == (
        "staff", "保護担当者・職員", "主事", None)
    assert PersonnelEvent.objects.filter(kind="start", to_assignment_id=started["id"]).exists()
    response = client.post(f"{BASE}/assignments/{started['id']}/end", {"end": "2025-03-31"}, format="json")
    assert response.status_code == 200 and response.json()["end"] == "2025-03-31"
    assert PersonnelEvent.objects.filter(kind="end", from_assignment_id=started["id"]).exists()


def test_a_body_wide_assignment_needs_no_unit(api, town):
    response = api("admin").post(f"{BASE}/assignments", {"person": town.people["outsider"].pk, "role": "auditor",
                                                         "start": "2024-04-01"}, format="json")
    assert response.status_code == 201
    assert response.json()["unit"] is None


def test_writes_to_unknown_records_are_404(api, town):
    client = api("admin")
    assert client.post(f"{BASE}/units/999999/rename", {"new_name": "x", "effective": "2024-04-01"},
                       format="json").status_code == 404
    assert client.patch(f"{BASE}/people/999999", {"name": "x"}, format="json").status_code == 404
    assert client.post(f"{BASE}/assignments/999999/end", {"end": "2024-04-01"}, format="json").status_code == 404


# ---- bad input: 400 in Japanese, nothing written ------------------------------------------------

BAD_INPUT = [
    # (path, body builder, fields that must carry an error)
    ("units", lambda t: {"organ": t.mayor.pk, "code": "213", "name": "戸籍課", "kind": "division",
                         "valid_from": "2024-04-01"}, ["kind"]),
    ("units", lambda t: {"organ": t.mayor.pk, "code": "213", "name": "戸籍課", "kind": "section",
                         "valid_from": "2024-02-30"}, ["valid_from"]),
    ("units", lambda t: {"organ": t.mayor.pk, "code": "211", "name": "第二市民課", "kind": "section",
                         "valid_from": "2024-04-01"}, ["code"]),  # 市民課 holds the code
    ("units", lambda t: {"organ": 999999, "code": "213", "name": "戸籍課", "kind": "section",
                         "valid_from": "2024-04-01"}, ["organ"]),
    ("units", lambda t: {"organ": t.education.pk, "parent": t.citizens_dept.pk, "code": "960", "name": "x課",
                         "kind": "section", "valid_from": "2024-04-01"}, ["parent"]),  # another organ's unit
    ("units", lambda t: {"organ": t.mayor.pk, "parent": t.citizens_dept.pk, "code": "213", "name": "戸籍課",
                         "kind": "section", "valid_from": "2019-04-01"}, ["parent"]),  # before the parent
    ("units", lambda t: {}, ["organ", "code", "name", "kind", "valid_from"]),
    ("units/{pension}/rename", lambda t: {"new_name": "保険年金課", "effective": "2024-04-01"}, ["new_name"]),
    ("units/{pension}/rename", lambda t: {"new_name": "国保課", "effective": "2020-04-01"}, ["non_field_errors"]),
    ("units/{pension}/rename", lambda t: {"new_name": "国保課", "effective": "04/01/2024"}, ["effective"]),
    ("units/{citizens_dept}/move", lambda t: {"parent": t.citizens.pk, "effective": "2024-04-01"}, ["parent"]),
    ("units/{legal}/move", lambda t: {"parent": t.school_bureau.pk, "effective": "2024-04-01"}, ["parent"]),
    ("people", lambda t: {"employee_no": "E0006", "name": "重複 太郎"}, ["employee_no"]),
    ("people", lambda t: {"employee_no": "C0009", "name": "委託", "kind": "contractor"}, ["company"]),
    ("people", lambda t: {"employee_no": "E0100", "name": "新人", "kind": "boss"}, ["kind"]),
    ("people", lambda t: {"employee_no": "E0100", "name": "新人", "email": "not-an-address"}, ["email"]),
    ("assignments", lambda t: {"person": t.people["outsider"].pk, "role": "staff", "start": "2024-04-01"},
     ["unit"]),  # a unit role without a unit
    ("assignments", lambda t: {"person": t.people["outsider"].pk, "unit": t.citizens.pk, "role": "king",
                               "start": "2024-04-01"}, ["role"]),
    ("assignments", lambda t: {"person": t.people["outsider"].pk, "unit": t.citizens.pk, "role": "staff",
                               "start": "2019-04-01"}, ["unit"]),  # the unit did not exist yet
    ("assignments", lambda t: {"person": t.people["staff"].pk, "unit": t.citizens.pk, "role": "staff",
                               "start": "2024-04-01"}, ["non_field_errors"]),  # already there
    ("assignments/{staff_assignment}/end", lambda t: {"end": "2019-01-01"}, ["end"]),
    ("assignments/{staff_assignment}/end", lambda t: {"end": "yesterday"}, ["end"]),
]


@pytest.mark.parametrize(("path", "body", "fields"), BAD_INPUT)
def test_bad_input_is_400_in_japanese_and_writes_nothing(api, town, path, body, fields):
    path = path.format(pension=town.pension.pk, citizens_dept=town.citizens_dept.pk, legal=town.legal.pk,
                       staff_assignment=Assignment.objects.get(person=town.people["staff"]).pk)
    before = counts()
    units_before = list(OrgUnit.objects.order_by("pk").values())
    response = api("admin").post(f"{BASE}/{path}", body(town), format="json")
    assert_japanese(response, *fields)
    assert counts() == before
    assert list(OrgUnit.objects.order_by("pk").values()) == units_before
    assert Assignment.objects.filter(end__isnull=False).count() == 0


def test_bad_patch_is_400_in_japanese_and_changes_nothing(api, town):
    client = api("admin")
    person = town.people["outsider"]
    for body, field in [({"employee_no": "E0001"}, "employee_no"), ({"kind": "contractor"}, "company"),
                        ({"is_active": "perhaps"}, "is_active"), ({}, "non_field_errors")]:
        assert_japanese(client.patch(f"{BASE}/people/{person.pk}", body, format="json"), field)
    person.refresh_from_db()
    assert (person.employee_no, person.kind, person.is_active) == ("E0009", "staff", True)
    assert person.history.count() == 1


def test_references_outside_the_admins_view_do_not_exist(api, town):
    """An admin acting body-wide sees all; the error for a missing id names no record."""
    response = api("admin").post(f"{BASE}/assignments", {"person": 424242, "unit": town.citizens.pk,
                                                         "role": "staff", "start": "2024-04-01"}, format="json")
    errors = assert_japanese(response, "person")
    assert "424242" in errors["person"][0]
