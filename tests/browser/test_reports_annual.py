"""The chief opens the annual report for 令和7年度, sees the sections built from the records, chooses an as-of
day, and downloads the Word file; axe finds no serious problem on the report pages."""

import io

from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.reports.conftest import world  # noqa: F401  (the year of records)


def _serious(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_annual_report_page_and_word_download(page, live_server, town, world):  # noqa: F811
    device = TOTPDevice.objects.create(user=town.user("chief"), name="app", confirmed=True)
    log_in(page, live_server, "chief", PASSWORD)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("確認コード（6桁）").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="確認").click()

    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="報告・統計").click()
    expect(page.get_by_role("table", name="機能ごとの期限")).to_be_visible()
    assert _serious(page) == []
    page.get_by_role("navigation", name="報告・統計のメニュー").get_by_role("link", name="年次報告").click()
    page.get_by_label("年度（西暦）").fill("2025")
    page.get_by_role("button", name="表示する").click()
    report = page.get_by_role("article")
    expect(report.get_by_role("heading", name="保有する情報の保護及び管理の状況")).to_be_visible()
    expect(report).to_contain_text("令和7年度に実施した情報保護対策")
    expect(report.get_by_role("table", name="漏えい等事案（令和7年度）")).to_contain_text("USBメモリの紛失")
    expect(report.get_by_role("img", name="漏えい等事案の発生原因別件数（月別、令和7年度）")).to_be_visible()
    expect(report).to_contain_text("電子情報保護対策・システム点検")
    assert _serious(page) == []

    page.get_by_role("textbox", name="時点").fill("2026-01-31")
    page.get_by_role("button", name="表示する").click()
    expect(report).to_contain_text("令和7年度（令和8年1月31日時点）に実施した情報保護対策")
    expect(report.get_by_role("table", name="漏えい等事案（令和7年度）")).not_to_contain_text("USBメモリの紛失")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word").click()
    download = download_info.value
    assert download.suggested_filename.startswith("annual-report-2025-") and download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(open(download.path(), "rb").read()))
    assert "保有する情報の保護及び管理の状況" in [p.text for p in document.paragraphs]
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "郵送物の誤送付" in cells and "USBメモリの紛失" not in cells

    page.get_by_role("navigation", name="報告・統計のメニュー").get_by_role("link", name="統計表の一覧").click()
    expect(page.get_by_role("table", name="統計表（令和8年度）")).to_contain_text("未整備")
    assert _serious(page) == []
