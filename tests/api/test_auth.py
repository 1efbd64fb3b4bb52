"""Who may call /api/v1/ at all: tokens, sessions, the second factor, the acting assignment."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from hogokan.accounts.models import ApiToken
from hogokan.accounts.services import token_issue
from hogokan.org import services
from hogokan.org.models import Assignment, Person, Role
from tests.api.conftest import BASE, assert_japanese, ids, token_client
from tests.conftest import login

ENDPOINTS = ("organs", "units", "people", "assignments")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_calls_are_401(client, town, endpoint):
    response = APIClient().get(f"{BASE}/{endpoint}")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert APIClient().get(f"{BASE}/{endpoint}/1").status_code == 401
    assert APIClient().post(f"{BASE}/{endpoint}", {}, format="json").status_code == 401


@pytest.mark.parametrize("header", [
    "Bearer hgk_not-a-real-token",
    "Bearer",
    "Bearer two parts",
    "Token hgk_wrong",
])
def test_invalid_tokens_are_401(town, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(f"{BASE}/units")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_revoked_token_is_401(town):
    token, raw = token_issue(actor=None, user=town.user("chief"), name="API")
    client = token_client(raw)
    assert client.get(f"{BASE}/units").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert client.get(f"{BASE}/units").status_code == 401


def test_a_token_of_a_deactivated_login_is_401(town):
    _token, raw = token_issue(actor=None, user=town.user("staff"), name="API")
    user = town.user("staff")
    user.is_active = False
    user.save()
    assert token_client(raw).get(f"{BASE}/units").status_code == 401


def test_a_token_of_a_person_who_left_is_refused(town):
    _token, raw = token_issue(actor=None, user=town.user("staff"), name="API")
    client = token_client(raw)
    Person.objects.filter(pk=town.people["staff"].pk).update(is_active=False)
    assert client.get(f"{BASE}/units").status_code == 403  # login still active, but no assignment acts
    services.person_update(actor=town.user("admin"), person=town.people["staff"], is_active=False)
    # person_update also deactivates the login: the token now stops at authentication.
    assert client.get(f"{BASE}/units").status_code == 401


def test_a_user_without_a_current_assignment_is_403(town):
    staff = Assignment.objects.get(person=town.people["staff"])
    services.assignment_end(actor=town.user("admin"), assignment=staff, end=date(2023, 3, 31))
    _token, raw = token_issue(actor=None, user=town.user("staff"), name="API")
    response = token_client(raw).get(f"{BASE}/units")
    assert response.status_code == 403
    assert "配属" in response.json()["detail"]


def test_token_use_is_recorded(town):
    token, raw = token_issue(actor=None, user=town.user("officer"), name="API")
    assert token.last_used_at is None
    token_client(raw).get(f"{BASE}/units")
    token.refresh_from_db()
    assert token.last_used_at is not None


# ---- sessions and the second factor --------------------------------------------------------------

@pytest.mark.parametrize("role", ["admin", "chief"])
def test_session_without_the_second_factor_is_refused_for_roles_that_need_it(client, town, role):
    client.force_login(town.user(role))
    response = client.get(f"{BASE}/units")
    assert response.status_code == 403
    assert "二要素認証" in response.json()["detail"]
    assert client.get(f"{BASE}/units/{town.citizens.pk}").status_code == 403


def test_session_after_the_second_factor_is_allowed(client, town):
    login(client, town.user("chief"))
    assert client.get(f"{BASE}/units").json()["count"] == 8


@pytest.mark.parametrize("role", ["manager", "officer", "staff", "auditor", "contractor", "outsider"])
def test_session_of_roles_without_the_second_factor_is_allowed(client, town, role):
    client.force_login(town.user(role))
    assert client.get(f"{BASE}/units").status_code == 200


def test_second_factor_roles_follow_the_setting(client, town, settings):
    settings.HOGOKAN_REQUIRE_2FA_ROLES = ["staff"]
    client.force_login(town.user("staff"))
    assert client.get(f"{BASE}/units").status_code == 403
    client.force_login(town.user("chief"))
    assert client.get(f"{BASE}/units").status_code == 200


def test_a_token_needs_no_second_factor(api, town):
    assert api("chief").get(f"{BASE}/units").status_code == 200
    assert api("admin").get(f"{BASE}/units").status_code == 200


def test_a_bad_token_beats_a_session(client, town):
    login(client, town.user("chief"))
    response = client.get(f"{BASE}/units", HTTP_AUTHORIZATION="Bearer hgk_nope")
    assert response.status_code == 401


# ---- the acting assignment (X-Hogokan-Assignment) ------------------------------------------------

@pytest.fixture
def chief_also_in_schools(town):
    """chief also works as staff of 学務課 (a second current assignment, started later)."""
    return services.assignment_start(actor=town.user("admin"), person=town.people["chief"], unit=town.schools,
                                     role=Role.STAFF, start=date(2021, 4, 1))


def test_the_first_current_assignment_acts_by_default(api, town, chief_also_in_schools):
    assert len(ids(api("chief").get(f"{BASE}/units"))) == 8


def test_the_header_picks_another_own_assignment(api, town, chief_also_in_schools):
    client = api("chief", HTTP_X_HOGOKAN_ASSIGNMENT=str(chief_also_in_schools.pk))
    assert ids(client.get(f"{BASE}/units")) == {town.schools.pk}
    assert client.get(f"{BASE}/units/{town.legal.pk}").status_code == 404


def test_the_header_also_picks_for_sessions(client, town, chief_also_in_schools):
    login(client, town.user("chief"))
    response = client.get(f"{BASE}/units", HTTP_X_HOGOKAN_ASSIGNMENT=str(chief_also_in_schools.pk))
    assert ids(response) == {town.schools.pk}


def test_acting_as_a_non_admin_assignment_drops_write_rights(api, town):
    second = services.assignment_start(actor=town.user("admin"), person=town.people["admin"], unit=town.citizens,
                                       role=Role.STAFF, start=date(2021, 4, 1))
    client = api("admin", HTTP_X_HOGOKAN_ASSIGNMENT=str(second.pk))
    response = client.post(f"{BASE}/people", {"employee_no": "E9000", "name": "新人"}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5"])
def test_a_malformed_assignment_header_is_400(api, town, value):
    response = api("chief", HTTP_X_HOGOKAN_ASSIGNMENT=value).get(f"{BASE}/units")
    assert_japanese(response, "X-Hogokan-Assignment")


def test_someone_elses_assignment_is_400(api, town):
    others = Assignment.objects.get(person=town.people["staff"])
    response = api("chief", HTTP_X_HOGOKAN_ASSIGNMENT=str(others.pk)).get(f"{BASE}/units")
    errors = assert_japanese(response, "X-Hogokan-Assignment")
    assert str(others.pk) in errors["X-Hogokan-Assignment"][0]


def test_an_unknown_or_ended_assignment_is_400(api, town, chief_also_in_schools):
    assert api("chief", HTTP_X_HOGOKAN_ASSIGNMENT="999999").get(f"{BASE}/units").status_code == 400
    services.assignment_end(actor=town.user("admin"), assignment=chief_also_in_schools, end=date(2022, 3, 31))
    response = api("chief", HTTP_X_HOGOKAN_ASSIGNMENT=str(chief_also_in_schools.pk)).get(f"{BASE}/units")
    assert_japanese(response, "X-Hogokan-Assignment")
