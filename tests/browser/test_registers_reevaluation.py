"""The section enters a 再実施 with its 変更箇所 table and downloads the printed 諮問 paper (issue 22 §3)."""

import io
import zipfile
from datetime import date

from playwright.sync_api import expect

from hogokan.registers import services, services_evaluation
from hogokan.registers.models import PersonalInfoFile
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

TITLE = "地方公共団体の基幹業務システムの統一・標準化に伴う特定個人情報保護評価の再実施について"


def test_reevaluation_with_its_change_table_and_paper(page, live_server, town):
    chief = town.user("chief")
    file = services.file_load_published(
        actor=chief, on=date(2022, 4, 1), name="住民基本台帳ファイル", organ=town.mayor, unit=town.citizens,
        purpose="住民の居住関係の公証", record_items="氏名、住所", record_scope="市内に住所を有する者",
        collection_method="本人からの届出", request_office="法務課", is_specific=True,
        processing=PersonalInfoFile.Processing.COMPUTER, kind=PersonalInfoFile.Kind.STATUTORY)
    pia = services.pia_save(actor=chief, file=file, persons=120_000, handlers=300, serious_accident=False,
                            published_on=date(2022, 6, 1))
    services_evaluation.document_save(actor=chief, pia=pia, number="1", name="住民基本台帳に関する事務",
                                      kind="priority", published_on=date(2022, 6, 1))

    log_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{live_server.url}/registers/evaluations/")
    page.get_by_role("link", name="評価の実施を登録").click()
    expect(page.locator("#id_kind_0")).to_be_checked()  # 再実施
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_unit").select_option(str(town.citizens.pk))
    page.locator("#id_reason").fill("住民情報システムの運用がガバメントクラウドでの運用となるため、評価書の再実施を行うもの。")
    page.locator("#id_planned_on").fill("2025-04-01")
    page.get_by_label("（1）住民基本台帳に関する事務 重点項目評価書").check()
    page.locator("#id_changes-0-item").fill("Ⅱ 特定個人情報ファイルの概要 ６．保管場所")
    page.locator("#id_changes-0-before").fill("外部データセンターに設置・保管している。")
    page.locator("#id_changes-0-after").fill("ガバメントクラウドにおける措置を講じる。")
    page.locator("#id_changes-1-item").fill("Ⅲ リスク対策 １０．その他のリスク対策")
    page.locator("#id_changes-1-after").fill("ISMAP の監査を受けたクラウドサービスを利用する。")
    page.get_by_role("button", name="保存する").click()

    expect(page.locator(".messages")).to_contain_text("保存しました")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("令和7年4月")
    expect(page.locator("table").first).to_contain_text("外部データセンターに設置・保管している。")
    expect(page.locator("table").first).to_contain_text("（記載なし）")
    with page.expect_download() as info:
        page.get_by_role("link", name="Word").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    xml = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read())).read("word/document.xml").decode()
    for text in (TITLE, "業務所管課", town.citizens.name, "再実施を行う評価書名", "（1）住民基本台帳に関する事務 重点項目評価書",
                 "令和7年4月", "重点項目評価書の変更箇所", "外部データセンターに設置・保管している。",
                 "ISMAP の監査を受けたクラウドサービスを利用する。"):
        assert text in xml, text
