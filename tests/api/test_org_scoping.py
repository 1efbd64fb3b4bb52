"""Role × endpoint matrix: what each demo role reads from /api/v1/org/ (lists and details)."""

from __future__ import annotations

import pytest

from hogokan.org.models import Assignment, Organ, OrgUnit, Person
from tests.api.conftest import BASE, ids
from tests.conftest import ROLES, login

ALL_UNITS = {"100", "110", "200", "210", "211", "212", "900", "910"}
BODY_WIDE = ("admin", "chief", "auditor")

# What each role sees: organs and units by code, people and assignments by the demo username.
ORGANS = {
    **{role: {"mayor", "education"} for role in BODY_WIDE},
    **{role: {"mayor"} for role in ("manager", "officer", "officer2", "staff")},
    "contractor": set(),
    "outsider": {"education"},
}
UNITS = {
    **{role: ALL_UNITS for role in BODY_WIDE},
    "manager": {"210", "211", "212"},   # 市民部 and its sections
    "officer": {"211"},                 # 市民課
    "officer2": {"212"},                # 保険年金課
    "staff": {"211"},
    "contractor": set(),
    "outsider": {"910"},                # 学務課 (教育委員会)
}
PEOPLE = {
    **{role: set(ROLES) for role in BODY_WIDE},
    "manager": {"manager", "officer", "officer2", "staff"},
    "officer": {"officer", "staff"},
    "officer2": {"officer2"},
    "staff": {"officer", "staff"},
    "contractor": {"contractor"},       # only themselves
    "outsider": {"outsider"},
}
ASSIGNMENTS = PEOPLE  # every demo person holds exactly one assignment

ENDPOINTS = ("organs", "units", "people", "assignments")


def expected_ids(town, endpoint: str, role: str) -> set[int]:
    if endpoint == "organs":
        return set(Organ.objects.filter(code__in=ORGANS[role]).values_list("pk", flat=True))
    if endpoint == "units":
        return set(OrgUnit.objects.filter(code__in=UNITS[role]).values_list("pk", flat=True))
    people = [town.people[name].pk for name in PEOPLE[role]]
    if endpoint == "people":
        return set(people)
    return set(Assignment.objects.filter(person_id__in=people).values_list("pk", flat=True))


def all_ids(endpoint: str) -> set[int]:
    model = {"organs": Organ, "units": OrgUnit, "people": Person, "assignments": Assignment}[endpoint]
    return set(model.objects.values_list("pk", flat=True))


def test_the_matrix_covers_every_demo_role():
    for table in (ORGANS, UNITS, PEOPLE, ASSIGNMENTS):
        assert set(table) == set(ROLES)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_token_list_and_detail_are_scoped(api, town, role, endpoint):
    client = api(role)
    expected = expected_ids(town, endpoint, role)
    response = client.get(f"{BASE}/{endpoint}")
    assert response["Content-Type"] == "application/json"
    assert ids(response) == expected
    assert response.json()["count"] == len(expected)
    for pk in all_ids(endpoint):
        detail = client.get(f"{BASE}/{endpoint}/{pk}")
        assert detail.status_code == (200 if pk in expected else 404), (role, endpoint, pk)
        if detail.status_code == 200:
            assert detail.json()["id"] == pk


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_session_list_is_scoped_the_same_way(client, town, role, endpoint):
    login(client, town.user(role))  # second factor passed where the role needs it
    assert ids(client.get(f"{BASE}/{endpoint}")) == expected_ids(town, endpoint, role)


def test_chief_sees_every_unit_and_staff_only_their_section(api, town):
    chief = api("chief").get(f"{BASE}/units").json()
    assert chief["count"] == 8
    staff = api("staff").get(f"{BASE}/units").json()
    assert [row["name"] for row in staff["results"]] == ["市民課"]
    assert staff["results"][0]["full_name"] == "市民局 市民部 市民課"


def test_contractor_sees_no_units_and_only_their_own_person(api, town):
    client = api("contractor")
    assert ids(client.get(f"{BASE}/units")) == set()
    assert ids(client.get(f"{BASE}/organs")) == set()
    assert ids(client.get(f"{BASE}/people")) == {town.people["contractor"].pk}
    assert client.get(f"{BASE}/people/{town.people['staff'].pk}").status_code == 404
    assert client.get(f"{BASE}/units/{town.citizens.pk}").status_code == 404


@pytest.mark.parametrize("role", ("manager", "officer", "staff", "outsider", "contractor"))
def test_filters_never_widen_the_scope(api, town, role):
    client = api(role)
    expected = expected_ids(town, "units", role)
    assert ids(client.get(f"{BASE}/units", {"include_ended": "true"})) == expected
    assert ids(client.get(f"{BASE}/units", {"organ": town.education.pk})) <= expected
    assert ids(client.get(f"{BASE}/people", {"unit": town.schools.pk})) <= expected_ids(town, "people", role)
    assert ids(client.get(f"{BASE}/assignments", {"unit": town.legal.pk})) <= expected_ids(town, "assignments", role)


def test_json_field_names_are_the_contract(api, town):
    client = api("chief")
    unit = client.get(f"{BASE}/units/{town.citizens.pk}").json()
    assert list(unit) == ["id", "code", "name", "kind", "kind_label", "organ", "parent", "valid_from", "valid_to",
                          "successor", "current_successor", "full_name"]
    assert unit == {
        "id": town.citizens.pk, "code": "211", "name": "市民課", "kind": "section", "kind_label": "課",
        "organ": town.mayor.pk, "parent": town.citizens_dept.pk, "valid_from": "2020-04-01", "valid_to": None,
        "successor": None, "current_successor": None, "full_name": "市民局 市民部 市民課",
    }
    organ = client.get(f"{BASE}/organs/{town.mayor.pk}").json()
    assert organ == {"id": town.mayor.pk, "code": "mayor", "name": "市長", "display_order": 1}
    person = client.get(f"{BASE}/people/{town.people['contractor'].pk}").json()
    assert list(person) == ["id", "employee_no", "name", "name_kana", "email", "kind", "company", "is_active"]
    assert person["company"] == "株式会社サンプル情報"
    assignment = Assignment.objects.get(person=town.people["staff"])
    body = client.get(f"{BASE}/assignments/{assignment.pk}").json()
    assert body == {"id": assignment.pk, "person": town.people["staff"].pk, "unit": town.citizens.pk,
                    "role": "staff", "role_label": "保護担当者・職員", "title": "", "start": "2020-04-01", "end": None}


def test_people_never_show_login_internals(api, town):
    text = api("admin").get(f"{BASE}/people").content.decode()
    for secret in ("password", "user", "username", "last_login", "is_superuser"):
        assert f'"{secret}"' not in text
