"""/api/v1/registers/… (scoped reads) and POST /api/v1/rules/pia-level."""

import pytest

from ..conftest import assert_statuses

PIA_LEVEL = "/api/v1/rules/pia-level"


@pytest.mark.parametrize(("body", "level"), [
    ({"persons": 999, "handlers": 0, "serious_accident_last_year": False}, "none"),
    ({"persons": 1000, "handlers": 0, "serious_accident_last_year": False}, "basic"),
    ({"persons": 10000, "handlers": 499, "serious_accident_last_year": False}, "basic"),
    ({"persons": 10000, "handlers": 500, "serious_accident_last_year": False}, "basic+priority"),
    ({"persons": 99999, "handlers": 0, "serious_accident_last_year": True}, "basic+priority"),
    ({"persons": 100000, "handlers": 0, "serious_accident_last_year": False}, "basic+priority"),
    ({"persons": 299999, "handlers": 500, "serious_accident_last_year": False}, "basic+full"),
    ({"persons": 300000, "handlers": 0, "serious_accident_last_year": False}, "basic+full"),
])
def test_pia_level(client_for, body, level):
    response = client_for("officer").post(PIA_LEVEL, body, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"level", "explanation"}
    assert data["level"] == level and all(isinstance(line, str) for line in data["explanation"])


def test_pia_level_invalid_input_names_each_field(client_for):
    client = client_for("officer")
    response = client.post(PIA_LEVEL, {"persons": -1, "handlers": "many", "serious_accident_last_year": "yes"},
                           content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"persons", "handlers", "serious_accident_last_year"}
    assert "0以上の整数" in errors["persons"][0]
    response = client.post(PIA_LEVEL, {}, content_type="application/json")
    assert set(response.json()["errors"]) == {"persons", "handlers", "serious_accident_last_year"}
    response = client.post(PIA_LEVEL, {"persons": True, "handlers": 1.5, "serious_accident_last_year": 1},
                           content_type="application/json")
    assert set(response.json()["errors"]) == {"persons", "handlers", "serious_accident_last_year"}
    response = client.post(PIA_LEVEL, [1, 2], content_type="application/json")
    assert response.status_code == 400


def test_pia_level_needs_a_login(client):
    response = client.post(PIA_LEVEL, {"persons": 1, "handlers": 1, "serious_accident_last_year": False},
                           content_type="application/json")
    assert response.status_code in (401, 403)


def test_file_api_is_scoped(client_for, published, pension_file):
    url = f"/api/v1/registers/files/{published.pk}"
    assert_statuses(client_for, "get", url, {"officer": 200, "staff": 200, "manager": 200, "chief": 200,
                                             "auditor": 200, "officer2": 404, "outsider": 404, "contractor": 404})
    data = client_for("officer").get("/api/v1/registers/files").json()
    assert [row["name"] for row in data["results"]] == ["住民基本台帳ファイル"]
    row = data["results"][0]
    assert row["withheld"] == {"record_scope": "事務の遂行に著しい支障"} and row["versions"][0]["public"]
    assert client_for("auditor").get("/api/v1/registers/files", {"status": "published"}).json()["count"] == 2
    assert client_for("auditor").get("/api/v1/registers/files", {"status": "bogus"}).status_code == 400


def test_affair_and_pia_api(client_for, town):
    from datetime import date

    from hogokan.registers import services

    services.affair_start(actor=town.user("chief"), organ=town.mayor, unit=town.citizens, name="事務A",
                          started_on=date(2020, 4, 1))
    data = client_for("officer").get("/api/v1/registers/affairs").json()
    assert data["results"][0]["events"][0]["kind"] == "start"
    assert client_for("officer2").get("/api/v1/registers/affairs").json()["count"] == 0
    assert client_for("officer").get("/api/v1/registers/pias").status_code == 200


def test_writes_are_not_offered(client_for, published):
    response = client_for("chief").post("/api/v1/registers/files", {}, content_type="application/json")
    assert response.status_code in (403, 405)
