"""Role × endpoint matrix of the incidents API (STYLE.md: every API endpoint's scope is proven)."""

import pytest

from hogokan.accounts.services import token_issue
from tests.api.conftest import token_client

ROLES = ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")


@pytest.fixture
def api(town):
    def make(username):
        _token, raw = token_issue(actor=None, user=town.user(username), name="test")
        return token_client(raw)

    return make


def statuses(api, method, url, data=None):
    return {role: getattr(api(role), method)(url, data or {}, format="json").status_code for role in ROLES}


def test_detail_matrix(api, incident):
    url = f"/api/v1/incidents/{incident.pk}"
    assert statuses(api, "get", url) == {"admin": 200, "chief": 200, "manager": 200, "officer": 200, "officer2": 404,
                                         "staff": 200, "auditor": 200, "contractor": 404, "outsider": 404}
    assert statuses(api, "patch", url, {"summary": "追記"}) == {  # the administrator reads only (least privilege)
        "admin": 403, "chief": 200, "manager": 200, "officer": 200, "officer2": 404, "staff": 200, "auditor": 403,
        "contractor": 404, "outsider": 404}


def test_list_and_calculator_matrix(api, incident, pension_incident):
    assert set(statuses(api, "get", "/api/v1/incidents").values()) == {200}
    body = {"learned_on": "2025-06-02", "persons": 1}
    assert set(statuses(api, "post", "/api/v1/rules/breach-report", body).values()) == {200}
    assert statuses(api, "get", "/api/v1/incidents/near-misses")["contractor"] == 200  # an empty list


def test_near_miss_create_matrix(api):
    body = {"title": "ヒヤリ", "occurred_on": "2025-05-01", "description": "気付いた"}
    got = statuses(api, "post", "/api/v1/incidents/near-misses", body)
    assert got == {"admin": 201, "chief": 201, "manager": 201, "officer": 201, "officer2": 201, "staff": 201,
                   "auditor": 403, "contractor": 403, "outsider": 201}
