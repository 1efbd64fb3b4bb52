"""/api/v1/inspections/: campaigns, responses (read, submit) and the aggregate, per role and with bad inputs."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from hogokan.inspections import services
from hogokan.inspections.models import Answer, CorrectiveAction, InspectionResponse
from tests.api.conftest import JAPANESE, ids
from tests.conftest import ROLES
from tests.inspections.test_aggregation import answer_the_year, november_campaign

BASE = "/api/v1/inspections"
CONTRACT = {
    f"{BASE}/campaigns": {"get"},
    f"{BASE}/campaigns/{{id}}": {"get"},
    f"{BASE}/responses": {"get"},
    f"{BASE}/responses/{{id}}": {"get"},
    f"{BASE}/responses/{{id}}/submit": {"post"},
    f"{BASE}/aggregate": {"get"},
}
CAMPAIGN_FIELDS = ["id", "kind", "kind_label", "title", "fiscal_year", "year", "month", "inspection_date",
                   "report_due", "status", "template"]
RESPONSE_FIELDS = ["id", "campaign", "unit", "unit_name", "status", "status_label", "submitted_at", "late",
                   "answers", "survey", "actions"]
ALL_OK = {number: {"value": "○", "remark": ""}
          for number in ["①", "②", "③", "④", "⑤", "⑥", "⑦", *[str(n) for n in range(1, 19)]]}


@pytest.fixture(autouse=True)
def _fresh_item_cache():
    """The template items are cached per process; a rolled-back test's template id may come back."""
    services._items_of_template.cache_clear()
    yield
    services._items_of_template.cache_clear()


@pytest.fixture
def campaign(town):
    return november_campaign(town)


@pytest.fixture
def citizens_response(campaign, town):
    return campaign.responses.get(unit=town.citizens)


@pytest.fixture
def answered(town, campaign):
    return answer_the_year(town, campaign)


def test_schema_has_the_paths_of_the_contract():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = {path: set(operations) - {"parameters"} for path, operations in schema["paths"].items()
             if path.startswith(f"{BASE}/")}
    assert paths == CONTRACT
    assert list(schema["components"]["schemas"]["InspectionCampaign"]["properties"]) == CAMPAIGN_FIELDS
    assert list(schema["components"]["schemas"]["InspectionResponse"]["properties"]) == RESPONSE_FIELDS
    assert schema["paths"][f"{BASE}/aggregate"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"] == {"$ref": "#/components/schemas/Aggregate"}


# ---- campaigns ----------------------------------------------------------------------------------

CAMPAIGNS = {  # which of 8月 / 11月 / 12月 each role sees (12月 is for 市民課 and 保険年金課 only)
    **{role: {"august", "november", "december"} for role in
       ("admin", "chief", "auditor", "manager", "officer", "officer2", "staff")},
    "outsider": {"august", "november"},
    "contractor": set(),
}


def test_campaign_matrix_covers_every_role():
    assert set(CAMPAIGNS) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_campaigns_are_scoped(api, answered, role):
    client = api(role)
    expected = {getattr(answered, name).pk for name in CAMPAIGNS[role]}
    assert ids(client.get(f"{BASE}/campaigns")) == expected
    for name in ("august", "november", "december"):
        pk = getattr(answered, name).pk
        detail = client.get(f"{BASE}/campaigns/{pk}")
        assert detail.status_code == (200 if pk in expected else 404), (role, name)


def test_campaign_fields_and_filters(api, answered):
    client = api("chief")
    body = client.get(f"{BASE}/campaigns/{answered.november.pk}").json()
    assert list(body) == CAMPAIGN_FIELDS
    assert body["kind"] == "monthly" and body["kind_label"] == "定期点検（毎月）"
    assert body["inspection_date"] == "2026-11-13" and body["report_due"] == "2026-12-18"
    assert ids(client.get(f"{BASE}/campaigns", {"kind": "strengthening"})) == {answered.august.pk}
    assert ids(client.get(f"{BASE}/campaigns", {"fiscal_year": 2025})) == set()
    bad = client.get(f"{BASE}/campaigns", {"kind": "weekly"})
    assert bad.status_code == 400 and "kind" in bad.json()["errors"]


# ---- responses ----------------------------------------------------------------------------------

def test_responses_are_scoped_and_filtered(api, answered, town):
    def units(client, **query):
        response = client.get(f"{BASE}/responses", query)
        assert response.status_code == 200
        return sorted(row["unit_name"] for row in response.json()["results"])

    assert units(api("officer")) == ["市民課"] * 3
    assert units(api("manager")) == sorted(["市民課"] * 3 + ["保険年金課"] * 3)
    assert units(api("officer2"), campaign=answered.november.pk) == ["保険年金課"]
    assert units(api("chief"), campaign=answered.november.pk) == ["保険年金課", "学務課", "市民課"]
    assert units(api("chief"), status="not_started") == ["保険年金課", "学務課"]
    assert units(api("chief"), unit=town.citizens.pk, status="approved") == ["市民課"]
    assert units(api("contractor")) == []
    others = answered.november.responses.get(unit=town.citizens).pk
    assert api("officer2").get(f"{BASE}/responses/{others}").status_code == 404
    assert api("outsider").get(f"{BASE}/responses/{others}").status_code == 404


def test_response_list_runs_a_fixed_number_of_queries(api, answered):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api("chief")
    client.get(f"{BASE}/responses", {"campaign": answered.december.pk})  # warm the token and the actor
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"{BASE}/responses", {"campaign": answered.december.pk}).json()["count"] == 2
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"{BASE}/responses").json()["count"] == 8
    assert len(many) <= len(few) + 2  # one more template and the section items of one more unit at most


