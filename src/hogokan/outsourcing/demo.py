"""Demo records for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing)."""

from __future__ import annotations

from datetime import date

from hogokan.org.models import OrgUnit, Person
from hogokan.outsourcing import services
from hogokan.outsourcing.models import Contract

DEMO_TITLE = "住民票等証明書コンビニ交付システム運用保守業務"


def load() -> None:
    _load_contracts()
    from hogokan.outsourcing import demo_filings

    demo_filings.load(DEMO_TITLE, "個別がん検診業務")


def _load_contracts() -> None:
    if Contract.objects.filter(title=DEMO_TITLE).exists():
        return
    unit = OrgUnit.objects.filter(code="B01", valid_to__isnull=True).first()  # 市民課
    contractor = Person.objects.filter(user__username="contractor").first()
    if unit is None or contractor is None:
        return  # no demo body loaded
    company = services.company_save(actor=None, name="株式会社みなと情報サービス", corporate_number="5835678256246",
                                    address="みなと緑市中央一丁目2番3号", contact="公共システム部 0000-00-0000",
                                    people=[contractor])
    services.contract_save(
        actor=None, title=DEMO_TITLE, unit=unit, company=company, kind=Contract.Kind.SYSTEM,
        period_start=date(2025, 4, 1), period_end=date(2028, 3, 31),
        persons_handled=185_000, handles_my_number=True, subcontracting=False, contractor_people=[contractor],
        special_spec_attached=True, common_spec_attached=True,
    )
    other = OrgUnit.objects.filter(code="C06", valid_to__isnull=True).first()  # 健康づくり課
    if other is not None:
        services.contract_save(
            actor=None, title="個別がん検診業務", unit=other, contractor_name="医療法人みなと会",
            period_start=date(2025, 4, 1), period_end=date(2026, 3, 31), persons_handled=12_000,
        )
