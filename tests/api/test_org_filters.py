"""List filters, reorganised units (predecessors), paging and paths of /api/v1/org/."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from hogokan.org import services
from hogokan.org.models import Assignment, OrgUnit
from tests.api.conftest import BASE, assert_japanese, ids

RENAMED_ON = date(2024, 4, 1)


@pytest.fixture
def renamed(town):
    """市民課 renamed 市民窓口課 on 2024-04-01: the old row ends, staff and officer move to the new one."""
    new = services.unit_rename(actor=town.user("admin"), unit=town.citizens, new_name="市民窓口課",
                               effective=RENAMED_ON)
    town.citizens.refresh_from_db()
    return town.citizens, new


def test_staff_sees_their_section_and_its_predecessors(api, town, renamed):
    old, new = renamed
    client = api("staff")
    assert ids(client.get(f"{BASE}/units")) == {new.pk}  # today: the unit in force
    assert ids(client.get(f"{BASE}/units", {"include_ended": "true"})) == {old.pk, new.pk}
    assert ids(client.get(f"{BASE}/units", {"as_of": "2023-01-01"})) == {old.pk}
    body = client.get(f"{BASE}/units/{old.pk}").json()
    assert body["valid_to"] == str(RENAMED_ON - timedelta(days=1))
    assert body["successor"] == new.pk and body["current_successor"] == new.pk
    assert body["full_name"] == "市民局 市民部 市民課"
    assert client.get(f"{BASE}/units/{new.pk}").json()["full_name"] == "市民局 市民部 市民窓口課"
    # Other sections stay out of reach, also with the filters.
    assert client.get(f"{BASE}/units/{town.pension.pk}").status_code == 404
    assert ids(client.get(f"{BASE}/units", {"include_ended": "true", "q": "課"})) == {old.pk, new.pk}


def test_current_successor_follows_several_reorganisations(api, town, renamed):
    _old, new = renamed
    newer = services.unit_rename(actor=town.user("admin"), unit=new, new_name="市民サービス課",
                                 effective=RENAMED_ON + timedelta(days=365))
    listed = {row["id"]: row for row in api("chief").get(f"{BASE}/units", {"include_ended": "true"}).json()["results"]}
    assert listed[town.citizens.pk]["current_successor"] == newer.pk
    assert listed[town.citizens.pk]["successor"] == new.pk
    assert listed[newer.pk]["current_successor"] is None


def test_unit_filters(api, town, renamed):
    old, new = renamed
    client = api("chief")
    assert len(ids(client.get(f"{BASE}/units"))) == 8
    assert len(ids(client.get(f"{BASE}/units", {"include_ended": "true"}))) == 9
    assert ids(client.get(f"{BASE}/units", {"organ": town.education.pk})) == {town.school_bureau.pk, town.schools.pk}
    assert ids(client.get(f"{BASE}/units", {"q": "学務"})) == {town.schools.pk}
    assert ids(client.get(f"{BASE}/units", {"q": "91"})) == {town.schools.pk}  # the code too
    assert ids(client.get(f"{BASE}/units", {"q": "市民課", "as_of": "2024-03-31"})) == {old.pk}
    assert ids(client.get(f"{BASE}/units", {"as_of": "2019-01-01"})) == set()  # before everything


def test_units_set_up_for_the_future_show_from_their_day(api, town):
    tomorrow = timezone.localdate() + timedelta(days=1)
    future = services.unit_create(actor=town.user("admin"), organ=town.mayor, code="300", name="未来課",
                                  kind="section", valid_from=tomorrow)
    client = api("chief")
    assert future.pk not in ids(client.get(f"{BASE}/units"))
    assert future.pk in ids(client.get(f"{BASE}/units", {"as_of": tomorrow.isoformat()}))
    assert client.get(f"{BASE}/units/{future.pk}").status_code == 200


@pytest.mark.parametrize(("params", "field"), [
    ({"as_of": "2024-13-01"}, "as_of"),
    ({"as_of": "昨日"}, "as_of"),
    ({"organ": "abc"}, "organ"),
    ({"include_ended": "maybe"}, "include_ended"),
])
def test_bad_unit_filters_are_400_in_japanese(api, town, params, field):
    assert_japanese(api("chief").get(f"{BASE}/units", params), field)


def test_people_filters(api, town):
    client = api("chief")
    assert ids(client.get(f"{BASE}/people", {"q": "課長"})) == {town.people["officer"].pk, town.people["officer2"].pk}
    assert ids(client.get(f"{BASE}/people", {"q": "E0006"})) == {town.people["staff"].pk}
    assert ids(client.get(f"{BASE}/people", {"unit": town.citizens.pk})) == {
        town.people["officer"].pk, town.people["staff"].pk}
    assert_japanese(client.get(f"{BASE}/people", {"unit": "x"}), "unit")


def test_people_filter_by_unit_means_assigned_there_today(api, town):
    staff = Assignment.objects.get(person=town.people["staff"])
    services.assignment_end(actor=town.user("admin"), assignment=staff, end=date(2023, 3, 31))
    client = api("chief")
    assert ids(client.get(f"{BASE}/people", {"unit": town.citizens.pk})) == {town.people["officer"].pk}
    # The people list still shows staff (history is kept), also to officer of 市民課.
    assert town.people["staff"].pk in ids(api("officer").get(f"{BASE}/people"))


def test_assignment_filters(api, town):
    staff = Assignment.objects.get(person=town.people["staff"])
    services.assignment_end(actor=town.user("admin"), assignment=staff, end=date(2023, 3, 31))
    client = api("chief")
    on_citizens = set(Assignment.objects.filter(unit=town.citizens).values_list("pk", flat=True))
    assert ids(client.get(f"{BASE}/assignments", {"unit": town.citizens.pk})) == on_citizens
    assert ids(client.get(f"{BASE}/assignments", {"unit": town.citizens.pk, "current": "true"})) == (
        on_citizens - {staff.pk})
    assert ids(client.get(f"{BASE}/assignments", {"person": town.people["staff"].pk})) == {staff.pk}
    assert len(ids(client.get(f"{BASE}/assignments", {"current": "true"}))) == 8
    assert_japanese(client.get(f"{BASE}/assignments", {"current": "sometimes"}), "current")
    assert_japanese(client.get(f"{BASE}/assignments", {"person": "0"}), "person")


def test_limit_offset_paging(api, town):
    client = api("chief")
    first = client.get(f"{BASE}/units", {"limit": 3}).json()
    assert first["count"] == 8 and len(first["results"]) == 3
    assert "offset=3" in first["next"] and first["previous"] is None
    rest = client.get(f"{BASE}/units", {"limit": 10, "offset": 3}).json()
    seen = [row["id"] for row in first["results"]] + [row["id"] for row in rest["results"]]
    assert sorted(seen) == sorted(OrgUnit.objects.values_list("pk", flat=True))
    assert rest["next"] is None


@pytest.mark.parametrize("path", ["organs", "units", "people", "assignments"])
def test_paths_answer_with_and_without_the_trailing_slash(api, town, path):
    client = api("chief")
    assert client.get(f"{BASE}/{path}").status_code == 200
    assert client.get(f"{BASE}/{path}/").status_code == 200
    first = client.get(f"{BASE}/{path}").json()["results"][0]["id"]
    assert client.get(f"{BASE}/{path}/{first}").status_code == 200
    assert client.get(f"{BASE}/{path}/{first}/").status_code == 200
    assert client.get(f"{BASE}/{path}/abc").status_code == 404
    assert client.get(f"{BASE}/{path}/999999").status_code == 404
