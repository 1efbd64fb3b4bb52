"""/inspections/units/<unit>/quarter/<年度>/<四半期>/: three months side by side, print and Excel."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from hogokan.inspections import services
from hogokan.inspections.models import Campaign
from tests.conftest import assert_statuses
from tests.inspections.conftest import all_ok


def text(response) -> str:
    return response.content.decode()


def quarter_url(unit, fiscal_year=2026, quarter=3) -> str:
    return reverse("inspections:quarter", args=[unit.pk, fiscal_year, quarter])


def monthly(town, month: int) -> Campaign:
    return services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.MONTHLY, year=2026, month=month,
                                    units=[town.citizens, town.pension])


def answer(response, user, *, marks: dict[str, str] | None = None, remarks: dict[str, str] | None = None,
           submit: bool = True):
    """All ○, with ``marks`` ({number: mark}) and remarks; × items get a complete corrective action."""
    numbers = {item.number: key for key, item in services.response_items(response)}
    answers = all_ok(response)
    actions = {}
    for number, mark in (marks or {}).items():
        answers[numbers[number]] = (mark, (remarks or {}).get(number, ""))
        if mark == "×":
            actions[numbers[number]] = services.ActionInput("周知する", user.person, response.campaign.inspection_date)
    for number, remark in (remarks or {}).items():
        answers[numbers[number]] = (answers[numbers[number]][0], remark)
    services.response_save(actor=user, response=response, answers=answers, actions=actions)
    if submit:
        services.response_submit(actor=user, response=response)


@pytest.fixture
def quarter(town, campaign):
    """FY2026 Q3: October submitted with ⑥ －, November submitted with ④ ×, December still a draft."""
    october, december = monthly(town, 10), monthly(town, 12)
    officer = town.user("officer")
    answer(october.responses.get(unit=town.citizens), officer, marks={"⑥": "－"})
    answer(campaign.responses.get(unit=town.citizens), officer, marks={"④": "×"}, remarks={"④": "鍵の掛け忘れ"})
    answer(december.responses.get(unit=town.citizens), officer, submit=False)
    return {"october": october, "november": campaign, "december": december}


def test_three_months_side_by_side(client_for, town, quarter):
    response = client_for("officer").get(quarter_url(town.citizens))
    assert response.status_code == 200
    body = text(response)
    assert "情報に関する点検表" in body and "市民課" in body and "令和8年度 第3四半期（10月・11月・12月）" in body
    assert "10月" in body and "11月" in body and "12月" in body
    assert "提出済み" in body and "未提出（作成中）" in body
    row = body[body.find(">④<"):]
    row = row[:row.find("</tr>")]
    assert row.count(">○<") == 1 and row.count(">×<") == 1 and "11月: 鍵の掛け忘れ" in row
    row = body[body.find(">⑥<"):]
    row = row[:row.find("</tr>")]
    assert ">－<" in row
    assert "重点点検項目" in body and "各所属共通の点検項目" in body
    assert "6月、9月、12月、3月の20日までに" in body  # 備考3 of the template


def test_section_items_are_rows_after_the_template(client_for, town, campaign):
    item = services.section_item_add(actor=town.user("officer"), unit=town.citizens, number="個1",
                                     text="窓口の記載台に書き損じを放置していないか")
    answer(campaign.responses.get(unit=town.citizens), town.user("officer"), marks={"個1": "×"})
    body = text(client_for("officer").get(quarter_url(town.citizens)))
    assert "個別点検項目" in body and item.text in body
    row = body[body.find(">個1<"):]
    assert ">×<" in row[:row.find("</tr>")]


def test_a_quarter_with_no_campaign_prints_a_blank_form(client_for, town, campaign):
    body = text(client_for("officer").get(quarter_url(town.citizens, 2027, 1)))
    assert "令和9年度 第1四半期（4月・5月・6月）" in body and "点検なし" in body
    assert ">①<" in body and ">18<" in body


def test_excel_download_opens_and_shows_the_marks(client_for, town, quarter):
    response = client_for("officer").get(quarter_url(town.citizens), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    flat = [value for row in values for value in row if value is not None]
    assert values[0][0] == "情報に関する点検表"
    assert ["課・公所名", "市民課"] == [v for v in values[1] if v is not None]
    header = next(row for row in values if row[0] == "番号")
    assert header[3].startswith("10月") and header[4].startswith("11月") and header[5].startswith("12月")
    row_four = next(row for row in values if row[0] == "④")
    assert row_four[3:6] == ["○", "×", None] and "鍵の掛け忘れ" in row_four[6]
    row_six = next(row for row in values if row[0] == "⑥")
    assert row_six[3] == "－"
    assert "備考" in flat and any(str(v).startswith("3 この点検表は") for v in flat)


def test_who_sees_the_quarter(client_for, town, quarter):
    assert_statuses(client_for, "get", quarter_url(town.citizens), {
        "officer": 200, "staff": 200, "manager": 200, "chief": 200, "auditor": 200, "admin": 200,
        "officer2": 404, "outsider": 404, "contractor": 404,
    })


def test_another_sections_answers_do_not_leak(client_for, town, quarter):
    answer(quarter["november"].responses.get(unit=town.pension), town.user("officer2"), marks={"②": "×"})
    body = text(client_for("officer2").get(quarter_url(town.pension)))
    row = body[body.find(">④<"):]
    assert ">×<" not in row[:row.find("</tr>")]
    assert client_for("officer2").get(quarter_url(town.citizens), {"format": "xlsx"}).status_code == 404


def test_bad_quarter_is_not_found(client_for, town):
    client = client_for("officer")
    assert client.get(quarter_url(town.citizens, 2026, 5)).status_code == 404
    assert client.get(quarter_url(town.citizens, 1900, 1)).status_code == 404


def test_response_page_links_to_its_quarter(client_for, town, citizens_response):
    body = text(client_for("officer").get(reverse("inspections:response", args=[citizens_response.pk])))
    assert quarter_url(town.citizens) in body
