"""Paging of every list (core.rest.ApiPagination): whole numbers in range, else a 400 naming the parameter;
a limit above the maximum is the maximum, as the schema says."""

from __future__ import annotations

import pytest

from tests.api.conftest import BASE, assert_japanese


@pytest.mark.parametrize(("query", "field"), [
    ({"limit": "-1"}, "limit"), ({"limit": "0"}, "limit"), ({"limit": "ten"}, "limit"), ({"limit": "1.5"}, "limit"),
    ({"offset": "-1"}, "offset"), ({"offset": ""}, "offset"), ({"offset": "２"}, "offset"),
])
def test_paging_that_is_not_a_whole_number_in_range_is_a_400(api, town, query, field):
    response = api("chief").get(f"{BASE}/people", query)
    assert_japanese(response, field)


def test_a_limit_above_the_maximum_is_the_maximum(api, town):
    response = api("chief").get(f"{BASE}/people", {"limit": "5000", "offset": "1"})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], len(body["results"])) == (9, 8)  # the town's 9 people, from the second
    assert "limit=1000" in body["previous"]
