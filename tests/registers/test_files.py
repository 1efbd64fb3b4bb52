"""File life cycle (draft → pending → approved → published → retired), versions, and scoping."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.registers import services
from hogokan.registers.models import FileVersion, PersonalInfoFile

from ..conftest import assert_statuses
from .conftest import file_data

Status = PersonalInfoFile.Status


def test_life_cycle_and_versions(town, chief, draft):
    officer = town.user("officer")
    services.file_submit(actor=officer, file=draft)
    v1 = services.file_approve(actor=chief, file=draft)
    assert v1.number == 1 and not v1.public
    services.file_publish(actor=chief, file=draft)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_on
    services.file_update(actor=town.user("staff"), file=draft, purpose="新しい目的", reason="改訂")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert FileVersion.objects.get(file=draft, public=True).snapshot["purpose"] == "下書きの秘密の目的"
    services.file_submit(actor=officer, file=draft)
    v2 = services.file_approve(actor=chief, file=draft)
    services.file_publish(actor=chief, file=draft)
    assert v2.number == 2
    assert list(FileVersion.objects.filter(file=draft, public=True).values_list("number", flat=True)) == [2]
    assert FileVersion.objects.get(file=draft, number=1).snapshot["purpose"] == "下書きの秘密の目的"
    services.file_retire(actor=chief, file=draft, retired_on=date(2027, 3, 31), reason="事務の廃止")
    draft.refresh_from_db()
    assert draft.status == Status.RETIRED and draft.retired_on == date(2027, 3, 31)
    assert not FileVersion.objects.filter(file=draft, public=True).exists()


def test_wrong_steps_are_refused(town, chief, draft):
    with pytest.raises(ValidationError):
        services.file_approve(actor=chief, file=draft)
    with pytest.raises(ValidationError):
        services.file_publish(actor=chief, file=draft)
    services.file_submit(actor=chief, file=draft)
    with pytest.raises(ValidationError):
        services.file_update(actor=chief, file=draft, purpose="x")


def test_non_statutory_needs_its_reason(town, chief):
    with pytest.raises(ValidationError) as exc:
        services.file_create(actor=chief, **file_data(town, kind=PersonalInfoFile.Kind.NON_STATUTORY))
    assert "exemption" in exc.value.message_dict


def test_withheld_item_needs_a_reason(town, chief):
    with pytest.raises(ValidationError) as exc:
        services.file_create(actor=chief, **file_data(town, withheld={"record_scope": " "}))
    assert "withheld" in exc.value.message_dict


def test_duplicate_name_in_the_organ_is_refused(town, chief, published):
    with pytest.raises(ValidationError) as exc:
        services.file_create(actor=chief, **file_data(town))
    assert "既にあります" in exc.value.message_dict["name"][0]


def test_version_page_shows_a_past_version(client_for, town, chief, published):
    services.file_update(actor=chief, file=published, purpose="第2版の目的")
    services.file_submit(actor=chief, file=published)
    services.file_approve(actor=chief, file=published)
    client = client_for("officer")
    page = client.get(f"/registers/files/{published.pk}/versions/1/").content.decode()
    assert "住民の居住関係の公証" in page and "第2版の目的" not in page
    assert "第2版の目的" in client.get(f"/registers/files/{published.pk}/versions/2/").content.decode()


def test_scoping_of_the_pages(client_for, town, published):
    url = f"/registers/files/{published.pk}/"
    assert_statuses(client_for, "get", url, {"officer": 200, "staff": 200, "manager": 200, "chief": 200,
                                             "auditor": 200, "officer2": 404, "outsider": 404, "contractor": 404})
    assert_statuses(client_for, "get", url + "edit/", {"officer": 200, "staff": 200, "chief": 200, "manager": 403,
                                                       "auditor": 403, "officer2": 404})
    assert_statuses(client_for, "post", url + "approve/", {"officer": 403, "staff": 403, "manager": 403,
                                                           "auditor": 403, "officer2": 404})


def test_list_is_scoped(client_for, town, published, pension_file):
    page = client_for("officer").get("/registers/").content.decode()
    assert "住民基本台帳ファイル" in page and "国民健康保険被保険者ファイル" not in page
    page = client_for("auditor").get("/registers/").content.decode()
    assert "国民健康保険被保険者ファイル" in page
    assert client_for("contractor").get("/registers/").status_code == 403


def test_list_downloads(client_for, published):
    client = client_for("chief")
    assert client.get("/registers/", {"format": "csv"}).content.decode("utf-8-sig").count("住民基本台帳ファイル") == 1
    assert client.get("/registers/", {"format": "xlsx"}).status_code == 200


def test_staff_creates_officer_submits_chief_approves_and_publishes(client_for, town):
    client = client_for("staff")
    data = {"name": "新しいファイル", "unit": town.citizens.pk, "purpose": "目的", "record_items": "氏名",
            "record_scope": "申請者", "collection_method": "申請", "request_office": "法務課", "processing": "computer",
            "kind": "statutory", "withhold_record_scope": "on", "withhold_record_scope_reason": "支障があるため"}
    response = client.post("/registers/files/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    file = PersonalInfoFile.objects.get(name="新しいファイル")
    assert file.withheld == {"record_scope": "支障があるため"} and file.organ == town.mayor
    assert client.post(f"/registers/files/{file.pk}/submit/").status_code == 403  # staff drafts, officer submits
    assert client_for("officer").post(f"/registers/files/{file.pk}/submit/").status_code == 302
    chief = client_for("chief")
    confirm = chief.post(f"/registers/files/{file.pk}/approve/")  # an irreversible step asks once
    assert confirm.status_code == 200 and "承認の確認" in confirm.content.decode()
    file.refresh_from_db()
    assert file.status == "pending"
    assert chief.post(f"/registers/files/{file.pk}/approve/", {"confirmed": "1"}).status_code == 302
    assert chief.post(f"/registers/files/{file.pk}/publish/", {"confirmed": "1"}).status_code == 302
    file.refresh_from_db()
    assert file.status == Status.PUBLISHED
    response = chief.post(f"/registers/files/{file.pk}/retire/", {"retired_on": "2027-04-01", "reason": "廃止"})
    assert response.status_code == 302
    file.refresh_from_db()
    assert file.status == Status.RETIRED


def test_bad_input_keeps_what_was_typed(client_for, town):
    client = client_for("staff")
    response = client.post("/registers/files/new/", {"name": "入力途中の名前", "unit": town.citizens.pk,
                                                      "kind": "non_statutory", "processing": "computer",
                                                      "withhold_purpose": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "入力途中の名前" in page and "利用目的を入力してください" in page
    assert "公表しない理由（法75③）を入力してください" in page
    assert not PersonalInfoFile.objects.exists()


def test_retire_needs_reason_and_date(client_for, published):
    response = client_for("chief").post(f"/registers/files/{published.pk}/retire/", {"retired_on": "", "reason": ""})
    page = response.content.decode()
    assert "ファイル簿からの削除日を入力してください" in page and "削除の理由を入力してください" in page


def test_return_to_draft(client_for, town, draft):
    services.file_submit(actor=town.user("officer"), file=draft)
    client = client_for("chief")
    assert "差し戻す理由を入力してください" in client.post(f"/registers/files/{draft.pk}/return/", {"comment": ""}).content.decode()
    assert client.post(f"/registers/files/{draft.pk}/return/", {"comment": "記録項目を確認"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_detail_shows_history(client_for, published):
    page = client_for("chief").get(f"/registers/files/{published.pk}/").content.decode()
    assert "変更履歴" in page and "公表（第1版）" in page
