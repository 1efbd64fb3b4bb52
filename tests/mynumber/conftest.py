from datetime import date

import pytest

from hogokan.registers import services as registers
from hogokan.registers.models import PersonalInfoFile


def specific_file(town, unit, name: str, *, on=date(2024, 4, 1)):
    return registers.file_load_published(
        actor=town.user("chief"), on=on, name=name, organ=unit.organ, unit=unit, purpose="個人番号利用事務",
        record_items="個人番号、氏名、住所", record_scope="市内に住所を有する者", collection_method="本人からの申請",
        request_office="法務課", is_specific=True, processing=PersonalInfoFile.Processing.COMPUTER,
        kind=PersonalInfoFile.Kind.STATUTORY)


@pytest.fixture
def files(town):
    """市民課 holds 住民基本台帳ファイル and 個人番号カード交付ファイル; 保険年金課 holds 国民健康保険ファイル."""
    return {
        "juki": specific_file(town, town.citizens, "住民基本台帳ファイル"),
        "card": specific_file(town, town.citizens, "個人番号カード交付ファイル"),
        "kokuho": specific_file(town, town.pension, "国民健康保険ファイル"),
    }
