"""The six cases 八千代市 reported to the PPC in 令和5・6年度 (seeds/004_…, 議題4), entered through the
browser by the office: first report, then the full record; each must come out with the decision the
rules give (法68①, 規則43, 規則44②) and the notice the city recorded (cases 5 and 6: exemptions)."""

from datetime import date

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hogokan.core.calendar import wareki
from hogokan.incidents.models import DataItem, Incident
from hogokan.org.models import OrgUnit, UnitKind
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD, SINCE

COMMON = ["氏名", "生年月日", "性別", "住所", "電話番号"]
CASES = [
    {"unit": "健康づくり課", "title": "健診記録票の紛失", "learned": date(2024, 2, 29), "persons": 1,
     "items": [*COMMON, "病歴・健診結果"], "note": "胸部レントゲン検診の所見", "kind": "紛失", "medium": "紙",
     "contractor": "委託医療機関（医療法人）", "malicious": False,
     "grounds": ["sensitive"], "final_due": date(2024, 3, 29), "notice": ("done", date(2024, 3, 19), "電話")},
    {"unit": "健康づくり課", "title": "予診票の紛失", "learned": date(2024, 5, 8), "persons": 1,
     "items": [*COMMON, "病歴・健診結果"], "note": "既往歴・予防接種の受診先、受診日", "kind": "紛失", "medium": "紙",
     "contractor": "委託医療機関（医療法人）", "malicious": False,
     "grounds": ["sensitive"], "final_due": date(2024, 6, 6), "notice": ("done", date(2024, 5, 10), "電話")},
    {"unit": "障害者支援課", "title": "郵送物の誤送付による個人情報の漏えい", "learned": date(2024, 3, 5), "persons": 2,
     "items": ["氏名", "病歴・健診結果"], "note": "指定難病等受給者証の所持状況", "kind": "誤送付", "medium": "紙",
     "contractor": "", "malicious": False,
     "grounds": ["sensitive"], "final_due": date(2024, 4, 3), "notice": ("done", date(2024, 3, 13), "訪問")},
    {"unit": "上水道課・給排水相談課", "title": "委託先のネットワークへの不正アクセス", "learned": date(2024, 7, 16),
     "persons": 116_647, "items": ["氏名", "住所", "契約・利用の情報（水栓番号・使用量等）"], "note": "水栓番号・使用水量",
     "kind": "不正アクセス", "medium": "システム", "contractor": "東京ガスエンジニアリングソリューションズ株式会社",
     "malicious": True, "grounds": ["malicious", "over_100"], "final_due": date(2024, 9, 13),
     "notice": ("done", date(2024, 8, 1), "委託先と連名で郵送、市ホームページに掲載")},
    {"unit": "子ども相談センター", "title": "郵送物盗難のおそれ", "learned": date(2024, 11, 13), "persons": 259,
     "items": [*COMMON[:4], "病歴・健診結果", "児童虐待・相談の内容"], "note": "既往歴・児童虐待の通告・児童家庭相談の相談内容",
     "kind": "盗難", "medium": "紙", "contractor": "", "malicious": False,
     "grounds": ["sensitive", "over_100"], "final_due": date(2024, 12, 12),
     "notice": ("art78", "要保護児童と加害者（見込み）が同居している世帯がほとんどで、通知すると本人の権利利益を"
                         "侵害し、かえって混乱が生じるおそれがあるため")},
    {"unit": "学務課", "title": "委託先のシステム管理を行っている会社への不正アクセス", "learned": date(2025, 3, 4),
     "persons": 1629, "items": ["氏名", "顔写真・画像"], "note": "個人写真の画像データ", "kind": "不正アクセス",
     "medium": "Web", "contractor": "卒業アルバム制作会社", "malicious": True,
     "grounds": ["malicious", "over_100"], "final_due": date(2025, 5, 2),
     "notice": ("difficult", "卒業当時の住所から変わっている個人がおり、郵送すると関係のない第三者に届き新たな漏えいが"
                             "生じるおそれがあるため、市及び教育委員会ホームページで通知した")},
]


