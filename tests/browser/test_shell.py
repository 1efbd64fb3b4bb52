"""The shell as a person uses it: log in, dashboard, switch assignment, log out, 2FA, 403."""

from datetime import date

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hogokan.org.models import Assignment, Role
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_staff_logs_in_sees_dashboard_and_logs_out(page, live_server, town):
    log_in(page, live_server, "staff", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("今日のタスク")
    expect(page.locator(".site-header__user")).to_contain_text("担当 四郎")
    nav = page.get_by_role("navigation", name="メインメニュー")
    expect(nav.get_by_role("link", name="組織")).to_be_visible()
    expect(nav.get_by_role("link", name="人事異動")).to_have_count(0)  # admin only
    page.get_by_role("button", name="ログアウト").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ログイン")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")


def test_officer_switches_acting_assignment(page, live_server, town):
    Assignment.objects.create(person=town.people["officer"], unit=town.pension, role=Role.STAFF,
                              title="兼務", start=date(2021, 4, 1))
    log_in(page, live_server, "officer", PASSWORD)
    switcher = page.get_by_label("操作する立場")
    expect(switcher).to_be_visible()
    expect(switcher.locator("option:checked")).to_have_text("市民課・保護責任者")
    switcher.select_option(label="保険年金課・保護担当者・職員")
    expect(page.locator(".messages")).to_contain_text("「保険年金課・保護担当者・職員」として操作します。")
    expect(page.get_by_label("操作する立場").locator("option:checked")).to_have_text("保険年金課・保護担当者・職員")


def test_wrong_password_shows_japanese_error(page, live_server, town):
    log_in(page, live_server, "staff", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("ログインIDまたはパスワードが正しくありません。")


def test_chief_must_pass_second_factor(page, live_server, town):
    user = town.user("chief")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(page, live_server, "chief", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("確認コードの入力")
    page.get_by_label("確認コード（6桁）").fill("000000" if TOTP(device.bin_key).token() != 0 else "111111")
    page.get_by_role("button", name="確認").click()
    expect(page.get_by_role("alert")).to_contain_text("確認コードが正しくありません。")
    page.wait_for_timeout(2100)  # django-otp throttles: 1 s after the first failure, then doubling
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("確認コード（6桁）").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="確認").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("今日のタスク")


def test_staff_gets_403_on_admin_site(page, live_server, town):
    log_in(page, live_server, "staff", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("今日のタスク")
    response = page.goto(f"{live_server.url}/django-admin/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("権限がありません")
