"""A 保護担当者 writes a 提供 line in the 取扱状況記録簿: without 提供先 it is refused with the field named and the
typed text kept; with it, the line is saved and listed."""

from django.utils import timezone
from playwright.sync_api import expect

from hogokan.mynumber.models import LedgerEntry
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.mynumber.conftest import specific_file


def test_a_ledger_entry(page, live_server, town):
    specific_file(town, town.citizens, "住民基本台帳ファイル")
    log_in(page, live_server, "staff", PASSWORD)
    page.get_by_role("link", name="番号法の事務").click()
    page.get_by_role("link", name="取扱状況記録簿").click()
    page.get_by_role("link", name="記録する").click()
    page.get_by_label("特定個人情報ファイル").select_option(label="住民基本台帳ファイル")
    page.get_by_label("日付").fill(timezone.localdate().isoformat())
    page.get_by_label("提供", exact=True).check()
    page.get_by_label("件数").fill("2")
    page.get_by_label("提供目的").fill("地方税法に基づく課税資料の提供")
    page.get_by_role("button", name="記録する").click()
    expect(page.locator(".error-summary")).to_contain_text("提供のときは提供先を入力してください。")
    expect(page.get_by_label("提供目的")).to_have_value("地方税法に基づく課税資料の提供")
    assert not LedgerEntry.objects.exists()
    page.get_by_label("提供先").fill("○○市税務課")
    page.get_by_role("button", name="記録する").click()
    expect(page.locator(".messages")).to_contain_text("取扱状況記録簿に記録しました（提供 2件）")
    entry = LedgerEntry.objects.get()
    assert (entry.recipient, entry.handler) == ("○○市税務課", town.people["staff"])
    page.get_by_role("link", name="取扱状況記録簿").first.click()
    expect(page.get_by_role("row").filter(has_text="住民基本台帳ファイル")).to_contain_text("○○市税務課")
