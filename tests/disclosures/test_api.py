"""POST /api/v1/rules/request-deadline and the scoped requests API."""

from datetime import date

import pytest

from hogokan.disclosures import services

URL = "/api/v1/rules/request-deadline"


def test_deadline_with_corrections_and_extension(client_for, town):
    response = client_for("staff").post(URL, {
        "kind": "disclosure", "received_on": "2024-04-01", "extended": True,
        "corrections": [{"requested_on": "2024-04-05", "received_on": "2024-04-09"}]}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"due", "extended_due", "recommended_by", "explanation"}
    assert body["due"] == "2024-05-06" and body["extended_due"] == "2024-06-05"
    assert body["recommended_by"] == "2024-06-05"
    assert any("補正" in line for line in body["explanation"])


def test_deadline_on_a_closed_day_recommends_the_previous_open_day(client_for, town):
    body = client_for("chief").post(URL, {"kind": "correction", "received_on": "2024-04-04"},
                                    content_type="application/json").json()
    assert body == {**body, "due": "2024-05-04", "extended_due": None, "recommended_by": "2024-05-02"}


@pytest.mark.parametrize("payload, field, message", [
    ({"kind": "appeal", "received_on": "2024-04-01"}, "kind", "kind は disclosure / correction / suspension"),
    ({"kind": "disclosure", "received_on": "2024/04/01"}, "received_on", "YYYY-MM-DD"),
    ({"kind": "disclosure"}, "received_on", "必須"),
    ({"kind": "disclosure", "received_on": "2024-04-01", "extended": "maybe"}, "extended", "true / false"),
    ({"kind": "disclosure", "received_on": "2024-04-01",
      "corrections": [{"requested_on": "2024-04-03", "received_on": "2024-04-02"}]}, "corrections",
     "補正を受けた日が補正を求めた日より前"),
    ({"kind": "disclosure", "received_on": "2024-04-01",
      "corrections": [{"requested_on": "2024-03-03", "received_on": "2024-04-02"}]}, "corrections", "受付日より前"),
])
def test_bad_input_is_400_with_a_message_per_field(client_for, town, payload, field, message):
    response = client_for("officer").post(URL, payload, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors and message in str(errors[field])


def test_deadline_needs_a_login(client, town):
    assert client.post(URL, {"kind": "disclosure", "received_on": "2024-04-01"},
                       content_type="application/json").status_code in (401, 403)


def test_requests_api_is_scoped_and_hides_the_requester(client_for, town, make_request):
    request = make_request(units=[town.citizens])
    services.decision_record(actor=town.user("chief"), request=request, unit=town.citizens, type="full",
                             decided_on=date(2026, 11, 10))
    url = f"/api/v1/disclosures/requests/{request.pk}"
    officer = client_for("officer").get(url).json()
    assert officer["requester"]["name"] == "開示 請求者" and officer["decisions"][0]["type"] == "full"
    assert client_for("manager").get(url).json()["requester"] is None
    assert client_for("auditor").get(url).json()["requester"] is None
    assert client_for("officer2").get(url).status_code == 404
    assert client_for("contractor").get(url).status_code == 404
    assert client_for("chief").get("/api/v1/disclosures/requests?fiscal_year=2026").json()["count"] == 1
    assert client_for("outsider").get("/api/v1/disclosures/requests").json()["count"] == 0
    assert client_for("chief").get("/api/v1/disclosures/requests?fiscal_year=abc").status_code == 400