def _units(town) -> None:
    for code, name in (("220", "健康づくり課"), ("230", "障害者支援課"), ("240", "上水道課・給排水相談課"),
                       ("250", "子ども相談センター")):
        OrgUnit.objects.create(organ=town.mayor, parent=town.citizens_dept, code=code, name=name,
                               kind=UnitKind.SECTION, valid_from=SINCE)


def _log_in_chief(page, live_server, town):
    device = TOTPDevice.objects.create(user=town.user("chief"), name="app", confirmed=True)
    log_in(page, live_server, "chief", PASSWORD)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("確認コード（6桁）").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="確認").click()


def _enter(page, live_server, case) -> Incident:
    page.goto(f"{live_server.url}/incidents/new/")
    page.get_by_label("何が起きたか（件名）").fill(case["title"])
    page.get_by_label("発生部署").select_option(label=case["unit"])
    page.get_by_label("判明日").fill(case["learned"].isoformat())
    page.get_by_label("本人の数", exact=False).first.fill(str(case["persons"]))
    page.get_by_role("button", name="第一報を送る").click()
    expect(page.locator(".messages")).to_contain_text("第一報を受け付けました")
    incident = Incident.objects.get(title=case["title"])
    page.get_by_role("link", name="内容を編集").click()
    for name in case["items"]:
        page.locator(f"input[name=data_items][value='{DataItem.objects.get(name=name).pk}']").check()
    page.locator("#id_data_items_note").fill(case["note"])
    page.locator("#id_kind").select_option(label=case["kind"])
    page.locator("#id_medium").select_option(label=case["medium"])
    if case["malicious"]:
        page.locator("#id_malicious").check()
    if case["contractor"]:
        page.locator("#id_contractor_involved").check()
        page.locator("#id_contractor_name").fill(case["contractor"])
    page.get_by_role("button", name="保存する").click()
    expect(page.locator(".messages")).to_contain_text("再判定しました")
    return incident


def _record_notice(page, case) -> None:
    page.get_by_text("本人への通知・公表を記録する").click()
    notice = case["notice"]
    if notice[0] == "done":
        page.locator("input[name=notice_status][value=done]").check()
        page.locator("#id_notice_date").fill(notice[1].isoformat())
        page.locator("#id_notice_method").fill(notice[2])
    else:
        page.locator("input[name=notice_status][value=exempt]").check()
        page.locator("#id_notice_exemption").select_option(notice[0])
        if notice[0] == "difficult":
            page.locator("#id_substitute_measure").select_option("publication")
        page.locator("#id_notice_exemption_reason").fill(notice[1])
    page.get_by_role("button", name="通知の状況を保存").click()
    expect(page.locator(".messages")).to_contain_text("本人への通知の状況を保存しました")


def test_six_yachiyo_cases(page, live_server, town):
    _units(town)
    _log_in_chief(page, live_server, town)
    for case in CASES:
        incident = _enter(page, live_server, case)
        incident.refresh_from_db()
        assert incident.report_required, case["title"]
        assert incident.report_grounds == case["grounds"], case["title"]
        assert incident.report_laws == ["appi68"]
        assert incident.final_due == case["final_due"], case["title"]
        decision = page.locator("#decision")
        expect(decision).to_contain_text("報告が必要です")
        expect(decision).to_contain_text(wareki(case["final_due"], weekday=True))
        if case["malicious"]:
            expect(decision).to_contain_text("規則43条3号")
            expect(decision).to_contain_text("60日以内")
        _record_notice(page, case)
        incident.refresh_from_db()
        if case["notice"][0] == "art78":
            assert incident.notice_exemption == Incident.Exemption.ART78 and "加害者" in incident.notice_exemption_reason
        elif case["notice"][0] == "difficult":
            assert incident.substitute_measure == Incident.Substitute.PUBLICATION
        else:
            assert incident.notice_status == Incident.Notice.DONE

    # The 八千代市 table: №, 発生部署, 事案の件名 for 令和5年度 (cases 1 and 3) and 令和6年度 (2, 4, 5, 6).
    page.goto(f"{live_server.url}/incidents/reported/?year=2024")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("健康づくり課")
    expect(rows.nth(0)).to_contain_text("予診票の紛失")
    expect(rows.nth(3)).to_contain_text("学務課")
    page.goto(f"{live_server.url}/incidents/reported/?year=2023")
    expect(page.locator("table tbody tr")).to_have_count(2)