def test_response_detail_has_answers_survey_and_actions(api, answered, town):
    response = answered.november.responses.get(unit=town.citizens)
    body = api("staff").get(f"{BASE}/responses/{response.pk}").json()
    assert list(body) == RESPONSE_FIELDS
    assert body["unit_name"] == "市民課" and body["status"] == "submitted" and body["status_label"] == "提出済み"
    assert len(body["answers"]) == 25
    second = body["answers"][1]
    assert second == {"item": second["item"], "section_item": None, "number": "②", "value": "ng",
                      "value_mark": "×", "remark": "②の備考"}
    assert body["answers"][0]["value_mark"] == "－"
    assert body["survey"] == []
    [action] = body["actions"]
    assert action["number"] == "②" and action["assignee"] == town.people["officer"].pk
    assert action["status_label"] == "対応中" and action["due_date"] == "2026-12-25"
    august = answered.august.responses.get(unit=town.citizens)
    survey = api("staff").get(f"{BASE}/responses/{august.pk}").json()["survey"]
    assert len(survey) == 3 and survey[0]["text_label"] == "その他の主な具体例"
    assert survey[0]["answer_text"] and len(survey[0]["selected"]) == 2


# ---- submit -------------------------------------------------------------------------------------

def submit_url(response) -> str:
    return f"{BASE}/responses/{response.pk}/submit"


def assert_nothing_saved(response):
    response.refresh_from_db()
    assert response.status == InspectionResponse.Status.NOT_STARTED
    assert Answer.objects.filter(response=response).count() == 0
    assert CorrectiveAction.objects.filter(response=response).count() == 0


