"""What a request may carry (issue 12 §2): bodies in JSON with the schema's types, paging as whole numbers,
boolean filters as true or false; anything else is a 400 (415 for a body that is not JSON) in Japanese."""

from __future__ import annotations

import pytest

from tests.api.conftest import BASE, JAPANESE, assert_japanese

BREACH = "/api/v1/rules/breach-report"
FACTS = {"learned_on": "2025-06-02", "persons": 2}


@pytest.mark.parametrize(("field", "value"), [
    ("persons", "2"),           # a number in a string: DRF alone would read it as 2
    ("persons", 2.0),
    ("persons", True),
    ("sensitive", 0),           # DRF alone would read 0 as false
    ("sensitive", "true"),
    ("learned_on", 20250602),
])
def test_a_value_of_another_json_type_is_a_400_naming_the_field(api, field, value):
    response = api("staff").post(BREACH, {**FACTS, field: value}, format="json")
    assert_japanese(response, field)


def test_the_right_types_are_accepted(api):
    response = api("staff").post(BREACH, {**FACTS, "sensitive": True}, format="json")
    assert response.status_code == 200, response.content


def test_a_field_keeps_its_own_message_for_a_wrong_type(api):
    response = api("staff").post("/api/v1/rules/request-deadline",
                                 {"kind": "disclosure", "received_on": "2024-04-01", "extended": 1}, format="json")
    assert response.json()["errors"]["extended"] == ["extended は true / false で指定してください。"]


def test_elements_of_a_list_are_checked_too(api, town):
    response = api("admin").post("/api/v1/incidents", {"title": "誤送付", "unit": town.citizens.pk,
                                                       "learned_on": "2025-06-02", "persons": 1, "data_items": [1]},
                                 format="json")
    assert assert_japanese(response, "data_items")["data_items"] == ["要素は文字列で指定してください。"]


def test_a_body_that_is_not_json_is_a_415(api, town):
    response = api("admin").post(f"{BASE}/people", {"employee_no": "E0100", "name": "新人 八郎"})  # multipart
    assert response.status_code == 415
    assert JAPANESE.search(response.json()["detail"])
