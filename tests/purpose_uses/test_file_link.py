"""The 個人情報ファイル簿 of a use: chosen among the files the unit may see, named, linked, in the API."""

from datetime import date

import pytest
from django.urls import reverse

from hogokan.purpose_uses import services
from hogokan.purpose_uses.models import OutOfPurposeUse
from hogokan.registers import services as registers
from tests.registers.conftest import file_data

FORM = {"kind": "provision", "used_on": "2026-11-02", "recipient": "警察署", "purpose": "捜査関係事項照会への回答",
        "basis": "law", "law_name": "刑事訴訟法第197条第2項", "no_unfair_harm": "on"}
REFUSED = "選んだ個人情報ファイル簿は選べません。"


@pytest.fixture
def citizens_file(town):
    return registers.file_load_published(actor=town.user("chief"), on=date(2024, 4, 1), **file_data(town))


@pytest.fixture
def pension_file(town):
    return registers.file_load_published(actor=town.user("chief"), on=date(2024, 4, 1), **file_data(
        town, unit=town.pension, name="国民健康保険被保険者ファイル"))


def _create(client, town, **extra):
    return client.post(reverse("purpose_uses:create"), {**FORM, "unit": town.citizens.pk, **extra})


def test_the_unit_chooses_its_file_and_the_name_is_filled(client_for, town, citizens_file, pension_file):
    client = client_for("staff")
    form = client.get(reverse("purpose_uses:create")).content.decode()
    assert "住民基本台帳ファイル" in form and "国民健康保険被保険者ファイル" not in form
    response = _create(client, town, personal_info_file=citizens_file.pk, file_or_affair_name="")
    assert response.status_code == 302
    use = OutOfPurposeUse.objects.get()
    assert use.personal_info_file == citizens_file and use.file_or_affair_name == "住民基本台帳ファイル"


def test_a_file_of_another_unit_is_refused_and_nothing_is_lost(client_for, town, pension_file):
    response = _create(client_for("officer"), town, personal_info_file=pension_file.pk, file_or_affair_name="")
    text = response.content.decode()
    assert response.status_code == 200 and REFUSED in text
    assert "捜査関係事項照会への回答" in text and "刑事訴訟法第197条第2項" in text
    assert not OutOfPurposeUse.objects.exists()


def test_a_name_or_a_file_is_needed(client_for, town):
    response = _create(client_for("staff"), town, file_or_affair_name=" ")
    assert response.status_code == 200
    assert "個人情報ファイル・取扱事務の名称を入力するか、個人情報ファイル簿を選んでください。" in response.content.decode()
    assert _create(client_for("staff"), town, file_or_affair_name="住民基本台帳").status_code == 302
    assert OutOfPurposeUse.objects.get().personal_info_file is None


def test_the_office_may_choose_any_file(client_for, town, pension_file):
    response = client_for("chief").post(reverse("purpose_uses:create"), {
        **FORM, "unit": town.pension.pk, "personal_info_file": pension_file.pk})
    assert response.status_code == 302
    assert OutOfPurposeUse.objects.get().file_or_affair_name == "国民健康保険被保険者ファイル"


def test_the_detail_links_the_file_and_the_edit_keeps_it(client_for, town, citizens_file):
    use = services.use_save(actor=town.user("staff"), kind="use", organ=town.mayor, unit=town.citizens,
                            used_on=date(2026, 11, 2), personal_info_file=citizens_file, recipient="高齢福祉課",
                            purpose="安否確認", basis="internal", basis_reason="独居高齢者の安否確認", no_unfair_harm=True)
    assert use.file_or_affair_name == "住民基本台帳ファイル"
    link = reverse("registers:file_detail", args=[citizens_file.pk])
    for role in ("staff", "chief", "manager", "auditor"):
        page = client_for(role).get(reverse("purpose_uses:detail", args=[use.pk])).content.decode()
        assert f'href="{link}"' in page, role
        assert client_for(role).get(link).status_code == 200, role
    edit = client_for("staff").get(reverse("purpose_uses:edit", args=[use.pk])).content.decode()
    assert f'<option value="{citizens_file.pk}" selected>' in edit


def test_the_api_gives_the_file_id(client_for, town, citizens_file):
    use = services.use_save(actor=town.user("staff"), kind="use", organ=town.mayor, unit=town.citizens,
                            used_on=date(2026, 11, 2), personal_info_file=citizens_file, recipient="高齢福祉課",
                            purpose="安否確認", basis="internal", basis_reason="独居高齢者の安否確認", no_unfair_harm=True)
    data = client_for("staff").get(f"/api/v1/purpose-uses/{use.pk}").json()
    assert data["personal_info_file_id"] == citizens_file.pk and data["file_or_affair_name"] == "住民基本台帳ファイル"
