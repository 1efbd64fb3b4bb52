"""The inspection rule (八千代市 基準, 名古屋市 threshold) and its API, POST /api/v1/rules/contractor-inspections."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hogokan.outsourcing import rules
from hogokan.outsourcing.rules import DOCUMENT, ONSITE, ContractFacts

D = date


def plan(start, end, persons=0, designated=False, personal=True, threshold=5001):
    schedule = rules.inspections(ContractFacts(start, end, persons, designated, personal), threshold)
    return [(item.fiscal_year, item.kind, item.due) for item in schedule.inspections]


@pytest.mark.parametrize(("facts", "expected"), [
    # 個人情報を取り扱わない → none, whatever else
    ((D(2026, 4, 1), D(2029, 3, 31), 10_000, True, False), []),
    # 指定管理 → on-site every fiscal year, due 31 March
    ((D(2026, 4, 1), D(2028, 3, 31), 10, True, True),
     [(2026, ONSITE, D(2027, 3, 31)), (2027, ONSITE, D(2028, 3, 31))]),
    # 名古屋市: ≥ 5,001 persons → on-site, even for a short term; the end date when earlier
    ((D(2026, 6, 1), D(2026, 8, 31), 5001, False, True), [(2026, ONSITE, D(2026, 8, 31))]),
    # 5,000 persons, short term → none
    ((D(2026, 6, 1), D(2026, 8, 31), 5000, False, True), []),
    # six months or less: the end before start + 6 months
    ((D(2026, 4, 1), D(2026, 9, 30), 100, False, True), []),
    # exactly start + 6 months is more than six months' term: a document inspection
    ((D(2026, 4, 1), D(2026, 10, 1), 100, False, True), [(2026, DOCUMENT, D(2026, 10, 1))]),
    # one fiscal year → a document inspection
    ((D(2026, 4, 1), D(2027, 3, 31), 100, False, True), [(2026, DOCUMENT, D(2027, 3, 31))]),
    # more than one fiscal year → on-site in years 1, 4, 7 …, document in the others
    ((D(2026, 4, 1), D(2031, 3, 31), 100, False, True),
     [(2026, ONSITE, D(2027, 3, 31)), (2027, DOCUMENT, D(2028, 3, 31)), (2028, DOCUMENT, D(2029, 3, 31)),
      (2029, ONSITE, D(2030, 3, 31)), (2030, DOCUMENT, D(2031, 3, 31))]),
    # a term across 31 March counts both years; the last one is due at the end date
    ((D(2026, 10, 1), D(2027, 6, 30), 100, False, True),
     [(2026, ONSITE, D(2027, 3, 31)), (2027, DOCUMENT, D(2027, 6, 30))]),
])
def test_the_rule_table(facts, expected):
    assert plan(*facts) == expected


def test_the_threshold_is_a_setting():
    assert plan(D(2026, 4, 1), D(2027, 3, 31), 1000, threshold=1000) == [(2026, ONSITE, D(2027, 3, 31))]
    assert plan(D(2026, 4, 1), D(2027, 3, 31), 999, threshold=1000) == [(2026, DOCUMENT, D(2027, 3, 31))]


def test_month_ends_are_clipped():
    assert rules.add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert rules.is_short_term(D(2026, 8, 31), D(2027, 2, 27))
    assert not rules.is_short_term(D(2026, 8, 31), D(2027, 2, 28))


@settings(deadline=None)
@given(st.dates(D(2000, 1, 1), D(2090, 12, 31)), st.integers(0, 4000), st.integers(0, 20_000), st.booleans(),
       st.booleans())
def test_every_inspection_falls_within_the_term_and_its_year(start, days, persons, designated, personal):
    end = date.fromordinal(start.toordinal() + days)
    schedule = rules.inspections(ContractFacts(start, end, persons, designated, personal))
    years = [item.fiscal_year for item in schedule.inspections]
    assert years == sorted(set(years))
    for item in schedule.inspections:
        assert start <= item.due <= end or item.due == end
        assert item.due <= D(item.fiscal_year + 1, 3, 31)
        assert rules.fiscal_year_of(item.due) == item.fiscal_year
    assert schedule.explanation


URL = "/api/v1/rules/contractor-inspections"


def test_api_answers_exactly(api_for):
    response = api_for("staff").post(URL, {"start": "2026-04-01", "end": "2029-03-31", "persons": 300,
                                           "designated_manager": False, "handles_personal_information": True},
                                     format="json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"inspections", "explanation"}
    assert body["inspections"] == [
        {"fiscal_year": 2026, "kind": "onsite", "due": "2027-03-31"},
        {"fiscal_year": 2027, "kind": "document", "due": "2028-03-31"},
        {"fiscal_year": 2028, "kind": "document", "due": "2029-03-31"},
    ]
    assert any("3年度に1回以上実地検査" in sentence for sentence in body["explanation"])
    response = api_for("contractor").post(URL, {"start": "2026-04-01", "end": "2026-06-30", "persons": 0,
                                                "designated_manager": False, "handles_personal_information": True},
                                          format="json")
    assert response.status_code == 200 and response.json()["inspections"] == []
    assert "6か月以下" in response.json()["explanation"][0]


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"start": "2027-04-01", "end": "2026-04-01", "persons": 1}, "end", "開始日（start）以降"),
    ({"start": "2026-04-01", "end": "2027-03-31", "persons": -1}, "persons", "0以上の整数"),
    ({"start": "2026-02-30", "end": "2027-03-31", "persons": 1}, "start", "存在しない日付"),
    ({"start": "2026/04/01", "end": "2027-03-31", "persons": 1}, "start", "YYYY-MM-DD"),
])
def test_api_refuses_bad_facts_in_japanese(api_for, body, field, message):
    response = api_for("officer").post(URL, {**body, "designated_manager": False,
                                             "handles_personal_information": True}, format="json")
    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"][field])


def test_api_needs_a_login(client):
    assert client.post(URL, {}, content_type="application/json").status_code == 401
