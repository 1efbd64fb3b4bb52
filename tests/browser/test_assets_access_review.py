"""After a transfer the system's 所管課 sees the access review, is told a kept account needs a reason, and
records the account as disabled: the account is stopped and the open list is empty."""

from datetime import date

from playwright.sync_api import expect

from hogokan.assets import services
from hogokan.assets.models import AccessReview
from hogokan.org import services as org
from hogokan.org.models import Assignment, Role
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_resolving_an_access_review_after_a_transfer(page, live_server, town):
    system = services.system_save(actor=town.user("chief"), name="住民記録システム", unit=town.citizens,
                                  handles_personal_information=True)
    account = services.account_add(actor=town.user("officer"), system=system, person=town.people["staff"],
                                   account_id="shimin-0006", granted_on=date(2022, 4, 1))
    line = org.TransferLine(person=town.people["staff"], new_unit=town.pension, new_role=Role.STAFF,
                            end_assignment=Assignment.objects.get(person=town.people["staff"], end__isnull=True))
    org.transfers_apply(actor=town.user("admin"), effective=date(2026, 4, 1), lines=[line], batch="定期異動")

    page.set_default_timeout(60000)  # a loaded CI machine: the live server answers slowly, not wrongly
    log_in(page, live_server, "officer", PASSWORD)
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="情報システム").click()
    page.get_by_role("link", name="アカウントの見直し").first.click()
    row = page.get_by_role("row", name="shimin-0006")
    expect(row).to_contain_text("異動")
    expect(row).to_contain_text("担当 四郎")
    row.get_by_role("link", name="shimin-0006").click()

    page.get_by_label("継続する").check()
    page.get_by_role("button", name="記録する").click()
    expect(page.locator("main")).to_contain_text("＊継続する理由を入力してください。")
    assert AccessReview.objects.get().status == "open"

    page.get_by_label("停止した").check()
    page.get_by_label("停止日").fill("2026-04-03")  # an <input type="date"> takes ISO
    page.get_by_role("button", name="記録する").click()
    expect(page.locator(".messages")).to_contain_text("アカウントの見直しを記録しました。")
    expect(page.locator("main")).to_contain_text("アカウントの見直しはありません。")
    account.refresh_from_db()
    assert account.disabled_on == date(2026, 4, 3)
