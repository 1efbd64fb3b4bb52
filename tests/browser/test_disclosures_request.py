"""A request as the handling section sees it: the officer finds it, records a partial decision (first
with a date before the receipt, refused with the typed reason kept), the manager sees no requester data."""

from datetime import date

from playwright.sync_api import expect

from hogokan.disclosures import services
from hogokan.disclosures.models import Decision
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_officer_records_a_decision_and_manager_sees_no_requester(page, live_server, town):
    request = services.request_receive(
        actor=town.user("chief"), units=[town.citizens], kind="disclosure", organ=town.mayor,
        received_on=date(2026, 11, 2), channel="online", requester_name="山田 花子",
        requester_address="みなと緑市本町1-1", target_description="住民票の交付記録")

    log_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{live_server.url}/disclosures/")
    page.get_by_role("link", name=request.number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("開示請求")
    expect(page.locator("dl.summary").first).to_contain_text("山田 花子")
    expect(page.locator("#deadline-title + dl")).to_contain_text("令和8年12月2日")
    page.get_by_role("link", name="決定を記録する").click()
    page.get_by_label("決定の種類").select_option(label="部分開示")
    page.get_by_label("第2号").check()
    page.get_by_label("決定日").fill("2026-10-30")
    page.get_by_label("理由").fill("第三者の氏名を除いて開示する")
    page.get_by_role("button", name="記録する").click()
    expect(page.locator(".error-summary")).to_contain_text("決定日が請求の受付日")
    expect(page.get_by_label("理由")).to_have_value("第三者の氏名を除いて開示する")
    page.get_by_label("決定日").fill("2026-11-20")
    page.get_by_role("button", name="記録する").click()
    expect(page.locator(".messages")).to_contain_text("決定を記録しました")
    expect(page.locator("#decisions-title + div table")).to_contain_text("部分開示")
    decision = Decision.objects.get()
    assert decision.type == "partial" and decision.grounds == ["2"]
    page.get_by_role("button", name="ログアウト").click()

    log_in(page, live_server, "manager", PASSWORD)
    page.goto(f"{live_server.url}/disclosures/{request.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("開示請求")
    expect(page.locator("main")).not_to_contain_text("山田 花子")
    expect(page.locator("main")).to_contain_text("請求者の個人情報は事務局と担当課だけが閲覧できます")
