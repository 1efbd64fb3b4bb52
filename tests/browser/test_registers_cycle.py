"""A file's way to the public register as people do it: the staff member drafts it with one item
withheld, the officer submits it, the chief approves and publishes (service: the chief signs in with
TOTP), and a citizen without an account finds it — without the withheld item."""

from playwright.sync_api import expect

from hogokan.registers import services
from hogokan.registers.models import PersonalInfoFile
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_file_reaches_the_public_register(page, live_server, town):
    log_in(page, live_server, "staff", PASSWORD)
    page.goto(f"{live_server.url}/registers/")
    page.get_by_role("link", name="ファイル簿を作成").click()
    page.locator("#id_name").fill("犬の登録ファイル")
    page.locator("#id_unit").select_option(label=f"{town.mayor.name}　{town.citizens.code} {town.citizens.name}")
    page.locator("#id_purpose").fill("狂犬病予防法に基づく犬の登録")
    page.locator("#id_record_items").fill("所有者の氏名、住所、犬の種類")
    page.locator("#id_record_scope").fill("犬の所有者")
    page.locator("#id_collection_method").fill("本人からの届出")
    page.locator("#id_request_office").fill("法務課")
    page.locator("#id_processing_0").check()
    page.locator("#id_kind_0").check()
    page.locator("#id_withhold_record_scope").check()
    page.locator("#id_withhold_record_scope_reason").fill("事務の遂行に著しい支障があるため")
    page.get_by_role("button", name="保存する").click()
    expect(page.locator(".messages")).to_contain_text("作成しました")
    page.get_by_role("button", name="ログアウト").click()

    file = PersonalInfoFile.objects.get(name="犬の登録ファイル")
    log_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{live_server.url}/registers/files/{file.pk}/")
    page.get_by_role("button", name="承認に回す").click()
    expect(page.locator(".messages")).to_contain_text("承認に回しました")
    page.get_by_role("button", name="ログアウト").click()

    chief = town.user("chief")
    services.file_approve(actor=chief, file=file)
    services.file_publish(actor=chief, file=file)

    page.goto(f"{live_server.url}/registers/public/")
    page.locator("#p-q").fill("狂犬病")
    page.get_by_role("button", name="検索").click()
    page.get_by_role("link", name="犬の登録ファイル").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("犬の登録ファイル")
    expect(page.locator("main, body").first).to_contain_text("法75条3項により記載を省略")
    expect(page.locator("body")).not_to_contain_text("犬の所有者")
