"""/api/v1/rules/breach-report (exact names) and the scoped incident API."""

from datetime import date

import pytest

from hogokan.accounts.services import token_issue
from hogokan.incidents.models import Incident
from tests.api.conftest import token_client

URL = "/api/v1/rules/breach-report"


@pytest.fixture
def api(town):
    def make(username: str):
        _token, raw = token_issue(actor=None, user=town.user(username), name="test")
        return token_client(raw)

    return make


def test_calculator_exact_shape(api):
    response = api("staff").post(URL, {
        "learned_on": "2026-11-30", "persons": 101, "persons_is_estimate": False, "sensitive": True,
        "ordinance_sensitive": False, "property_risk": False, "malicious": True, "strongly_encrypted": False,
        "my_number": True, "my_number_system": "number_use_system", "published_on_web": False}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"report_required", "laws", "grounds", "preliminary_due", "final_due", "explanation"}
    assert body["report_required"] is True
    assert body["laws"] == ["appi68", "mynumber29_4"]
    assert body["grounds"] == ["sensitive", "malicious", "over_100", "mn_system", "mn_malicious", "mn_over_100"]
    assert body["preliminary_due"] == "2026-12-05"
    assert body["final_due"] == "2027-01-28"  # 60 days: day 60 = 2027-01-28 (Thu)
    assert all(isinstance(line, str) for line in body["explanation"])


def test_calculator_not_required_has_null_dates(api):
    body = api("contractor").post(URL, {"learned_on": "2025-06-02", "persons": 100}, format="json").json()
    assert body == {**body, "report_required": False, "laws": [], "grounds": [], "preliminary_due": None,
                    "final_due": None}


def test_calculator_guideline_report(api):
    body = api("officer").post(URL, {"learned_on": "2025-06-02", "persons": 1, "my_number": True},
                               format="json").json()
    assert body["laws"] == ["mynumber_guideline"] and body["report_required"] is True


def test_calculator_bad_inputs_name_each_field(api):
    response = api("staff").post(URL, {"learned_on": "2025-13-01", "persons": -1, "sensitive": "maybe",
                                       "my_number_system": "fax"}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"learned_on", "persons", "sensitive", "my_number_system"}
    assert "存在しない日付" in errors["learned_on"][0]  # 2025-13-01 looks like a date but is none
    response = api("staff").post(URL, {}, format="json")
    assert set(response.json()["errors"]) == {"learned_on", "persons"}
    response = api("staff").post(URL, {"learned_on": "2025-06-02", "persons": 1, "my_number_system": "network"},
                                 format="json")
    assert "my_number_system" in response.json()["errors"]


def test_calculator_needs_login(client, town):
    assert client.post(URL, {}, content_type="application/json").status_code in (401, 403)


def test_incident_api_scope_and_create(api, town, incident, pension_incident, contract):
    def ids(username):
        response = api(username).get("/api/v1/incidents")
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids("staff") == {incident.pk}
    assert ids("officer2") == {pension_incident.pk}
    assert ids("chief") == ids("auditor") == {incident.pk, pension_incident.pk}
    assert ids("contractor") == set() and ids("outsider") == set()
    assert api("outsider").get(f"/api/v1/incidents/{incident.pk}").status_code == 404

    response = api("contractor").post("/api/v1/incidents", {"title": "委託先での誤送信", "contract": contract.pk,
                                                            "learned_on": "2025-08-01", "persons": 3}, format="json")
    assert response.status_code == 201, response.content
    created = Incident.objects.get(pk=response.json()["id"])
    assert created.unit == town.citizens and created.contractor_involved
    assert ids("contractor") == {created.pk}
    response = api("contractor").post("/api/v1/incidents", {"title": "x", "learned_on": "2025-08-01", "persons": 3},
                                      format="json")
    assert response.status_code == 400 and "contract" in response.json()["errors"]
    response = api("staff").post("/api/v1/incidents", {"title": "x", "unit": town.pension.pk,
                                                       "learned_on": "2025-08-01", "persons": 3}, format="json")
    assert response.status_code == 400 and "unit" in response.json()["errors"]


def test_incident_api_update(api, town, incident):
    url = f"/api/v1/incidents/{incident.pk}"
    response = api("officer").patch(url, {"persons": 500, "data_items": ["氏名"]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["report_grounds"] == ["over_100"]
    assert api("officer").patch(url, {"final_reported_on": "2025-06-20"}, format="json").status_code == 403
    assert api("chief").patch(url, {"final_reported_on": "2025-06-20"}, format="json").status_code == 200
    assert api("auditor").patch(url, {"persons": 1}, format="json").status_code == 403
    assert api("officer2").patch(url, {"persons": 1}, format="json").status_code == 404
    response = api("officer").patch(url, {"notice_status": "exempt"}, format="json")
    assert response.status_code == 400 and "notice_exemption" in response.json()["errors"]


def test_near_miss_api(api, town):
    response = api("staff").post("/api/v1/incidents/near-misses", {
        "title": "FAX番号の打ち間違い", "occurred_on": "2025-05-01", "description": "送信前に気付いた",
        "anonymous": True}, format="json")
    assert response.status_code == 201, response.content
    assert api("outsider").get("/api/v1/incidents/near-misses?q=打ち間違い").json()["count"] == 1
    assert api("contractor").get("/api/v1/incidents/near-misses").json()["count"] == 0
    assert api("auditor").post("/api/v1/incidents/near-misses", {}, format="json").status_code == 403


def test_data_items(api, items):
    body = api("staff").get("/api/v1/incidents/data-items").json()
    assert {"name": "個人番号", "sensitive": False, "ordinance_sensitive": False, "property_risk": False,
            "my_number": True} in body
    assert date(2025, 1, 1)  # keep the import used in this module's style


def test_calculator_refuses_a_body_that_is_not_an_object(api):
    response = api("staff").post(URL, [1, 2], format="json")
    assert response.status_code == 400
    assert "JSON のオブジェクト" in response.json()["errors"]["non_field_errors"][0]
