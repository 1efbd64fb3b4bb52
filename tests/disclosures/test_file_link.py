"""The 個人情報ファイル簿 of a request: chosen among the files the office may see, named, linked, in the API."""

from datetime import date

import pytest
from django.urls import reverse

from hogokan.disclosures.models import DataSubjectRequest
from hogokan.registers import services as registers
from tests.registers.conftest import file_data

FORM = {"kind": "disclosure", "received_on": "2026-11-02", "channel": "counter",
        "requester_name": "山田 花子", "target_description": "国保の給付記録"}
REFUSED = "選んだ個人情報ファイル簿は選べません。"


@pytest.fixture
def pension_file(town):
    return registers.file_load_published(actor=town.user("chief"), on=date(2024, 4, 1), **file_data(
        town, unit=town.pension, name="国民健康保険被保険者ファイル"))


@pytest.fixture
def retired_file(town):
    chief = town.user("chief")
    file = registers.file_load_published(actor=chief, on=date(2024, 4, 1), **file_data(town, name="旧システムファイル"))
    return registers.file_retire(actor=chief, file=file, retired_on=date(2025, 3, 31), reason="システム廃止")


def _post(client, town, **extra):
    return client.post(reverse("disclosures:create"), {**FORM, "organ": town.mayor.pk,
                                                       "units": [town.pension.pk], **extra})


def test_the_form_offers_the_files_and_a_chosen_file_names_the_request(client_for, town, pension_file, retired_file):
    client = client_for("chief")
    form = client.get(reverse("disclosures:create")).content.decode()
    assert "国民健康保険被保険者ファイル" in form and "旧システムファイル" not in form
    response = _post(client, town, personal_info_file=pension_file.pk, file_or_affair_name="")
    assert response.status_code == 302
    created = DataSubjectRequest.objects.get()
    assert created.personal_info_file == pension_file
    assert created.file_or_affair_name == "国民健康保険被保険者ファイル"


def test_a_typed_name_is_kept_and_the_file_is_optional(client_for, town, pension_file):
    client = client_for("chief")
    assert _post(client, town, personal_info_file=pension_file.pk, file_or_affair_name="高額療養費の事務").status_code == 302
    assert _post(client, town, file_or_affair_name="住民票の写し等交付事務").status_code == 302
    named, plain = DataSubjectRequest.objects.order_by("number")
    assert named.file_or_affair_name == "高額療養費の事務" and named.personal_info_file == pension_file
    assert plain.personal_info_file is None and plain.file_or_affair_name == "住民票の写し等交付事務"


@pytest.mark.parametrize("choice", ["retired", "missing", "text"])
def test_a_file_outside_the_choices_is_refused_and_nothing_is_lost(client_for, town, retired_file, choice):
    value = {"retired": retired_file.pk, "missing": 999999, "text": "abc"}[choice]
    response = _post(client_for("chief"), town, personal_info_file=value, file_or_affair_name="何かのファイル")
    text = response.content.decode()
    assert response.status_code == 200 and REFUSED in text
    assert "山田 花子" in text and "国保の給付記録" in text and "何かのファイル" in text
    assert not DataSubjectRequest.objects.exists()


def test_the_detail_links_the_file_for_those_who_may_open_it(client_for, town, make_request, pension_file):
    request = make_request(units=[town.citizens, town.pension], personal_info_file=pension_file)
    assert request.file_or_affair_name == pension_file.name
    link = reverse("registers:file_detail", args=[pension_file.pk])
    page = client_for("chief").get(reverse("disclosures:detail", args=[request.pk])).content.decode()
    assert f'href="{link}"' in page
    assert client_for("chief").get(link).status_code == 200
    assert f'href="{link}"' in client_for("officer2").get(reverse("disclosures:detail", args=[request.pk])).content.decode()
    # 市民課 handles part of the request but may not open a file of 保険年金課: the name only
    officer = client_for("officer").get(reverse("disclosures:detail", args=[request.pk])).content.decode()
    assert "国民健康保険被保険者ファイル" in officer and f'href="{link}"' not in officer


def test_editing_keeps_a_linked_file_that_was_retired_since(client_for, town, make_request, retired_file):
    request = make_request(personal_info_file=retired_file)
    client = client_for("chief")
    form = client.get(reverse("disclosures:edit", args=[request.pk])).content.decode()
    assert "旧システムファイル" in form
    response = client.post(reverse("disclosures:edit", args=[request.pk]), {
        **FORM, "organ": town.mayor.pk, "units": [town.citizens.pk], "personal_info_file": retired_file.pk,
        "file_or_affair_name": retired_file.name})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.personal_info_file == retired_file


def test_the_api_gives_the_file_id(client_for, town, make_request, pension_file):
    linked = make_request(units=[town.pension], personal_info_file=pension_file)
    plain = make_request(units=[town.pension])
    client = client_for("chief")
    assert client.get(f"/api/v1/disclosures/requests/{linked.pk}").json()["personal_info_file_id"] == pension_file.pk
    assert client.get(f"/api/v1/disclosures/requests/{plain.pk}").json()["personal_info_file_id"] is None
