"""Role × endpoint matrix of the requests and uses API (tokens), and the schema of the new paths."""

from datetime import date

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from hogokan.accounts.services import token_issue
from hogokan.purpose_uses import services as use_services

ROLES = ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")


def _client(town, role):
    _token, raw = token_issue(actor=None, user=town.user(role), name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def records(town, make_request):
    request = make_request(units=[town.citizens])
    use = use_services.use_save(actor=town.user("staff"), kind="use", organ=town.mayor, unit=town.citizens,
                                used_on=date(2026, 11, 2), file_or_affair_name="住民基本台帳", recipient="福祉課",
                                purpose="安否確認", basis="internal", no_unfair_harm=True)
    return request, use


# role → (list count, detail status, requester visible)
EXPECTED = {
    "admin": (1, 200, False), "chief": (1, 200, True), "manager": (1, 200, False), "officer": (1, 200, True),
    "staff": (1, 200, True), "auditor": (1, 200, False), "officer2": (0, 404, False), "outsider": (0, 404, False),
    "contractor": (0, 404, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_requests_matrix(town, records, role):
    request, use = records
    client = _client(town, role)
    count, status, sees = EXPECTED[role]
    assert client.get("/api/v1/disclosures/requests").json()["count"] == count
    detail = client.get(f"/api/v1/disclosures/requests/{request.pk}")
    assert detail.status_code == status
    if status == 200:
        assert (detail.json()["requester"] is not None) is sees
    assert client.get("/api/v1/purpose-uses").json()["count"] == count
    assert client.get(f"/api/v1/purpose-uses/{use.pk}").status_code == status
    assert client.post(f"/api/v1/disclosures/requests/{request.pk}", {}).status_code in (403, 405)
    deadline = client.post("/api/v1/rules/request-deadline", {"kind": "disclosure", "received_on": "2024-04-01"},
                           format="json")
    assert deadline.status_code == 200 and deadline.json()["due"] == "2024-05-01"


def test_schema_has_the_new_paths():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert {"/api/v1/disclosures/requests", "/api/v1/disclosures/requests/{id}", "/api/v1/rules/request-deadline",
            "/api/v1/purpose-uses", "/api/v1/purpose-uses/{id}"} <= set(schema["paths"])
    body = schema["paths"]["/api/v1/rules/request-deadline"]["post"]["requestBody"]["content"]["application/json"]
    ref = body["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"kind", "received_on", "corrections",
                                                                         "extended"}