def test_officer_submits_with_a_corrective_action(api, citizens_response, town):
    answers = {**ALL_OK, "②": {"value": "×", "remark": "宛先の確認漏れ"}, "①": {"value": "－"}}
    body = {"answers": answers, "actions": {"②": {"description": "送付前の複数人確認を徹底",
                                                  "assignee": town.people["staff"].pk, "due_date": "2026-12-15"}}}
    response = api("officer").post(submit_url(citizens_response), body, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "submitted" and data["submitted_at"]
    assert data["answers"][1]["value_mark"] == "×" and data["answers"][1]["remark"] == "宛先の確認漏れ"
    assert data["actions"][0]["description"] == "送付前の複数人確認を徹底"
    assert data["actions"][0]["assignee_name"] == "担当 四郎"
    citizens_response.refresh_from_db()
    assert citizens_response.submitted_by == town.user("officer")
    again = api("officer").post(submit_url(citizens_response), {"answers": ALL_OK}, format="json")
    assert again.status_code == 400
    assert "提出済みの点検結果は変更できません" in again.json()["errors"]["non_field_errors"][0]


def test_submit_in_the_aggregate_right_away(api, citizens_response):
    api("officer").post(submit_url(citizens_response), {"answers": {**ALL_OK, "③": {"value": "○"}}}, format="json")
    body = api("chief").get(f"{BASE}/aggregate", {"campaign": citizens_response.campaign_id}).json()
    third = next(item for item in body["items"] if item["number"] == "③")
    assert third["counts"]["ok"] == 1 and third["counts"]["not_submitted"] == 2


@pytest.mark.parametrize("role", ["staff", "auditor", "manager", "chief", "admin", "contractor", "outsider"])
def test_only_the_sections_officer_may_submit(api, citizens_response, role):
    response = api(role).post(submit_url(citizens_response), {"answers": ALL_OK}, format="json")
    assert response.status_code == 403, (role, response.content)
    assert JAPANESE.search(response.json()["detail"])
    assert_nothing_saved(citizens_response)


def test_another_sections_officer_gets_404(api, citizens_response):
    response = api("officer2").post(submit_url(citizens_response), {"answers": ALL_OK}, format="json")
    assert response.status_code == 404
    assert_nothing_saved(citizens_response)


def test_unknown_answer_and_forbidden_dash_are_400_and_nothing_saved(api, citizens_response):
    answers = {**ALL_OK, "③": {"value": "△"}, "②": {"value": "－"}}
    response = api("officer").post(submit_url(citizens_response), {"answers": answers}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]["answers"]
    assert errors["③"] == ["回答「△」は使えません（○・×・－のいずれか）。"]
    assert errors["②"] == ["項目②は「－」（該当なし）を選べない項目です。○か×で回答してください。"]
    assert_nothing_saved(citizens_response)


def test_missing_items_are_listed_and_nothing_saved(api, citizens_response):
    answers = {number: value for number, value in ALL_OK.items() if number not in ("⑤", "18")}
    response = api("officer").post(submit_url(citizens_response), {"answers": answers}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == ["未回答の項目があります: ⑤、18"]
    assert_nothing_saved(citizens_response)


def test_ng_without_corrective_action_is_refused(api, citizens_response):
    response = api("officer").post(submit_url(citizens_response), {"answers": {**ALL_OK, "④": {"value": "×"}}},
                                   format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == [
        "項目④は「×」のため、是正措置の是正の内容・担当者・期限を入力してください。"]
    assert_nothing_saved(citizens_response)


def test_unknown_item_assignee_and_question_are_named(api, citizens_response, town):
    body = {"answers": {**ALL_OK, "⑧": {"value": "○"}},
            "actions": {"②": {"description": "x", "assignee": town.people["outsider"].pk, "due_date": "2026-12-01"}},
            "survey": {"abc": {"selected": []}}}
    response = api("officer").post(submit_url(citizens_response), body, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["answers"] == {"⑧": ["この点検表に項目「⑧」はありません。"]}
    assert errors["actions"]["②"][0].startswith("担当者 ID")  # 学務課's member is outside the officer's scope
    assert errors["survey"] == {"abc": ["設問の ID（整数）で指定してください。"]}
    assert_nothing_saved(citizens_response)


def test_malformed_bodies_are_400_in_japanese(api, citizens_response):
    client = api("officer")
    for body in ({"answers": ["○"]}, {"answers": {"①": "○"}}, {"answers": {"①": {"value": 1, "remark": "x" * 501}}},
                 {"actions": {"②": {"due_date": "来週"}}}):
        response = client.post(submit_url(citizens_response), body, format="json")
        assert response.status_code == 400, body
        assert JAPANESE.search(str(response.json()["errors"])), response.json()
    assert_nothing_saved(citizens_response)


def test_survey_answers_are_submitted(api, town):
    from hogokan.inspections.models import Campaign

    august = services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.STRENGTHENING, year=2026,
                                      month=8, units=[town.citizens])
    question = august.questions.order_by("order").first()
    response = august.responses.get()
    bad = api("officer").post(submit_url(response), {"answers": ALL_OK, "survey": {
        str(question.pk): {"selected": ["存在しない選択肢"]}}}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"]["survey"] == {str(question.pk): ["設問2(1)の選択肢にない回答があります。"]}
    good = api("officer").post(submit_url(response), {"answers": ALL_OK, "survey": {
        str(question.pk): {"selected": [question.choices[1]], "text": "掲示板で周知"}}}, format="json")
    assert good.status_code == 200, good.content
    assert good.json()["survey"][0]["selected"] == [question.choices[1]]
    aggregate = api("chief").get(f"{BASE}/aggregate", {"campaign": august.pk}).json()
    assert aggregate["survey"][0]["choices"][1] == {"choice": question.choices[1], "sections": 1}
    assert aggregate["survey"][0]["texts"] == [{"unit_name": "市民課", "text": "掲示板で周知"}]


# ---- aggregate ----------------------------------------------------------------------------------

def test_aggregate_of_a_campaign(api, answered):
    body = api("chief").get(f"{BASE}/aggregate", {"campaign": answered.november.pk, "by": "section"}).json()
    assert body["campaign"]["id"] == answered.november.pk and body["fiscal_year"] == 2026 and body["trend"] is None
    second = next(item for item in body["items"] if item["number"] == "②")["counts"]
    assert (second["ok"], second["ng"], second["na"], second["not_submitted"]) == (0, 2, 0, 1)
    assert second["ng_rate"] == 1.0
    assert [g["name"] for g in body["groups"]] == ["市民課", "保険年金課", "学務課"]
    assert body["groups"][1]["items"][3] == {"number": "④", "ok": 0, "ng": 1, "na": 0, "not_submitted": 0,
                                             "answered": 1, "ng_rate": 1.0}
    assert [s["name"] for s in body["sections_with_ng"]] == ["市民課", "保険年金課"]
    assert [p["name"] for p in body["non_submitters"]] == ["学務課"] and body["non_submitters"][0]["overdue"]
    assert body["status"]["targets"] == 3


def test_aggregate_of_a_year_has_the_trend(api, answered):
    body = api("auditor").get(f"{BASE}/aggregate/", {"fiscal_year": 2026}).json()
    assert body["campaign"] is None
    assert [c["id"] for c in body["campaigns"]] == [answered.august.pk, answered.november.pk, answered.december.pk]
    assert [m["month"] for m in body["trend"]["months"]] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    second = next(row for row in body["trend"]["items"] if row["number"] == "②")
    assert second["months"][7]["ng_rate"] == 1.0 and second["months"][0]["ng_rate"] is None
    assert [g["name"] for g in body["groups"]] == ["市民局", "教育委員会事務局"]


def test_aggregate_is_scoped(api, answered):
    body = api("officer2").get(f"{BASE}/aggregate", {"campaign": answered.november.pk}).json()
    second = next(item for item in body["items"] if item["number"] == "②")["counts"]
    assert (second["ng"], second["not_submitted"]) == (1, 0)
    assert "市民課" not in str(body)
    manager = api("manager").get(f"{BASE}/aggregate", {"fiscal_year": 2026, "by": "section"}).json()
    assert [g["name"] for g in manager["groups"]] == ["市民課", "保険年金課"]
    assert api("outsider").get(f"{BASE}/aggregate", {"campaign": answered.december.pk}).status_code == 404
    contractor = api("contractor").get(f"{BASE}/aggregate", {"fiscal_year": 2026})
    assert contractor.status_code == 403 and JAPANESE.search(contractor.json()["detail"])


@pytest.mark.parametrize("query", [{}, {"campaign": 1, "fiscal_year": 2026}, {"fiscal_year": "来年"},
                                   {"fiscal_year": 2026, "by": "ward"}])
def test_aggregate_bad_parameters(api, answered, query):
    response = api("chief").get(f"{BASE}/aggregate", query)
    assert response.status_code == 400
    assert JAPANESE.search(str(response.json()["errors"]))


def test_aggregate_is_read_only(api, answered):
    assert api("chief").post(f"{BASE}/aggregate", {}, format="json").status_code == 405
