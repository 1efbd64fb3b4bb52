from datetime import date

import pytest

from hogokan.incidents import services
from hogokan.incidents.models import DataItem
from hogokan.outsourcing import services as contract_services


@pytest.fixture
def items(db):
    services.catalogue_ensure()
    return {item.name: item for item in DataItem.objects.all()}


@pytest.fixture
def incident(town, items):
    """市民課's mis-sent letter: 2 persons, 病歴 included → report required (規則43①1号)."""
    return services.incident_report(
        actor=town.user("staff"), title="郵送物の誤送付", unit=town.citizens, learned_on=date(2025, 6, 2),
        persons=2, summary="窓あき封筒で別人の通知を送付した", data_items=[items["氏名"], items["病歴・健診結果"]],
    )


@pytest.fixture
def pension_incident(town, items):
    return services.incident_report(actor=town.user("officer2"), title="FAXの誤送信", unit=town.pension,
                                    learned_on=date(2025, 7, 1), persons=1, data_items=[items["氏名"]])


@pytest.fixture
def contract(town):
    return contract_services.contract_save(
        actor=town.user("chief"), title="窓口業務委託", unit=town.citizens, contractor_name="株式会社サンプル情報",
        period_start=date(2025, 4, 1), period_end=date(2027, 3, 31), contractor_people=[town.people["contractor"]],
    )
