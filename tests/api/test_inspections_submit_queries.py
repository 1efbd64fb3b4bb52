"""One API submit runs a fixed, small number of queries, and its history stays complete.

Every section submits on the same morning, so POST /api/v1/inspections/responses/<id>/submit reads
each row once and replies from the objects in hand (see docs/inspections.md, "Benchmark"). The
budgets below count every statement of the request inside the test's transaction (savepoints
included): authentication and the actor (5), the response (1), the section's 個別点検項目 (1), the
service's savepoint (2), the lock on the response (1), the survey questions (1), the answers and
their history (2), the response and its history (2 + 2 savepoints) and the reminder (1).
"""

from __future__ import annotations

import pytest

from hogokan.inspections import services
from hogokan.inspections.models import Answer, CorrectiveAction, InspectionResponse
from tests.api.test_inspections_api import ALL_OK, campaign, citizens_response, submit_url  # noqa: F401

FIRST_SUBMIT_QUERIES = 18  # was 42 before the submit read each row once (2026-11)


@pytest.fixture(autouse=True)
def _fresh_item_cache():
    services._items_of_template.cache_clear()
    yield
    services._items_of_template.cache_clear()


@pytest.fixture
def officer(api, citizens_response):  # noqa: F811
    """The officer's client, with the token, the actor and the template's items already used once."""
    client = api("officer")
    assert client.get("/api/v1/inspections/campaigns").status_code == 200
    services.template_items(citizens_response.campaign.template_id)
    return client


def test_first_submit_runs_a_fixed_number_of_queries(officer, citizens_response,  # noqa: F811
                                                     django_assert_max_num_queries):
    with django_assert_max_num_queries(FIRST_SUBMIT_QUERIES):
        reply = officer.post(submit_url(citizens_response), {"answers": ALL_OK}, format="json")
    assert reply.status_code == 200, reply.content
    body = reply.json()
    assert body["status"] == "submitted" and len(body["answers"]) == 25 and body["actions"] == []
    assert {row["value_mark"] for row in body["answers"]} == {"○"}


def test_the_reply_is_what_a_fresh_read_shows(officer, citizens_response, town):  # noqa: F811
    answers = {**ALL_OK, "②": {"value": "×", "remark": "宛先の確認漏れ"}, "①": {"value": "－"}}
    body = {"answers": answers, "actions": {"②": {"description": "複数人で確認", "assignee": town.people["staff"].pk,
                                                  "due_date": "2026-12-15"}}}
    reply = officer.post(submit_url(citizens_response), body, format="json")
    assert reply.status_code == 200, reply.content
    fresh = officer.get(f"/api/v1/inspections/responses/{citizens_response.pk}")
    assert reply.json() == fresh.json()


def test_a_resubmission_after_return_stays_within_budget(officer, api, citizens_response, town,  # noqa: F811
                                                         django_assert_max_num_queries):
    answers = {**ALL_OK, "②": {"value": "×"}}
    body = {"answers": answers, "actions": {"②": {"description": "複数人で確認", "assignee": town.people["staff"].pk,
                                                  "due_date": "2026-12-15"}}}
    assert officer.post(submit_url(citizens_response), body, format="json").status_code == 200
    citizens_response.refresh_from_db()
    services.response_return(actor=town.user("manager"), response=citizens_response, comment="②を見直してください")
    # Corrected: ② is ○ now, so its corrective action is cancelled.
    with django_assert_max_num_queries(FIRST_SUBMIT_QUERIES + 12):
        reply = officer.post(submit_url(citizens_response), {"answers": ALL_OK}, format="json")
    assert reply.status_code == 200, reply.content
    assert reply.json()["actions"][0]["status"] == CorrectiveAction.Status.CANCELLED
    assert reply.json() == officer.get(f"/api/v1/inspections/responses/{citizens_response.pk}").json()


def test_history_names_who_answered_what_and_when(officer, citizens_response, town):  # noqa: F811
    officer_user = town.user("officer")
    answers = {**ALL_OK, "③": {"value": "×", "remark": "施錠漏れ"}}
    body = {"answers": answers, "actions": {"③": {"description": "退庁時の施錠確認", "assignee": town.people["staff"].pk,
                                                  "due_date": "2026-12-15"}}}
    assert officer.post(submit_url(citizens_response), body, format="json").status_code == 200
    answer_history = Answer.history.filter(response_id=citizens_response.pk)
    assert answer_history.count() == 25
    assert set(answer_history.values_list("history_type", "history_user")) == {("+", officer_user.pk)}
    third = answer_history.get(item__number="③")
    assert (third.value, third.remark) == ("ng", "施錠漏れ")
    action = CorrectiveAction.objects.get(response=citizens_response)
    assert [(h.history_type, h.history_user) for h in action.history.all()] == [("+", officer_user)]
    # The response goes from 未着手 straight to 提出, in one history row naming the officer.
    rows = list(citizens_response.history.order_by("history_date", "history_id"))
    assert [row.status for row in rows] == [InspectionResponse.Status.NOT_STARTED, InspectionResponse.Status.SUBMITTED]
    assert rows[-1].history_user == officer_user and rows[-1].history_change_reason in ("提出", "提出（期限後）")
    assert rows[-1].submitted_by_id == officer_user.pk
