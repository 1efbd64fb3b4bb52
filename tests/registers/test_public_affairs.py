"""The public 個人情報取扱事務 list (issue 22 §5): no login, only the affairs the office publishes, withholding as
the public ファイル簿 does; and the office's choice, with its history."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from hogokan.registers import services, services_evaluation
from hogokan.registers.models import HandlingAffair

from ..conftest import assert_statuses
from .conftest import file_data

URL = "/registers/public/affairs/"


@pytest.fixture
def affairs(town, chief):
    """A published affair with a public file and a draft file, one with a withheld item, one not published, one ended."""
    shown = services.affair_start(actor=chief, organ=town.mayor, unit=town.citizens, name="住民基本台帳事務",
                                  started_on=date(2020, 4, 1), purpose="住民の居住関係の公証",
                                  record_items="氏名、住所")
    services.file_load_published(actor=chief, on=date(2024, 4, 1), handling_affairs=[shown],
                                 **file_data(town, name="住民基本台帳ファイル"))
    services.file_create(actor=chief, handling_affairs=[shown], **file_data(town, name="作成中の秘密ファイル"))
    withheld = services.affair_start(actor=chief, organ=town.mayor, unit=town.pension, name="滞納整理事務",
                                     started_on=date(2020, 4, 1), purpose="市税の滞納整理",
                                     record_items="財産調査の対象ＸＹＺ")
    hidden = services.affair_start(actor=chief, organ=town.mayor, unit=town.citizens, name="非公表の事務",
                                   started_on=date(2020, 4, 1), purpose="公表しない事務の目的")
    ended = services.affair_start(actor=chief, organ=town.mayor, unit=town.citizens, name="廃止した事務",
                                  started_on=date(2020, 4, 1))
    services_evaluation.affair_publication(actor=chief, affair=shown, public=True, withheld={})
    services_evaluation.affair_publication(actor=chief, affair=withheld, public=True,
                                           withheld={"record_items": "滞納整理事務の適正な遂行に支障"})
    services_evaluation.affair_publication(actor=chief, affair=ended, public=True, withheld={})
    services.affair_end(actor=chief, affair=ended, ended_on=date(2025, 3, 31))
    return shown, withheld, hidden, ended


def test_anonymous_sees_only_published_affairs(client, affairs):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "住民基本台帳事務" in html and "滞納整理事務" in html
    assert "非公表の事務" not in html and "公表しない事務の目的" not in html
    assert "廃止した事務" not in html  # an ended affair is off the list
    # its files as the public ファイル簿 shows them: the published one, never a draft
    assert "住民基本台帳ファイル" in html and "作成中の秘密ファイル" not in html


def test_withheld_items_are_not_shown_nor_searched(client, affairs):
    html = client.get(URL).content.decode()
    assert "財産調査の対象ＸＹＺ" not in html and "（法75条3項により記載を省略）" in html
    assert "滞納整理事務" not in client.get(URL, {"q": "財産調査"}).content.decode()
    assert "滞納整理事務" in client.get(URL, {"q": "滞納整理"}).content.decode()  # the published purpose is searched
    assert "住民基本台帳事務" not in client.get(URL, {"q": "滞納整理"}).content.decode()


def test_csv_and_excel_withhold_too(client, affairs):
    csv = client.get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    assert "住民基本台帳事務" in csv and "滞納整理事務" in csv and "住民基本台帳ファイル" in csv
    for secret in ("財産調査の対象ＸＹＺ", "非公表の事務", "廃止した事務", "作成中の秘密ファイル"):
        assert secret not in csv
    import io

    response = client.get(URL, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "住民基本台帳事務" in values and not any("財産調査の対象ＸＹＺ" in value for value in values)


def test_filters_by_organ_and_unit(client, town, affairs):
    html = client.get(URL, {"unit": town.pension.pk}).content.decode()
    assert "滞納整理事務" in html and "住民基本台帳事務" not in html
    assert client.get(URL, {"unit": "x"}).status_code == 200  # a bad filter is ignored, never a 500


def test_the_office_chooses_with_history(client_for, town, affairs):
    shown, _withheld, hidden, _ended = affairs
    url = f"/registers/affairs/{hidden.pk}/publication/"
    assert_statuses(client_for, "GET", url, {"chief": 200, "officer": 403, "staff": 403, "officer2": 404,
                                             "contractor": 404})
    response = client_for("chief").post(url, {"public": "on", "withhold_purpose": "on", "withhold_purpose_reason": ""})
    assert response.status_code == 200 and "公表しない理由" in response.content.decode()
    hidden.refresh_from_db()
    assert hidden.public is False
    response = client_for("chief").post(url, {"public": "on"})
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.public is True
    assert hidden.history.first().history_change_reason == "公表する"
    assert "非公表の事務" in client_for("staff").get(URL).content.decode()
    # a unit cannot publish its own affair behind the office's back
    client_for("officer").post(f"/registers/affairs/{shown.pk}/publication/", {})
    shown.refresh_from_db()
    assert shown.public is True


def test_ended_affair_cannot_be_published(town, chief, affairs):
    ended = affairs[3]
    with pytest.raises(ValidationError) as error:
        services_evaluation.affair_publication(actor=chief, affair=ended, public=True, withheld={})
    assert "廃止された事務は公表できません" in str(error.value)
    assert HandlingAffair.objects.get(pk=ended.pk).public is True  # unchanged (and off the list, being ended)
