"""The media and take-out pages: the happy paths, what others may not see, bad input a user can type."""

from datetime import date, timedelta

from django.utils import timezone

from hogokan.assets import services_media as services
from hogokan.assets.models_media import MediumStocktake, RemovableMedium, TakeOut
from hogokan.outsourcing import services as outsourcing


def _medium(town, number="USB-01", unit=None, actor="officer"):
    return services.medium_save(actor=town.user(actor), unit=unit or town.citizens, number=number, kind="usb",
                                encryption="hardware", permitted_from=date(2026, 4, 1))


def test_the_section_head_registers_a_medium_and_the_section_sees_it(client_for, town):
    client = client_for("officer")
    response = client.post("/assets/media/new/", {
        "number": "USB-07", "kind": "usb", "encryption": "hardware", "storage_place": "施錠できる保管庫",
        "permitted_users": [town.people["staff"].pk], "permitted_from": "令和8年4月1日"})
    medium = RemovableMedium.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/assets/media/{medium.pk}/"
    assert medium.unit == town.citizens and medium.permitted_from == date(2026, 4, 1)
    page = client_for("staff").get(f"/assets/media/{medium.pk}/").content.decode()
    assert "USB-07" in page and "担当 四郎" in page and "変更履歴" in page
    assert client_for("outsider").get(f"/assets/media/{medium.pk}/").status_code == 404
    assert client_for("staff").get(f"/assets/media/{medium.pk}/edit/").status_code == 403
    listed = client_for("officer2").get("/assets/media/").content.decode()
    assert "USB-07" not in listed


def test_a_bad_permit_is_shown_in_japanese_and_nothing_is_saved(client_for, town):
    response = client_for("officer").post("/assets/media/new/", {
        "number": "USB-07", "kind": "usb", "encryption": "none", "permitted_from": "2026-04-01",
        "permitted_to": "2026-03-01"})
    assert response.status_code == 200
    assert "使用許可の期限は使用許可日以降の日付にしてください。" in response.content.decode()
    assert not RemovableMedium.objects.exists()


