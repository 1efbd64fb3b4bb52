"""The pages: results per unit (scoped), a unit's files against its registers, the pre-send check, path rules."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hogokan.registers import services as registers
from hogokan.registers.models import PersonalInfoFile
from hogokan.scanner import services
from hogokan.scanner.models import PathRule, PreSendCheck

from . import files
from .files import MY_NUMBER


@pytest.fixture
def run(town):
    chief = town.user("chief")
    services.path_rule_save(actor=chief, prefix="/srv/share/shimin/", unit=town.citizens)
    services.path_rule_save(actor=chief, prefix="/srv/share/shimin/mynumber/", unit=town.citizens,
                            my_number_allowed=True)
    services.path_rule_save(actor=chief, prefix="/srv/share/nenkin/", unit=town.pension)

    def item(path, **findings):
        return {"root": "/srv/share", "path": path, "size": 100, "status": "ok", "findings": findings}

    return services.run_record(actor=chief, host="fs01", roots=["/srv/share"], summary={}, files=[
        item("shimin/名簿.xlsx", person_name=3, address=2), item("shimin/mynumber/台帳.xlsx", my_number=5),
        item("shimin/申請.xlsx", my_number=1, bank_account=2), item("nenkin/他課.xlsx", phone=4), item("shimin/空.txt")])


def test_home_shows_own_units_only(client_for, run, town):
    page = client_for("officer").get("/scanner/").content.decode()
    assert "市民課" in page and "保険年金課" not in page
    whole = client_for("chief").get("/scanner/").content.decode()
    assert "市民課" in whole and "保険年金課" in whole


def test_run_detail_lists_files_of_own_units(client_for, run):
    page = client_for("staff").get(f"/scanner/runs/{run.pk}/").content.decode()
    assert "/srv/share/shimin/名簿.xlsx" in page and "他課.xlsx" not in page and "空.txt" not in page
    assert "空.txt" in client_for("staff").get(f"/scanner/runs/{run.pk}/?all=1").content.decode()
    download = client_for("staff").get(f"/scanner/runs/{run.pk}/?format=csv")
    assert download.status_code == 200 and "他課" not in download.content.decode("utf-8-sig")


def test_unit_page_ties_files_to_the_registers(client_for, run, town):
    page = client_for("officer").get(f"/scanner/units/{town.citizens.pk}/").content.decode()
    # no register at all: every file with personal information is a candidate, every My Number file misplaced
    assert page.count("<li><code>/srv/share/shimin/") >= 3
    registers.file_load_published(
        actor=town.user("chief"), on=date(2024, 4, 1), name="住民台帳", organ=town.mayor, unit=town.citizens,
        purpose="公証", record_items="氏名、住所、個人番号", record_scope="市民", collection_method="届出",
        request_office="法務課", is_specific=True, processing=PersonalInfoFile.Processing.COMPUTER,
        kind=PersonalInfoFile.Kind.STATUTORY)
    page = client_for("officer").get(f"/scanner/units/{town.citizens.pk}/").content.decode()
    candidates = page.split('id="candidates-title"')[1].split('id="misplaced-title"')[0]
    assert "申請.xlsx" in candidates and "口座番号" in candidates and "名簿.xlsx" not in candidates
    misplaced = page.split('id="misplaced-title"')[1].split('id="files-title"')[0]
    assert "申請.xlsx" in misplaced and "台帳.xlsx" not in misplaced  # the allowed folder is fine


def test_unit_page_of_another_section_is_404(client_for, run, town):
    assert client_for("officer").get(f"/scanner/units/{town.pension.pk}/").status_code == 404


def test_presend_check_page(client_for, town):
    client = client_for("staff")
    data = files.docx_bytes([f"個人番号 {MY_NUMBER}", "送付先 suzuki@example.jp"])
    page = client.post("/scanner/check/", {"file": SimpleUploadedFile("通知.docx", data)}).content.decode()
    assert "個人情報が含まれています" in page and "1234-****-**18" in page and MY_NUMBER not in page
    assert PreSendCheck.objects.get().file_name == "通知.docx"
    assert "通知.docx" in client.get("/scanner/checks/").content.decode()
    assert "通知.docx" not in client_for("officer2").get("/scanner/checks/").content.decode()


def test_presend_check_page_without_a_file(client_for):
    page = client_for("staff").post("/scanner/check/", {}).content.decode()
    assert "＊確認するファイルを選んでください。" in page and not PreSendCheck.objects.exists()


def test_path_rules_by_the_office(client_for, town):
    response = client_for("chief").post("/scanner/rules/", {"prefix": "/srv/share/gakumu/", "unit": town.schools.pk})
    assert response.status_code == 302 and PathRule.objects.get().unit == town.schools
    again = client_for("chief").post("/scanner/rules/", {"prefix": "", "unit": ""}).content.decode()
    assert "＊フォルダを入力してください。" in again and PathRule.objects.count() == 1
    assert client_for("officer").post("/scanner/rules/", {"prefix": "/x/", "unit": town.citizens.pk}).status_code == 403
