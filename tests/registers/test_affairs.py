"""個人情報取扱事務: 開始届/変更届/廃止届 as dated events; counts per organ at each 年度末 (八千代市 資料1)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.registers import selectors, services
from hogokan.registers.models import AffairEvent, HandlingAffair, PersonalInfoFile

from ..conftest import assert_statuses
from .conftest import actor, file_data


def _start(town, name, day, unit=None):
    unit = unit or town.citizens
    return services.affair_start(actor=town.user("chief"), organ=unit.organ, unit=unit, name=name, started_on=day)


def test_events_are_kept(town):
    affair = _start(town, "住民基本台帳事務", date(2020, 4, 1))
    services.affair_change(actor=town.user("officer"), affair=affair, effective_on=date(2023, 10, 1),
                           note="記録項目の追加", record_items="氏名、住所、電話番号")
    services.affair_end(actor=town.user("officer"), affair=affair, ended_on=date(2025, 3, 31))
    kinds = list(affair.events.values_list("kind", flat=True))
    assert kinds == [AffairEvent.Kind.START, AffairEvent.Kind.CHANGE, AffairEvent.Kind.END]
    with pytest.raises(ValidationError):
        services.affair_change(actor=town.user("officer"), affair=affair, effective_on=date(2025, 4, 1), note="x")


def test_change_needs_content_and_a_date_after_the_start(town):
    affair = _start(town, "事務", date(2022, 4, 1))
    with pytest.raises(ValidationError) as exc:
        services.affair_change(actor=town.user("chief"), affair=affair, effective_on=date(2021, 4, 1), note="x")
    assert "effective_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.affair_change(actor=town.user("chief"), affair=affair, effective_on=date(2023, 4, 1), note=" ")
    assert "note" in exc.value.message_dict


def test_year_end_counts_from_the_events(town, chief):
    """令和5年度末 (2024-03-31) and 令和6年度末 (2025-03-31), per organ."""
    _start(town, "A", date(2020, 4, 1))
    b = _start(town, "B", date(2023, 4, 1))
    _start(town, "C", date(2024, 4, 1))                        # starts in 令和6年度
    services.affair_end(actor=chief, affair=b, ended_on=date(2025, 3, 31))  # 廃止 on the year end: not in force
    _start(town, "D", date(2024, 3, 31), unit=town.schools)    # 教育委員会, in force on 2024-03-31
    services.file_load_published(actor=chief, on=date(2023, 6, 1), **file_data(town, name="F1"))
    services.file_load_published(actor=chief, on=date(2024, 6, 1), **file_data(
        town, name="F2", kind=PersonalInfoFile.Kind.NON_STATUTORY, exemption="few"))
    rows, total = selectors.fiscal_year_counts(actor(town, "chief"), [2023, 2024])
    by_organ = {str(row.organ): row.years for row in rows}
    mayor, education = by_organ["市長"], by_organ["教育委員会"]
    assert [c.affairs for c in mayor] == [2, 2]
    assert (mayor[1].started, mayor[1].ended) == (1, 1)
    assert [c.affairs for c in education] == [1, 1]
    assert [(c.statutory, c.non_statutory) for c in mayor] == [(1, 0), (1, 1)]
    assert [c.affairs for c in total.years] == [3, 3]


def test_counts_are_scoped(town):
    _start(town, "学務の事務", date(2020, 4, 1), unit=town.schools)
    rows, total = selectors.fiscal_year_counts(actor(town, "officer"), [2024])
    assert total.years[0].affairs == 0


def test_counts_page_and_download(client_for, town):
    _start(town, "住民基本台帳事務", date(2020, 4, 1))
    client = client_for("chief")
    page = client.get("/registers/counts/", {"years": "2023,2024"}).content.decode()
    assert "令和5年度末" in page and "令和6年度末" in page
    assert "住民基本台帳事務" in page  # an affair without a file (京都市 第3 1)
    csv_text = client.get("/registers/counts/", {"years": "2023,2024", "format": "csv"}).content.decode("utf-8-sig")
    assert "令和5年度末 取扱事務" in csv_text and "合計" in csv_text


def test_affair_pages(client_for, town):
    client = client_for("staff")
    response = client.post("/registers/affairs/new/", {"unit": town.citizens.pk, "name": "新しい事務",
                                                        "started_on": "2025-04-01"})
    assert response.status_code == 302
    affair = HandlingAffair.objects.get(name="新しい事務")
    assert affair.events.get().kind == AffairEvent.Kind.START
    response = client.post(f"/registers/affairs/{affair.pk}/change/", {"effective_on": "", "note": ""})
    assert "効力発生日を入力してください" in response.content.decode()
    assert client.post(f"/registers/affairs/{affair.pk}/end/", {"ended_on": "2026-03-31"}).status_code == 302
    affair.refresh_from_db()
    assert affair.ended_on == date(2026, 3, 31)
    url = f"/registers/affairs/{affair.pk}/"
    assert_statuses(client_for, "get", url, {"officer": 200, "auditor": 200, "officer2": 404, "outsider": 404,
                                             "contractor": 404})
    other = _start(town, "他の事務", date(2020, 4, 1))
    assert_statuses(client_for, "get", f"/registers/affairs/{other.pk}/change/",
                    {"officer": 200, "manager": 403, "auditor": 403, "officer2": 404})
    assert "他の事務" in client_for("officer").get("/registers/affairs/").content.decode()
    assert "他の事務" not in client_for("officer2").get("/registers/affairs/").content.decode()
    assert client_for("chief").get("/registers/affairs/", {"format": "xlsx"}).status_code == 200


def test_duplicate_affair_name_is_refused(town):
    _start(town, "重複", date(2020, 4, 1))
    with pytest.raises(ValidationError):
        _start(town, "重複", date(2021, 4, 1))
