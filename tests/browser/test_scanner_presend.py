"""A staff member checks a workbook before mailing it: the page shows the My Number found (masked), the
check is logged, the file is not kept; a file without personal information says so; axe finds nothing serious."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from hogokan.scanner.models import PreSendCheck
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.scanner.files import MY_NUMBER, xlsx_bytes


def test_presend_check_of_a_workbook(page, live_server, town, tmp_path):
    workbook = tmp_path / "送付リスト.xlsx"
    workbook.write_bytes(xlsx_bytes([("氏名", "個人番号", "電話"), ("佐藤 花子", MY_NUMBER, "090-1234-5678")]))
    log_in(page, live_server, "staff", PASSWORD)
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="ファイル検査").click()
    page.get_by_role("link", name="送信前の確認").first.click()
    page.get_by_label("確認するファイル").set_input_files(str(workbook))
    page.get_by_role("button", name="確認する", exact=True).click()
    result = page.locator("section.check-result")
    expect(result).to_contain_text("個人情報が含まれています")
    expect(result.get_by_role("row", name="個人番号（マイナンバー）")).to_contain_text("1234-****-**18")
    expect(page.locator("main")).not_to_contain_text(MY_NUMBER)
    check = PreSendCheck.objects.get()
    assert check.file_name == "送付リスト.xlsx" and check.findings["my_number"] == 1

    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not violations

    plain = tmp_path / "お知らせ.txt"
    plain.write_text("会議は午後3時からです。", encoding="utf-8")
    page.get_by_label("確認するファイル").set_input_files(str(plain))
    page.get_by_role("button", name="確認する", exact=True).click()
    expect(page.locator("section.check-result")).to_contain_text("個人情報は見つかりませんでした")

    page.get_by_role("button", name="確認する", exact=True).click()  # no file chosen
    expect(page.locator("main")).to_contain_text("確認するファイルを選んでください。")
    page.get_by_role("link", name="確認の記録").first.click()
    expect(page.locator("main")).to_contain_text("送付リスト.xlsx")
    assert PreSendCheck.objects.count() == 2
