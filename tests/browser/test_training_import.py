"""The office imports an e-learning result file: the dry run shows a wrong 職員番号 and writes nothing; the
corrected file is checked, 「取り込む」 records everyone, and the outstanding list shrinks."""

from datetime import date

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hogokan.training import services
from hogokan.training.models import Attendance
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_importing_attendance_dry_run_then_commit(page, live_server, town, tmp_path):
    course = services.course_save(actor=town.user("chief"), title="個人情報保護研修（J-LIS）", fiscal_year=2026,
                                  kind="elearning", audience_roles=["officer", "staff"], due=date(2026, 12, 25))
    device = TOTPDevice.objects.create(user=town.user("chief"), name="app", confirmed=True)
    log_in(page, live_server, "chief", PASSWORD)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("確認コード（6桁）").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="確認").click()

    page.goto(f"{live_server.url}/training/courses/{course.pk}/")
    page.get_by_role("link", name="受講結果の取込").click()
    wrong = tmp_path / "jlis.csv"
    wrong.write_text("職員番号,受講日,修了\nE0006,2026/6/1,修了\nE9999,2026/6/2,修了\n", encoding="utf-8")
    page.get_by_label("ファイル").set_input_files(str(wrong))
    page.get_by_role("button", name="内容を確認する").click()
    expect(page.get_by_role("alert")).to_contain_text("3行目: 職員番号「E9999」の職員が見つかりません。")
    expect(page.get_by_role("button", name="取り込む")).to_have_count(0)
    assert not Attendance.objects.exists()

    page.get_by_role("link", name="ファイルを選び直す").click()
    right = tmp_path / "jlis2.csv"
    right.write_text("職員番号,受講日,修了\nE0006,2026/6/1,修了\nE0005,令和8年6月2日,修了\n", encoding="utf-8")
    page.get_by_label("ファイル").set_input_files(str(right))
    page.get_by_role("button", name="内容を確認する").click()
    expect(page.locator("main")).to_contain_text("取り込む受講記録: 2人")
    assert not Attendance.objects.exists()
    page.get_by_role("button", name="取り込む").click()
    expect(page.locator(".messages")).to_contain_text("2人の受講記録を取り込みました")
    assert set(Attendance.objects.values_list("person__employee_no", flat=True)) == {"E0005", "E0006"}
    page.get_by_role("link", name="2人").click()  # 未受講者: 課長 二郎 and 学務 七郎 remain
    expect(page.locator("main")).to_contain_text("対象者のうち修了していない人: 2人")
    expect(page.locator("main")).not_to_contain_text("担当 四郎")