def test_the_media_list_downloads_as_csv(client_for, town):
    _medium(town)
    response = client_for("chief").get("/assets/media/?format=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("所属,管理番号") and "USB-01" in text


def test_a_monthly_stocktake_with_one_medium_missing_offers_an_incident_draft(client_for, town):
    present, lost = _medium(town, "USB-01"), _medium(town, "USB-02")
    client = client_for("staff")
    response = client.post("/assets/media/stocktakes/start/")
    stocktake = MediumStocktake.objects.get()
    assert response["Location"] == f"/assets/media/stocktakes/{stocktake.pk}/"
    today = timezone.localdate()
    assert (stocktake.year, stocktake.month) == (today.year, today.month)
    # forgetting the remark of the missing one: told so, nothing written
    data = {f"medium_{present.pk}": "present", f"medium_{lost.pk}": "missing", "checked_on": today.isoformat()}
    page = client.post(f"/assets/media/stocktakes/{stocktake.pk}/", data).content.decode()
    assert "USB-02が所在不明のときは" in page
    stocktake.refresh_from_db()
    assert stocktake.status == MediumStocktake.Status.OPEN
    data[f"note_{lost.pk}"] = "先月の確認以降見当たらない"
    response = client.post(f"/assets/media/stocktakes/{stocktake.pk}/", data, follow=True)
    page = response.content.decode()
    assert "所在不明の外部記録媒体が1件あります" in page
    assert "漏えい等事案の第一報を作成する" in page
    lost.refresh_from_db()
    assert lost.status == RemovableMedium.Status.MISSING
    draft = client.get("/incidents/new/?title=外部記録媒体の所在不明（USB-02）").content.decode()
    assert 'value="外部記録媒体の所在不明（USB-02）"' in draft
    # recorded once: a second post is refused
    assert client.post(f"/assets/media/stocktakes/{stocktake.pk}/", data).status_code == 403


def test_a_take_out_requested_approved_and_returned_through_the_pages(client_for, town):
    today = timezone.localdate()
    staff = client_for("staff")
    response = staff.post("/assets/take-outs/new/", {
        "items": "訪問先一覧（3枚）", "personal_information": "氏名、住所", "medium_kind": "paper",
        "protection": "none", "destination": "北区の訪問先", "purpose": "meeting",
        "taken_out_on": today.isoformat(), "planned_return": today.isoformat()})
    takeout = TakeOut.objects.get()
    assert response["Location"] == f"/assets/take-outs/{takeout.pk}/"
    assert "承認" not in [h for h in staff.get(response["Location"]).content.decode().split("<h2") if "decide" in h]
    officer = client_for("officer")
    page = officer.get(f"/assets/take-outs/{takeout.pk}/").content.decode()
    assert "決定する" in page
    officer.post(f"/assets/take-outs/{takeout.pk}/decide/", {"decision": "approve", "comment": ""})
    takeout.refresh_from_db()
    assert takeout.status == TakeOut.Status.APPROVED
    before = (today - timedelta(days=1)).isoformat()
    page = officer.post(f"/assets/take-outs/{takeout.pk}/return/", {"returned_on": before}).content.decode()
    assert "返却日が持出し日より前です。" in page
    takeout.refresh_from_db()
    assert takeout.status == TakeOut.Status.APPROVED
    officer.post(f"/assets/take-outs/{takeout.pk}/return/", {"returned_on": today.isoformat(), "note": "そろっていた"})
    takeout.refresh_from_db()
    assert takeout.status == TakeOut.Status.RETURNED and takeout.returned_on == today


def test_an_empty_request_names_every_missing_field(client_for, town):
    page = client_for("staff").post("/assets/take-outs/new/", {"items": "台帳"}).content.decode()
    assert "＊持出し先を入力してください。" in page and "入力内容に誤りがあります" in page
    assert "＊目的を入力してください。" in page and "---------" not in page
    assert not TakeOut.objects.exists()


def test_a_contractor_requests_on_its_contract_and_sees_only_its_own(client_for, town):
    today = timezone.localdate()
    contract = outsourcing.contract_save(actor=town.user("chief"), title="窓口業務委託", unit=town.citizens,
                                         contractor_name="株式会社サンプル情報", period_start=today - timedelta(days=30),
                                         period_end=today + timedelta(days=300),
                                         contractor_people=[town.people["contractor"]])
    services.takeout_request(actor=town.user("officer2"), unit=town.pension, carrier=town.people["officer2"],
                             items="台帳", personal_information="氏名", medium_kind="paper", destination="会議",
                             purpose="meeting", taken_out_on=today, planned_return=today)
    client = client_for("contractor")
    response = client.post("/assets/take-outs/new/", {
        "contract": contract.pk, "items": "申請書の写し", "personal_information": "氏名、電話番号",
        "medium_kind": "paper", "protection": "none", "destination": "受託者の事務所", "purpose": "provide",
        "taken_out_on": today.isoformat(), "planned_return": today.isoformat()})
    assert response.status_code == 302
    mine = TakeOut.objects.get(contract=contract)
    assert mine.unit == town.citizens and mine.carrier == town.people["contractor"]
    listed = client.get("/assets/take-outs/").content.decode()
    assert mine.number in listed and "台帳" not in listed and "2026-001" not in listed.replace(mine.number, "")
    assert client.get("/assets/media/").status_code == 403


def test_the_statistics_page_and_its_workbook(client_for, town):
    today = timezone.localdate()
    services.takeout_request(actor=town.user("staff"), unit=town.citizens, carrier=town.people["staff"],
                             items="台帳", personal_information="氏名", medium_kind="paper", destination="会議",
                             purpose="meeting", taken_out_on=today, planned_return=today)
    client = client_for("chief")
    page = client.get("/assets/take-outs/statistics/").content.decode()
    assert "持出しを行う媒体（複数回答）" in page and "①紙" in page
    workbook = client.get("/assets/take-outs/statistics/?format=xlsx")
    assert workbook.status_code == 200 and workbook["Content-Type"].startswith("application/vnd.openxmlformats")
