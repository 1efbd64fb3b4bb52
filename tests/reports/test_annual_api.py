"""GET /api/v1/reports/annual (issue 16 §5): the exact fields, the counting rules, as_of, the documents, who may."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from hogokan.incidents import services as incidents
from tests.api.conftest import token_client
from tests.reports.conftest import AS_OF, YEAR, backdate

URL = "/api/v1/reports/annual"


@pytest.fixture
def api(town):
    from hogokan.accounts.services import token_issue

    def make(username):
        return token_client(token_issue(actor=None, user=town.user(username), name="test")[1])

    return make


def test_the_contract_fields_count_by_learned_and_received_day_within_the_fiscal_year(api, world):
    response = api("chief").get(URL, {"fiscal_year": YEAR})
    assert response.status_code == 200
    body = response.json()
    assert body["fiscal_year"] == YEAR and isinstance(body["fiscal_year"], int)
    # 判明日 2025-06-02, 2025-12-10, 2026-02-15 are in 令和7年度; 2025-03-20 and 2026-05-01 are not
    assert body["incidents"]["total"] == 3
    assert body["incidents"]["reported_to_ppc"] == 1            # the June one's 速報
    # 受付日 in 2025-04-01 … 2026-03-31: May, September (訂正), November, December, February
    assert body["disclosure_requests"]["received"] == 5
    assert body["disclosure_requests"]["by_kind"]["correction"] == 1
    assert body["purpose_uses"]["total"] == 2                   # approved only; the draft is not counted
    assert body["inspections"]["campaigns"] == 0
    assert body["registers"]["files"] == 0
    assert body["period"] == {"start": "2025-04-01", "end": "2026-03-31"} and body["as_of"] is None


def test_as_of_leaves_out_later_records(api, world):
    body = api("chief").get(URL, {"fiscal_year": YEAR, "as_of": AS_OF.isoformat()}).json()
    assert body["incidents"]["total"] == 2                      # not the one learned on 2026-02-15
    assert body["disclosure_requests"]["received"] == 4         # not the one received on 2026-02-20
    assert body["period"]["end"] == "2026-01-31" and body["as_of"] == "2026-01-31"


def test_as_of_counts_a_record_as_it_stood_that_day(api, world, town):
    """The June incident, entered in June, had no PPC report until it was recorded after the as-of day."""
    june = world.incidents["june"]
    incidents.incident_update(actor=town.user("chief"), incident=june, preliminary_reported_on=None)
    backdate(june, date(2025, 6, 3))                           # entered on 3 June, not yet reported
    incidents.incident_update(actor=town.user("chief"), incident=june, preliminary_reported_on=date(2026, 1, 20),
                              cause="operation")           # recorded today (after 2026-01-31 in the history)
    before = api("chief").get(URL, {"fiscal_year": YEAR, "as_of": AS_OF.isoformat()}).json()
    now = api("chief").get(URL, {"fiscal_year": YEAR}).json()
    assert before["incidents"]["reported_to_ppc"] == 0 and now["incidents"]["reported_to_ppc"] == 1
    assert before["incidents"]["by_cause"]["確認不足"] == 1     # the cause as it was then
    assert now["incidents"]["by_cause"].get("確認不足", 0) == 0


@pytest.mark.parametrize("kind, content_type, magic", [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ("pdf", "application/pdf", b"%PDF"),
])
def test_the_documents(api, world, kind, content_type, magic):
    response = api("auditor").get(URL, {"fiscal_year": YEAR, "format": kind})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="annual-report-2025-')
    assert response.content.startswith(magic)


def test_the_pdf_renders_japanese(api, world):
    """Text extracted from the PDF is the Japanese of the report (no tofu: the glyphs map back to the text)."""
    response = api("chief").get(URL, {"fiscal_year": YEAR, "format": "pdf"})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert "保有する情報の保護及び管理の状況" in compact
    assert "郵送物の誤送付" in compact and "漏えい等事案" in compact
    assert "\ufffd" not in text and "□" not in text


def test_the_word_file_holds_the_tables(api, world):
    from docx import Document

    response = api("chief").get(URL, {"fiscal_year": YEAR, "format": "docx"})
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "保有する情報の保護及び管理の状況" in texts
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "郵送物の誤送付" in cells and "USBメモリの紛失" in cells


@pytest.mark.parametrize("role", ["admin", "manager", "officer", "staff", "contractor", "outsider"])
def test_only_the_office_and_auditors(api, world, role):
    response = api(role).get(URL, {"fiscal_year": YEAR})
    assert response.status_code == 403
    assert "事務局" in response.json()["detail"]


@pytest.mark.parametrize("params, field", [({}, "fiscal_year"), ({"fiscal_year": "令和7"}, "fiscal_year"),
                                           ({"fiscal_year": YEAR, "as_of": "2026-02-30"}, "as_of"),
                                           ({"fiscal_year": YEAR, "format": "doc"}, "format")])
def test_bad_parameters_are_400_naming_the_field(api, world, params, field):
    response = api("chief").get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
