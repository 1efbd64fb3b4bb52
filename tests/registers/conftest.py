"""Register fixtures: files of 市民課 (officer, staff) and 保険年金課 (officer2) in the test town."""

from datetime import date

import pytest

from hogokan.registers import services
from hogokan.registers.models import PersonalInfoFile


def file_data(town, unit=None, **overrides) -> dict:
    unit = unit or town.citizens
    data = dict(name="住民基本台帳ファイル", organ=unit.organ, unit=unit, purpose="住民の居住関係の公証",
                record_items="氏名、生年月日、住所", record_scope="市内に住所を有する者", collection_method="本人からの届出",
                request_office="法務課（中央1-1-1）", processing=PersonalInfoFile.Processing.COMPUTER,
                kind=PersonalInfoFile.Kind.STATUTORY)
    data.update(overrides)
    return data


@pytest.fixture
def chief(town):
    return town.user("chief")


@pytest.fixture
def draft(town):
    return services.file_create(actor=town.user("staff"), **file_data(town, name="作成中ファイル",
                                                                      purpose="下書きの秘密の目的"))


@pytest.fixture
def published(town, chief):
    return services.file_load_published(actor=chief, on=date(2024, 4, 1), **file_data(
        town, withheld={"record_scope": "事務の遂行に著しい支障"}, record_scope="公表しない記録範囲XYZ"))


@pytest.fixture
def pension_file(town, chief):
    return services.file_load_published(actor=chief, on=date(2024, 4, 1), **file_data(
        town, unit=town.pension, name="国民健康保険被保険者ファイル"))


def actor(town, username):
    from hogokan.org.access import actor_for

    return actor_for(town.user(username))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The public list caches rendered pages per register state; never across tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
