"""The OpenAPI schema (/api/v1/openapi.json) and its docs page (/api/v1/docs/)."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from tests.conftest import login

CONTRACT = {
    "/api/v1/org/organs": {"get"},
    "/api/v1/org/organs/{id}": {"get"},
    "/api/v1/org/units": {"get", "post"},
    "/api/v1/org/units/{id}": {"get"},
    "/api/v1/org/units/{id}/rename": {"post"},
    "/api/v1/org/units/{id}/move": {"post"},
    "/api/v1/org/people": {"get", "post"},
    "/api/v1/org/people/{id}": {"get", "patch"},
    "/api/v1/org/assignments": {"get", "post"},
    "/api/v1/org/assignments/{id}": {"get"},
    "/api/v1/org/assignments/{id}/end": {"post"},
}


def test_schema_has_every_path_of_the_contract_and_no_delete():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = {path: set(operations) - {"parameters"} for path, operations in schema["paths"].items()
             if path.startswith("/api/v1/org/")}
    assert paths == CONTRACT
    unit = schema["components"]["schemas"]["Unit"]["properties"]
    assert list(unit) == ["id", "code", "name", "kind", "kind_label", "organ", "parent", "valid_from", "valid_to",
                          "successor", "current_successor", "full_name"]
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    unit_list = {p["name"] for p in schema["paths"]["/api/v1/org/units"]["get"]["parameters"]}
    assert {"organ", "as_of", "include_ended", "q", "limit", "offset"} <= unit_list


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # Raises when drf-spectacular emits any warning or the schema is not valid OpenAPI.
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json",
                 "--file", str(tmp_path / "openapi.json"))
    schema = json.loads((tmp_path / "openapi.json").read_text())
    assert "/api/v1/org/units" in schema["paths"]


@pytest.mark.parametrize("role", ["chief", "staff", "contractor"])
def test_schema_is_served_as_json_when_logged_in(client, town, role):
    login(client, town.user(role))
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "Hogokan API"
    assert "/api/v1/org/people/{id}" in schema["paths"]


def test_docs_page_is_served_when_logged_in(client, town):
    login(client, town.user("officer"))
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "redoc" in page.lower()
    assert "/api/v1/openapi.json" in page
