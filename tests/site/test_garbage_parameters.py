"""No 500 on bad input, pages too (issue 12 §3): every page without path parameters, as the roles that use
it, answers garbage in its query string with 200 (the value ignored or shown as an error), a redirect, or
a 4xx page in Japanese — never a 500. Walked from the resolver, so a new page is covered when it lands."""

import pytest

from tests.url_patterns import every_route

GARBAGE = [
    {"page": "99999999999999999999", "fiscal_year": "-1", "year": "0", "format": "pdf", "table": "nope"},
    {"page": "-5", "fiscal_year": "2026.5", "year": "９９９９", "q": "\x00" + "長" * 500, "by": "galaxy"},
    {"unit": "2", "organ": "-3", "kind": "weekly", "status": "lost", "state": "??", "sort": "-pk;drop"},
    {"unit": str(2**63), "organ": "1e9", "person": "abc", "campaign": "0x10", "file": "１２"},
    {"as_of": "2026-02-30", "received_on": "9999-12-31", "learned_on": "0445-11-02", "years": "1800,²,2026,abc"},
    {"as_of": "令和100年1月1日", "include_ended": "maybe", "my_number": "2", "specific": "yes", "show": "all"},
    {"unit": ["1", "2", "x"], "status": ["open", "closed"], "rows": "-1", "format": ["csv", "xlsx"]},
]
ROLES = ("chief", "officer", "manager", "auditor", "contractor")
PAGES = [route for route in every_route()
         if not route.parameters and not route.is_api and "GET" in route.methods
         and not route.route.startswith(("django-admin/", "accounts/logout", "static/"))]


def test_the_walk_finds_the_list_and_statistics_pages():
    names = {route.name for route in PAGES}
    assert {"incidents:statistics", "disclosures:stats", "registers:file_list", "registers:public_list",
            "inspections:results", "org:unit_list", "purpose_uses:stats"} <= names


@pytest.mark.parametrize("route", PAGES, ids=[route.key for route in PAGES])
def test_garbage_in_the_query_string_is_never_a_500(client_for, client, route):
    outcomes = []
    for role in (*ROLES, None):
        browser = client_for(role) if role else client
        if role is None:
            browser.logout()
        for params in GARBAGE:
            response = browser.get(route.path, params)
            outcomes.append((role, response.status_code))
            assert response.status_code < 500, (route.path, role, params)
            if response.status_code == 400:
                assert any("\u3040" <= ch <= "\u9fff" for ch in response.content.decode()), (route.path, params)
    assert outcomes
