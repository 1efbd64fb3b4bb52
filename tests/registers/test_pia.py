"""特定個人情報保護評価: level, due dates, 重要な変更, reminders, pages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.core.models import Reminder
from hogokan.registers import rules, services
from hogokan.registers.models import PIA

from ..conftest import assert_statuses
from .conftest import actor, file_data


@pytest.fixture
def specific(town, chief):
    return services.file_load_published(actor=chief, on=date(2022, 4, 1), **file_data(town, name="特定個人情報ファイルA", is_specific=True))


@pytest.fixture
def pia(town, specific):
    return services.pia_save(actor=town.user("officer"), file=specific, persons=120_000, handlers=300,
                             serious_accident=False, published_on=date(2022, 6, 1))


def test_level_and_due_dates(pia):
    assert pia.level == rules.BASIC_PRIORITY
    assert pia.review_due == date(2023, 6, 1)
    assert pia.reevaluation_due == date(2027, 6, 1)
    keys = set(Reminder.objects.values_list("key", flat=True))
    assert {f"registers.pia:{pia.pk}:review", f"registers.pia:{pia.pk}:reevaluation"} <= keys


def test_review_moves_the_next_review(town, pia):
    services.pia_review(actor=town.user("officer"), pia=pia, reviewed_on=date(2025, 6, 1))
    pia.refresh_from_db()
    assert pia.review_due == date(2026, 6, 1)
    assert Reminder.objects.get(key=f"registers.pia:{pia.pk}:review").due_date == date(2026, 6, 1)


def test_important_change_brings_the_reevaluation_forward_and_reevaluation_settles_it(town, pia):
    change = services.pia_change_record(actor=town.user("officer"), pia=pia, planned_on=date(2026, 12, 1),
                                        description="ガバメントクラウドへの移行")
    pia.refresh_from_db()
    assert pia.reevaluation_due == date(2026, 12, 1)
    services.pia_reevaluate(actor=town.user("officer"), pia=pia, published_on=date(2026, 11, 1), persons=120_000,
                            handlers=600, serious_accident=False)
    pia.refresh_from_db()
    change.refresh_from_db()
    assert change.reevaluated_on == date(2026, 11, 1)
    assert pia.level == rules.BASIC_FULL and pia.reevaluation_due == date(2031, 11, 1)


def test_level_outdated_when_the_numbers_grow(town, pia):
    pia = services.pia_save(actor=town.user("officer"), pia=pia, file=pia.file, persons=400_000, handlers=300,
                            serious_accident=False, published_on=pia.published_on, level=pia.level)
    assert pia.level_outdated


def test_only_specific_files_and_one_per_file(town, published, specific, pia):
    with pytest.raises(ValidationError):
        services.pia_save(actor=town.user("chief"), file=published, persons=1, handlers=1, serious_accident=False,
                          published_on=None)
    with pytest.raises(ValidationError):
        services.pia_save(actor=town.user("chief"), file=specific, persons=1, handlers=1, serious_accident=False,
                          published_on=None)


def test_pages_and_scoping(client_for, town, specific):
    client = client_for("officer")
    response = client.post("/registers/pias/new/", {"file": specific.pk, "persons": "abc", "handlers": "10"})
    assert "対象人数を正しく入力してください" in response.content.decode() or "整数" in response.content.decode()
    response = client.post("/registers/pias/new/", {"file": specific.pk, "persons": "15000", "handlers": "600",
                                                     "published_on": "2024-06-01"})
    assert response.status_code == 302
    pia = PIA.objects.get()
    assert pia.level == rules.BASIC_PRIORITY
    url = f"/registers/pias/{pia.pk}/"
    page = client.get(url).content.decode()
    assert "基礎項目評価＋重点項目評価" in page and "添付ファイル" in page
    assert_statuses(client_for, "get", url, {"officer": 200, "auditor": 200, "manager": 200, "officer2": 404,
                                             "contractor": 404})
    assert_statuses(client_for, "get", url + "edit/", {"officer": 200, "manager": 403, "auditor": 403,
                                                       "officer2": 404})
    client = client_for("officer")
    response = client.post(url + "changes/new/", {"description": "ガバメントクラウドへの移行", "planned_on": "2026-12-01"})
    assert response.status_code == 302
    assert client.post(url + "review/", {"reviewed_on": "2020-01-01"}).status_code == 200  # before publication
    assert client.get("/registers/pias/", {"format": "csv"}).status_code == 200


def test_dashboard_lists_pia_dates(town, pia):
    from hogokan.registers.api import dashboard_items

    items = dashboard_items(actor(town, "officer"), date(2026, 11, 29))
    assert any("見直し" in item.label and item.overdue for item in items)

