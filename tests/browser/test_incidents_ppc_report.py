"""The section head completes the PPC form's facts and downloads the 速報 draft from the incident page."""

import io
import re
import zipfile
from datetime import date

from playwright.sync_api import expect

from hogokan.incidents import services
from hogokan.incidents.models import DataItem
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_preliminary_draft_downloaded_from_the_incident_page(page, live_server, town):
    services.catalogue_ensure()
    items = {item.name: item for item in DataItem.objects.all()}
    incident = services.incident_report(
        actor=town.user("staff"), title="郵送物の誤送付", unit=town.citizens, learned_on=date(2025, 6, 2), persons=2,
        summary="窓あき封筒で別人の通知を送付した", data_items=[items["氏名"], items["病歴・健診結果"]])

    log_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{live_server.url}/incidents/{incident.pk}/edit/")
    page.locator("#id_discoverer").select_option(label="本人")
    page.locator("#id_discovered_by").fill("送付先の住民")
    page.locator("#id_discovered_at").fill("2025-06-02T09:30")
    page.locator("#id_cause_detail").fill("封入時の確認を一人で行っていた")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("保存しました")

    page.locator("#ppc-drafts").get_by_role("link", name="速報の下書き").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("速報")
    expect(page.locator("#item-discovered_by")).to_contain_text("本人（送付先の住民）")
    expect(page.locator("#item-cause")).not_to_contain_text("未確認")
    expect(page.locator("#item-measures")).to_contain_text("未確認")
    expect(page.locator("#ppc-text")).to_have_value(
        re.compile("■ 発見日時\n令和7年6月2日 09時30分"))
    with page.expect_download() as info:
        page.get_by_role("link", name="Word でダウンロード").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    xml = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read())).read("word/document.xml").decode()
    assert "速報" in xml and "送付先の住民" in xml and "（調査中）" in xml
