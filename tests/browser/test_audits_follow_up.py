"""An auditor records an on-site visit with a finding; the section answers it with evidence and reports it
done; the office confirms it 済み."""

from datetime import date

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hogokan.audits import services_visits
from hogokan.audits.models import Finding
from hogokan.core.models import Attachment
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_visit_with_a_finding_then_closing_it_with_evidence(page, live_server, town, tmp_path):
    visit = services_visits.visit_add(actor=town.user("chief"), fiscal_year=2026, unit=town.citizens)

    # the auditor records the visit and its finding
    log_in(page, live_server, "auditor", PASSWORD)
    page.goto(f"{live_server.url}/audits/visits/{visit.pk}/")
    page.get_by_label("調査日").fill("2026-10-01")
    page.get_by_label("調査員").fill("情報保護委員会 山田、佐藤")
    page.get_by_role("group", name="総合評価").get_by_label("△（一部不備がある）").check()
    page.get_by_role("button", name="記録する").click()
    expect(page.locator(".messages")).to_contain_text("実地調査の結果を記録しました")
    page.locator("#id_finding-category").select_option("外部記録媒体の保管、記録")
    page.get_by_role("textbox", name="改善指摘事項").fill("USBメモリの持出しの記録がなかった。")
    page.get_by_label("対応期限").fill("2027-01-31")
    page.get_by_role("button", name="指摘事項を追加").click()
    expect(page.locator(".messages")).to_contain_text("改善指摘事項（項番1）を登録しました")
    finding = Finding.objects.get(visit=visit)
    page.get_by_role("button", name="ログアウト").click()

    # the section head records the response, attaches the evidence and reports it done
    log_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="指摘事項への対応").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("項番1")
    page.get_by_label("日付").fill("2026-10-20")
    page.get_by_role("textbox", name="対応の経過").fill("USBメモリの利用許可・廃棄記録簿を作成した。")
    page.get_by_label("対応内容（まとめ）").fill("記録簿を作成し、持出しの都度記入している。")
    page.get_by_role("button", name="記録する").click()
    expect(page.locator(".messages")).to_contain_text("対応の経過を記録しました")
    evidence = tmp_path / "記録簿.pdf"
    evidence.write_bytes(b"%PDF-1.4 record book")
    page.locator(".attachments input[type=file]").set_input_files(str(evidence))
    page.get_by_role("button", name="添付する").click()
    expect(page.locator(".messages")).to_contain_text("記録簿.pdf")
    page.get_by_role("button", name="対応の完了を報告する").click()
    page.get_by_role("button", name="完了を報告する").click()
    expect(page.locator(".messages")).to_contain_text("完了を報告しました")
    page.get_by_role("button", name="ログアウト").click()

    # the office confirms (with its second factor)
    device = TOTPDevice.objects.create(user=town.user("chief"), name="app", confirmed=True)
    log_in(page, live_server, "chief", PASSWORD)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("確認コード（6桁）").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="確認").click()
    page.goto(f"{live_server.url}/audits/findings/{finding.pk}/")
    expect(page.get_by_role("link", name="記録簿.pdf")).to_be_visible()
    page.get_by_role("button", name="確認して済みにする").click()
    page.get_by_role("button", name="済みにする").click()
    expect(page.locator(".messages")).to_contain_text("「済み」にしました")
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DONE and finding.confirmed_on is not None
    assert Attachment.objects.get().original_name == "記録簿.pdf"
    assert date(2026, 10, 20) == finding.progress.get().recorded_on
