"""The office's dashboard names the units without a 事務取扱担当者; the section head designates one from the
gap list, and the unit drops off the office's list."""

from datetime import date

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hogokan.mynumber.models import Designation
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.mynumber.conftest import specific_file


def _log_in_with_code(page, live_server, user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(page, live_server, user.username, PASSWORD)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("確認コード（6桁）").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="確認").click()


def test_gaps_on_the_office_dashboard_and_designating_from_the_list(page, live_server, town):
    specific_file(town, town.citizens, "住民基本台帳ファイル", on=date(2024, 4, 1))
    specific_file(town, town.pension, "国民健康保険ファイル", on=date(2024, 4, 1))
    _log_in_with_code(page, live_server, town.user("chief"))
    main = page.locator("main")
    expect(main).to_contain_text("事務取扱担当者のいない所属 2 件（市民課、保険年金課）")
    page.get_by_role("link", name="事務取扱担当者のいない所属 2 件（市民課、保険年金課）").click()
    row = page.get_by_role("row").filter(has_text="市民課")
    expect(row).to_contain_text("事務取扱担当者が指定されていない")
    row.get_by_role("link", name="担当者を指定").click()
    expect(page.get_by_label("所属")).to_have_value(str(town.citizens.pk))
    page.get_by_label("事務取扱担当者").select_option(label="担当 四郎（職員番号 E0006）")
    page.get_by_role("button", name="指定する").click()
    expect(page.locator(".messages")).to_contain_text("担当 四郎を市民課の事務取扱担当者に指定しました。")
    assert Designation.objects.filter(person=town.people["staff"], unit=town.citizens).exists()
    page.goto(f"{live_server.url}/")
    expect(main).to_contain_text("事務取扱担当者のいない所属 1 件（保険年金課）")
