"""Demo records for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing)."""

from __future__ import annotations

from datetime import date

from hogokan.org.models import OrgUnit, Person
from hogokan.outsourcing import services
from hogokan.outsourcing.models import Contract

DEMO_TITLE = "住民票等証明書コンビニ交付システム運用保守業務"


def load() -> None:
    if Contract.objects.filter(title=DEMO_TITLE).exists():
        return
    unit = OrgUnit.objects.filter(code="B01", valid_to__isnull=True).first()  # 市民課
    contractor = Person.objects.filter(user__username="contractor").first()
    if unit is None or contractor is None:
        return  # no demo body loaded
    services.contract_save(
        actor=None, title=DEMO_TITLE, unit=unit, contractor_name="株式会社みなと情報サービス",
        period_start=date(2025, 4, 1), period_end=date(2028, 3, 31), designated_manager=False,
        persons_handled=185_000, handles_my_number=True, subcontracting=False, contractor_people=[contractor],
    )
    other = OrgUnit.objects.filter(code="C06", valid_to__isnull=True).first()  # 健康づくり課
    if other is not None:
        services.contract_save(
            actor=None, title="個別がん検診業務", unit=other, contractor_name="医療法人みなと会",
            period_start=date(2025, 4, 1), period_end=date(2026, 3, 31), persons_handled=12_000,
        )
