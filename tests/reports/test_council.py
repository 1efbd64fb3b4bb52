"""Council papers (seeds/003 箕面市, 004 八千代市): two fiscal years side by side, the current one up to the as-of
day, each read as it stood that day."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from hogokan.disclosures import services as disclosures
from hogokan.org.access import actor_for
from hogokan.reports import council
from hogokan.reports.catalogue import ReportContext
from tests.reports.conftest import AS_OF, YEAR, backdate


@pytest.fixture
def ctx(town):
    return ReportContext(actor_for(town.user("chief")), YEAR, AS_OF, date(2026, 12, 1))


def _row(table, label):
    return next(row for row in table.rows if row[0] == label)


def test_two_years_side_by_side_the_current_one_up_to_the_as_of_day(ctx, world):
    paper = council.council_paper(ctx, ["disclosure_requests"])
    table = paper.sections[0].tables[0]
    assert table.title == "保有個人情報開示請求（令和6年度・令和7年度（1月31日時点））"
    assert table.header[:5] == ["市の機関", "令和6年度 実人数", "令和7年度（1月31日時点） 実人数",
                                "令和6年度 請求件数", "令和7年度（1月31日時点） 請求件数"]
    mayor = _row(table, "市長")
    # 令和6年度: the request of 2025-03-01; 令和7年度 by 1月31日: May and November (February's comes later)
    assert mayor[1:5] == [1, 2, 1, 2]
    assert paper.subtitle.endswith("※令和8年1月31日時点")


def test_a_decision_changed_after_the_as_of_day_counts_as_it_stood_that_day(ctx, world, town):
    """Recorded on 1 December as 全部開示, changed after 1月31日 to 部分開示 (第7号): the paper of 1月31日 keeps
    全部開示; today's shows the change."""
    chief, november = town.user("chief"), world.requests["november"]
    decision = disclosures.decision_record(actor=chief, request=november, unit=town.citizens, type="full",
                                           decided_on=date(2025, 12, 1))
    backdate(decision, date(2025, 12, 1))
    disclosures.decision_record(actor=chief, request=november, unit=town.citizens, type="partial",
                                decided_on=date(2025, 12, 1), grounds=["7"], decision=decision)

    def seventh(paper):
        return next(row for row in paper.sections[0].tables[0].rows if str(row[0]).startswith("第7号"))

    then = council.council_paper(ctx, ["disclosure_grounds"])
    now = council.council_paper(ReportContext(ctx.actor, YEAR, None, ctx.today), ["disclosure_grounds"])
    assert seventh(then)[2] == 0    # 令和7年度（1月31日時点） 部分開示 for 第7号
    assert seventh(now)[2] == 1


def test_a_list_is_printed_once_per_year(ctx, world):
    paper = council.council_paper(ctx, ["incidents"])
    before, current = paper.sections[0].tables
    assert before.title == "漏えい等事案（令和6年度）" and current.title == "漏えい等事案（令和7年度）（1月31日時点）"
    assert [row[3] for row in current.rows] == ["郵送物の誤送付", "FAXの誤送信"]
    assert [row[3] for row in before.rows] == ["窓口での誤交付"]


def test_without_a_choice_the_usual_tables(ctx, world):
    keys = [section.key for section in council.council_paper(ctx, []).sections]
    assert keys == council.DEFAULT_TABLES


def test_council_page_and_its_pdf(client_for, world):
    client = client_for("chief")
    params = {"fiscal_year": YEAR, "as_of": "2026-01-31", "tables": ["purpose_use", "incidents"]}
    page = client.get("/reports/council/", params).content.decode()
    assert "個人情報保護制度の運用状況について（報告）" in page and "令和6年度・令和7年度（1月31日時点）" in page
    assert 'value="purpose_use" checked' in page or 'checked' in page
    pdf = client.get("/reports/council/", {**params, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace(" ", "")
    assert "個人情報保護制度の運用状況について（報告）" in text and "郵送物の誤送付" in text
    word = client.get("/reports/council/", {**params, "format": "docx"})
    assert word.content.startswith(b"PK")
