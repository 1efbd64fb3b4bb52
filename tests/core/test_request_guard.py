"""Bad input never becomes a 500 (issue 20 §5): huge integers, API errors as JSON, a 500 page without the
database, 403s logged on one line, and no caching of pages and API answers with personal data."""

import logging

import pytest
from django.test import RequestFactory

from hogokan.accounts.services import token_issue
from hogokan.site.errors import server_error

HUGE = "13271473194105466519552"


@pytest.mark.parametrize("url", [
    f"/registers/public/?organ={HUGE}",              # anonymous, the public register
    f"/registers/public/?unit={2**63}",
    f"/registers/public/files/{HUGE}/",
])
def test_huge_integers_answer_400_to_anonymous_visitors(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "数値が大きすぎます" in response.content.decode()


def test_the_largest_integer_the_database_holds_is_an_ordinary_404(client, db):
    assert client.get(f"/registers/public/files/{2**63 - 1}/").status_code == 404


@pytest.mark.parametrize("url", [
    f"/api/v1/org/units?offset=-39899&limit=-62&organ={HUGE}",
    f"/api/v1/inspections/responses?unit={HUGE}",
    "/api/v1/org/assignments?limit=2081904941105257216&person=14303647605204059114965594800128",
])
def test_huge_integers_in_api_parameters_answer_json_400(client, town, url):
    _token, raw = token_issue(actor=None, user=town.user("chief"), name="test")
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_huge_id_in_a_json_body_is_a_400_not_a_500(client, town):
    _token, raw = token_issue(actor=None, user=town.user("staff"), name="test")
    response = client.post("/api/v1/incidents", {"title": "誤送付", "unit": int(HUGE), "learned_on": "2025-06-02",
                                                 "persons": 1}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 400


def test_huge_id_in_a_form_is_a_400_not_a_500(client_for, town):
    response = client_for("staff").post("/incidents/new/", {"title": "誤送付", "unit": HUGE, "learned_on": "2025-06-02",
                                                             "persons": "1"})
    assert response.status_code in (200, 400)


def test_api_answers_json_for_unknown_paths_and_methods(client, town):
    _token, raw = token_issue(actor=None, user=town.user("chief"), name="test")
    missing = client.get("/api/v1/no-such-thing", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert missing.status_code == 404 and missing.json() == {"detail": "見つかりません。"}
    not_allowed = client.put("/api/v1/org/units", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert not_allowed.status_code == 405 and "detail" in not_allowed.json()


def test_the_500_page_needs_no_database(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/org/units/"))
    assert response.status_code == 500 and "システムエラーが発生しました" in response.content.decode()
    api = server_error(RequestFactory().get("/api/v1/org/units"))
    assert api.status_code == 500 and api["Content-Type"] == "application/json"


def test_a_403_is_logged_on_one_line(client_for, town, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_for("staff").get("/org/transfers/").status_code == 403
    forbidden = [record for record in caplog.records if record.name == "django.request"]
    assert forbidden and all(record.exc_info is None for record in forbidden)
    assert "Traceback" not in caplog.text


def test_pages_and_the_api_are_not_cached(client_for, town, client):
    assert client_for("staff").get("/org/people/")["Cache-Control"] == "private, no-store"
    _token, raw = token_issue(actor=None, user=town.user("staff"), name="test")
    assert client.get("/api/v1/org/people", HTTP_AUTHORIZATION=f"Bearer {raw}")["Cache-Control"] == "private, no-store"


def test_leading_zeros_do_not_make_a_number_large(client, town):
    _token, raw = token_issue(actor=None, user=town.user("chief"), name="test")
    response = client.get("/api/v1/org/people", {"q": "0" * 100}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert client.get("/api/v1/org/people", {"q": "1" + "0" * 19}, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 400
