"""The assets pages: the register with its downloads and survey tables, the user-list import (dry run),
the stocktake with the accounts of staff on leave or moved away shown as to-disable, log analyses."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hogokan.assets import api as assets_api
from hogokan.assets import services
from hogokan.assets.models import AccountStocktake, InfoSystem, LogAnalysis, SystemAccount
from hogokan.org import services as org
from hogokan.org.models import Assignment


def test_the_register_lists_own_systems_and_downloads(client_for, system, pension_system):
    client = client_for("officer")
    body = client.get("/assets/").content.decode()
    assert "住民記録システム" in body and "国保システム" not in body
    response = client.get("/assets/?format=csv")
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "住民記録システム" in text and "国保システム" not in text
    assert "国保システム" in client_for("chief").get("/assets/").content.decode()
    assert client_for("officer2").get(f"/assets/systems/{system.pk}/").status_code == 404


def test_registering_a_system_through_the_form(client_for, town):
    response = client_for("officer").post("/assets/systems/new/", {
        "name": "窓口予約システム", "unit": town.citizens.pk, "handles_personal_information": "on",
        "location": "cloud", "network": "internet", "id_policy": "shared", "admin_grantors": ["contractor"],
        "log_analysis_frequency": "none", "patching_by": "contractor", "stocktake_frequency": "half_yearly"})
    assert response.status_code == 302, response.content.decode()[:3000]
    system = InfoSystem.objects.get(name="窓口予約システム")
    assert system.admin_grantors == ["contractor"] and system.history.first().history_user.username == "officer"


def test_an_analysis_schedule_without_logs_is_refused_in_japanese(client_for, town):
    response = client_for("officer").post("/assets/systems/new/", {
        "name": "窓口予約システム", "unit": town.citizens.pk, "location": "cloud", "network": "internet",
        "id_policy": "personal", "log_analysis_frequency": "monthly", "patching_by": "none",
        "stocktake_frequency": "yearly"})
    assert response.status_code == 200
    assert "ログを取得していないシステムにはログの点検・分析の頻度を設定できません。" in response.content.decode()
    assert not InfoSystem.objects.exists()


def test_the_survey_tables_count_systems_per_answer(client_for, system, pension_system):
    response = client_for("chief").get("/assets/survey/?format=csv&table=log_collected")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert "①行っている,1,50.0%" in lines and "②行っていない,1,50.0%" in lines and "合計,2,100.0%" in lines


def _upload(rows: str):
    return SimpleUploadedFile("users.csv", ("職員番号,アカウントID,管理者権限,共用ID,付与日\n" + rows).encode("utf-8"))


def test_an_import_with_an_unknown_employee_number_lists_it_and_writes_nothing(client_for, system):
    client = client_for("officer")
    response = client.post(f"/assets/systems/{system.pk}/accounts/import/",
                           {"file": _upload("E0006,shimin-0006,,,2024/4/1\nX9999,shimin-9999,○,,\n")})
    body = response.content.decode()
    assert "3行目: 職員番号「X9999」の職員等は登録されていません。" in body
    assert 'name="token"' not in body
    assert not SystemAccount.objects.exists()


def test_a_clean_import_is_committed_after_the_dry_run(client_for, town, system):
    client = client_for("officer")
    body = client.post(f"/assets/systems/{system.pk}/accounts/import/",
                       {"file": _upload("E0006,shimin-0006,,,令和6年4月1日\nE0004,shimin-admin,○,,\n")}
                       ).content.decode()
    assert not SystemAccount.objects.exists()  # the dry run writes nothing
    token = body.split('name="token" value="')[1].split('"')[0]
    response = client.post(f"/assets/systems/{system.pk}/accounts/import/commit/", {"token": token})
    assert response.status_code == 302
    accounts = {a.account_id: a for a in SystemAccount.objects.all()}
    assert accounts["shimin-0006"].person == town.people["staff"]
    assert accounts["shimin-0006"].granted_on == date(2024, 4, 1)
    assert accounts["shimin-admin"].admin is True


def test_the_stocktake_shows_staff_on_leave_and_moved_away_as_to_disable(client_for, town, system, staff_account):
    today = timezone.localdate()
    officer_account = services.account_add(actor=town.user("officer"), system=system, person=town.people["officer"],
                                           account_id="shimin-0002")
    moved = services.account_add(actor=town.user("officer"), system=system, person=town.people["officer2"],
                                 account_id="shimin-0005")
    org.leave_record(actor=town.user("admin"), person=town.people["staff"], kind="sick",
                     start=today - timedelta(days=3), end=today + timedelta(days=60))
    client = client_for("officer")
    response = client.post(f"/assets/systems/{system.pk}/stocktakes/new/")
    stocktake = AccountStocktake.objects.get()
    assert response.status_code == 302
    flags = {line.account.account_id: line.flag for line in stocktake.lines.select_related("account")}
    assert flags == {"shimin-0002": "", "shimin-0005": "所管課以外に異動", staff_account.account_id: "休職・休業中"}
    body = client.get(f"/assets/stocktakes/{stocktake.pk}/").content.decode()
    assert body.count('data-flag="to-disable"') == 2
    # completing with an account unconfirmed is refused; then each decided, the disabled ones are stopped
    lines = {line.account_id: line for line in stocktake.lines.all()}
    response = client.post(f"/assets/stocktakes/{stocktake.pk}/", {
        f"line{lines[officer_account.pk].pk}": "confirm", "complete": "1"}, follow=True)
    assert "確認していないアカウントがあります" in response.content.decode()
    sheet_answers = {f"a{item.pk}": "ok" for item in stocktake.sheet.template.items.all()}
    response = client.post(f"/assets/stocktakes/{stocktake.pk}/", {
        f"line{lines[officer_account.pk].pk}": "confirm", f"line{lines[moved.pk].pk}": "disable",
        f"line{lines[staff_account.pk].pk}": "disable", "complete": "1", **sheet_answers})
    assert response.status_code == 302
    stocktake.refresh_from_db()
    assert stocktake.status == "done"
    assert set(SystemAccount.objects.filter(disabled_on__isnull=False).values_list("account_id", flat=True)) == {
        "shimin-0005", staff_account.account_id}


def test_log_analyses_and_the_overdue_schedule(client_for, town, system):
    client = client_for("staff")
    assert "期限超過" in client.get("/assets/schedules/?overdue=1").content.decode()  # monthly, none since 2020
    response = client.post(f"/assets/systems/{system.pk}/log-analyses/new/", {
        "analysed_on": timezone.localdate().isoformat(), "analysed_by_no": "E0006", "scope": "業務時間外の照会",
        "irregular": "on", "findings": ""})
    assert "不審な操作があったときは結果・所見を入力してください。" in response.content.decode()
    assert not LogAnalysis.objects.exists()
    response = client.post(f"/assets/systems/{system.pk}/log-analyses/new/", {
        "analysed_on": timezone.localdate().isoformat(), "analysed_by_no": "E0006", "scope": "業務時間外の照会",
        "findings": "異常なし"})
    assert response.status_code == 302
    assert services.log_analysis_due(system) > timezone.localdate()
    assert system not in [found for found, _due in assets_api.overdue_log_analyses(timezone.localdate())]


def test_resolving_a_review_page_after_a_transfer(client_for, town, system, staff_account):
    line = org.TransferLine(person=town.people["staff"], new_unit=town.pension, new_role="staff",
                            end_assignment=Assignment.objects.get(person=town.people["staff"], end__isnull=True))
    org.transfers_apply(actor=town.user("admin"), effective=date(2026, 4, 1), lines=[line], batch="異動")
    client = client_for("officer")
    review = staff_account.access_reviews.get()
    assert "shimin-0004" in client.get("/assets/access-reviews/").content.decode()
    response = client.post(f"/assets/access-reviews/{review.pk}/", {"outcome": "kept", "reason": ""})
    assert "継続する理由を入力してください。" in response.content.decode()
    response = client.post(f"/assets/access-reviews/{review.pk}/", {"outcome": "disabled",
                                                                    "disabled_on": "2026-04-02"})
    assert response.status_code == 302
    staff_account.refresh_from_db()
    assert staff_account.disabled_on == date(2026, 4, 2)
