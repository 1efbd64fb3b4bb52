"""The results pages (/inspections/results/…): scoping, tables, CSV/Excel, the SVG chart, empty states."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import assert_statuses
from tests.inspections.test_aggregation import SURVEY_TEXT, answer_the_year

EVERYONE_BUT_CONTRACTOR = {"admin": 200, "chief": 200, "manager": 200, "officer": 200, "officer2": 200,
                           "staff": 200, "auditor": 200, "outsider": 200, "contractor": 403}


@pytest.fixture
def answered(town, campaign):
    return answer_the_year(town, campaign)


def index_url():
    return reverse("inspections:results")


def campaign_url(campaign, **query):
    url = reverse("inspections:results_campaign", args=[campaign.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def year_url(year, **query):
    url = reverse("inspections:results_year", args=[year])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content
    assert body.startswith("\ufeff".encode())  # BOM for Excel on Windows
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_urls_are_the_contract(answered):
    assert index_url() == "/inspections/results/"
    assert campaign_url(answered.november) == f"/inspections/results/campaigns/{answered.november.pk}/"
    assert year_url(2026) == "/inspections/results/years/2026/"


def test_who_may_open_the_pages(client_for, answered):
    assert_statuses(client_for, "get", index_url(), EVERYONE_BUT_CONTRACTOR)
    assert_statuses(client_for, "get", year_url(2026), EVERYONE_BUT_CONTRACTOR)
    assert_statuses(client_for, "get", campaign_url(answered.november), EVERYONE_BUT_CONTRACTOR)
    # 12月 targets 市民課 and 保険年金課 only: the 学務課 member does not see it at all
    assert_statuses(client_for, "get", campaign_url(answered.december),
                    {**EVERYONE_BUT_CONTRACTOR, "outsider": 404})


def test_anonymous_is_sent_to_login(client, answered):
    response = client.get(campaign_url(answered.november))
    assert response.status_code == 302 and "login" in response["Location"]


def test_chief_sees_every_section_and_the_counts(client_for, answered):
    response = client_for("chief").get(campaign_url(answered.november))
    page = response.content.decode()
    table = response.context["table"]
    assert table.numbers()["②"] == (0, 2, 0, 1)
    assert {s.name for s in response.context["ng"]} == {"市民課", "保険年金課"}
    assert [p.name for p in response.context["pending"]] == ["学務課"]
    assert "期限超過" in page and "市民局" in page and "教育委員会事務局" in page


def test_manager_sees_their_department_only(client_for, answered):
    response = client_for("manager").get(campaign_url(answered.november, by="section"))
    assert [g.name for g in response.context["groups"].groups] == ["市民課", "保険年金課"]
    assert response.context["table"].numbers()["②"] == (0, 2, 0, 0)
    assert response.context["pending"] == []
    assert "学務課" not in response.content.decode()


def test_officer2_cannot_see_the_counts_of_another_section(client_for, answered):
    response = client_for("officer2").get(campaign_url(answered.november, by="section"))
    assert response.context["table"].numbers()["②"] == (0, 1, 0, 0)
    assert [g.name for g in response.context["groups"].groups] == ["保険年金課"]
    assert "市民課" not in response.content.decode()
    year = client_for("officer2").get(year_url(2026))
    assert year.context["table"].numbers()["②"] == (1, 1, 0, 1)  # 8月 ○, 11月 ×, 12月 未提出
    assert "市民課" not in year.content.decode()


def test_auditor_reads_the_whole_body(client_for, answered):
    response = client_for("auditor").get(year_url(2026, by="organ"))
    assert [g.name for g in response.context["groups"].groups] == ["市長", "教育委員会"]
    assert response.context["table"].numbers()["②"] == (3, 2, 0, 3)


def test_grouping_links_and_unknown_grouping_falls_back(client_for, answered):
    client = client_for("chief")
    response = client.get(campaign_url(answered.november, by="nonsense"))
    assert response.context["by"] == "bureau"
    page = response.content.decode()
    assert 'aria-current="page">局・区・室別' in page
    assert "by=section" in page and "by=organ" in page


def test_campaign_csv_has_the_numbers(client_for, answered):
    client = client_for("chief")
    rows = csv_rows(client.get(campaign_url(answered.november, format="csv", table="items")))
    assert rows[0][:8] == ["番号", "区分", "分類", "点検項目", "○", "×", "－", "未提出"]
    second = next(r for r in rows if r[0] == "②")
    assert second[4:8] == ["0", "2", "0", "1"]
    assert len(rows) == 26
    long = csv_rows(client.get(campaign_url(answered.november, format="csv", table="group_items", by="section")))
    assert ["保険年金課", "市民局", "④", "機密情報の持出し", "0", "1", "0", "0"] in long
    ng = csv_rows(client.get(campaign_url(answered.november, format="csv", table="ng")))
    assert [r[1] for r in ng[1:]] == ["市民課", "保険年金課", "保険年金課"]
    pending = csv_rows(client.get(campaign_url(answered.november, format="csv", table="pending")))
    assert pending[1][2] == "学務課" and pending[1][5] == "期限超過"


def test_campaign_xlsx_has_one_sheet_per_table(client_for, answered):
    response = client_for("chief").get(campaign_url(answered.november, format="xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["項目別", "局・区・室別", "局・区・室別・項目別", "×のある課・公所", "未提出"]
    items = workbook["項目別"]
    second = next(r for r in items.iter_rows(values_only=True) if r[0] == "②")
    assert second[4:8] == (0, 2, 0, 1)
    assert second[9] == 100.0


def test_exports_are_scoped_too(client_for, answered):
    rows = csv_rows(client_for("officer2").get(campaign_url(answered.november, format="csv", table="ng")))
    assert [r[1] for r in rows[1:]] == ["保険年金課", "保険年金課"]
    assert client_for("contractor").get(campaign_url(answered.november, format="csv")).status_code == 403


def test_year_csv_and_xlsx(client_for, answered):
    client = client_for("chief")
    trend = csv_rows(client.get(year_url(2026, format="csv", table="trend")))
    assert trend[0][2] == "2026年4月（%）" and trend[0][-1] == "2027年3月（%）"
    second = next(r for r in trend if r[0] == "②")
    assert second[2 + 7] == "100.0" and second[2 + 8] == "0.0" and second[2] == ""
    workbook = load_workbook(io.BytesIO(client.get(year_url(2026, format="xlsx")).content))
    assert "月別の×の割合" in workbook.sheetnames
    items = workbook["項目別"]
    assert next(r for r in items.iter_rows(values_only=True) if r[0] == "②")[4:8] == (3, 2, 0, 3)


def test_year_page_draws_one_bar_per_month_for_each_item(client_for, answered):
    response = client_for("chief").get(year_url(2026))
    page = response.content.decode()
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) == 1 + 25  # all items, then one small chart per item
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        months = re.findall(r'class="results-chart__bar" data-month="(\d+)"', svg)
        assert months == ["4", "5", "6", "7", "8", "9", "10", "11", "12", "1", "2", "3"]
    second = svgs[1 + 1]
    assert "項目②" in second and "11月: 100.0%（×2件／回答2件）" in second
    assert "4月: 回答なし" in second
    bar = re.search(r'data-month="11" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', second)
    assert float(bar.group(2)) > 0
    assert "月別の「×」の割合（図のデータ）" in page  # the data table after the charts


def test_strengthening_month_shows_the_survey_tables(client_for, answered):
    response = client_for("chief").get(campaign_url(answered.august))
    page = response.content.decode()
    assert "調査の集計" in page and "課・公所数" in page and "その他の主な具体例" in page
    assert SURVEY_TEXT in page
    survey = response.context["survey"]
    assert [count for _choice, count in survey[0].choices] == [2, 0, 1, 0]
    rows = csv_rows(client_for("chief").get(campaign_url(answered.august, format="csv", table="survey_texts")))
    assert rows[1][2:] == ["市民課", SURVEY_TEXT]


def test_empty_states_in_japanese(client_for, town, db):
    client = client_for("chief")
    page = client.get(index_url()).content.decode()
    assert "集計できる点検はまだありません。" in page
    page = client.get(year_url(2030)).content.decode()
    assert "令和12年度の点検は、集計の範囲にありません。" in page
    assert client.get("/inspections/results/years/1900/").status_code == 404


def test_index_lists_years_and_campaigns(client_for, answered):
    response = client_for("officer2").get(index_url())
    page = response.content.decode()
    assert "令和8年度" in page
    assert campaign_url(answered.december) in page
    campaign = next(c for c in response.context["page"] if c.pk == answered.december.pk)
    assert (campaign.result_status.targets, campaign.result_status.not_submitted) == (1, 1)


@pytest.mark.parametrize("by", ["organ", "bureau", "section"])
def test_every_grouping_renders(client_for, answered, by):
    response = client_for("chief").get(year_url(2026, by=by))
    assert response.status_code == 200
    assert response.context["groups"].by == by
