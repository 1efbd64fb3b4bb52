"""The schema says what the API does (core.openapi): errors, filters, ranges of dates and integers."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from drf_spectacular.generators import SchemaGenerator

from hogokan.core.calendar import EARLIEST_DATE, LATEST_DATE, date_range_error
from hogokan.core.middleware import MAX_INTEGER
from hogokan.core.openapi import date_pattern
from hogokan.incidents.models import EARLIEST_INCIDENT_DATE


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_its_errors(schema):
    for path, method, operation in operations(schema):
        expected = {"400", "401", "403"} | ({"404"} if "{" in path else set()) | (
            {"415"} if method in ("post", "patch") else set())
        assert expected <= set(operation["responses"]), (method, path)
        for code in expected:
            assert list(operation["responses"][code]["content"]) == ["application/json"], (method, path, code)
    bad_request = schema["components"]["schemas"]["ApiBadRequest"]["oneOf"]
    assert bad_request == [{"$ref": "#/components/schemas/ApiErrors"}, {"$ref": "#/components/schemas/ApiDetail"}]
    assert "404" in schema["paths"]["/api/v1/inspections/aggregate"]["get"]["responses"]  # ?campaign= not visible


# The pre-send check takes the file itself (multipart) or JSON (issue 17 §3).
FILE_UPLOADS = {("post", "/api/v1/scan")}


def test_bodies_are_json_only(schema):
    for path, method, operation in operations(schema):
        if "requestBody" in operation:
            content = list(operation["requestBody"]["content"])
            if (method, path) in FILE_UPLOADS:
                assert "multipart/form-data" in content, (method, path)
            else:
                assert content == ["application/json"], (method, path)


def test_a_lists_filters_are_its_own_parameters_only(schema):
    names = {method: {p["name"] for p in schema["paths"][path][method].get("parameters", [])}
             for path, method in (("/api/v1/incidents", "get"), ("/api/v1/incidents", "post"))}
    assert {"fiscal_year", "unit", "report_required", "limit", "offset"} <= names["get"]
    assert names["post"] == set()
    detail = {p["name"] for p in schema["paths"]["/api/v1/incidents/{id}"]["get"]["parameters"]}
    assert detail == {"id"}


def test_integers_in_paths_and_queries_are_bounded_as_the_request_guard_bounds_them(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["schema"].get("type") == "integer":
                assert parameter["schema"]["maximum"] <= MAX_INTEGER, (method, path, parameter["name"])
                assert parameter["schema"]["minimum"] >= -MAX_INTEGER, (method, path, parameter["name"])


def test_paging_parameters_say_what_is_accepted(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/org/people"]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["minimum"] == 1 and "1000" in parameters["limit"]["description"]
    assert parameters["offset"]["schema"]["minimum"] == 0


def test_an_empty_choice_is_no_filter(schema):
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/incidents"]["get"]["parameters"]}
    assert "" in parameters["status"]["enum"] and "minLength" not in parameters["status"]
    units = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/org/units"]["get"]["parameters"]}
    assert units["as_of"]["anyOf"][1] == {"maxLength": 0}  # ?as_of= is today


def test_dates_the_api_takes_carry_their_range(schema):
    components = schema["components"]["schemas"]
    assert components["UnitCreate"]["properties"]["valid_from"]["pattern"] == date_pattern()
    assert components["IncidentCreate"]["properties"]["learned_on"]["pattern"] == date_pattern(EARLIEST_INCIDENT_DATE)
    assert components["NearMissInput"]["properties"]["occurred_on"]["pattern"] == date_pattern(EARLIEST_INCIDENT_DATE)
    assert "pattern" not in components["DeadlineOutput"]["properties"]["due"]  # answers may pass 2099


def test_text_that_must_not_be_blank_says_so(schema):
    person = schema["components"]["schemas"]["PersonCreate"]["properties"]
    assert person["name"]["pattern"] == r"\S" and "pattern" not in person["name_kana"]


def test_a_record_may_answer_blank_choices_and_addresses(schema):
    components = schema["components"]["schemas"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in components["Incident"]["properties"]["medium"]["oneOf"]
    assert {"type": "string", "maxLength": 0} in components["Person"]["properties"]["email"]["oneOf"]


@pytest.mark.parametrize("earliest", [None, EARLIEST_INCIDENT_DATE, date(2024, 3, 15), date(2000, 12, 31),
                                      date(2099, 12, 1)])
def test_date_pattern_is_exactly_the_range_core_calendar_accepts(earliest):
    pattern = re.compile(date_pattern(earliest))
    low = earliest or EARLIEST_DATE
    days = [low - timedelta(days=1), low, low + timedelta(days=1), LATEST_DATE, LATEST_DATE + timedelta(days=1),
            date(1867, 12, 31), date(1900, 2, 28), date(1989, 1, 7), date(2026, 4, 1), date(2100, 1, 1)]
    for day in days:
        assert bool(pattern.match(day.isoformat())) == (date_range_error(day, earliest=earliest) is None), day
    for text in ("0131-06-28", "2026-13-01", "2026-00-10", "2026-01-32", "2026-1-01", "12026-01-01", ""):
        assert not pattern.match(text), text
