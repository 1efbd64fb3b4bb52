"""The demo data: the 八千代市 令和6年度 tables come out of the demo body; loading twice changes nothing."""

from datetime import date

from hogokan.org import demo as org_demo
from hogokan.purpose_uses import demo, statistics
from hogokan.purpose_uses.models import OutOfPurposeUse


def test_demo_reproduces_the_seed_tables_and_is_idempotent(db):
    org_demo.load()
    assert demo.load(today=date(2026, 11, 23)) is True
    assert statistics.per_organ(2024, "use").rows[-1] == ["計", 184, 680, 0, 56, 920]
    assert statistics.per_organ(2024, "provision").rows[-1] == ["計", 12, 41, 2, 14, 69]
    assert OutOfPurposeUse.objects.filter(status="consulting").count() == 1
    count = OutOfPurposeUse.objects.count()
    assert demo.load() is False and OutOfPurposeUse.objects.count() == count


def test_demo_links_the_register_file_of_that_name_when_there_is_one(db):
    from django.contrib.auth import get_user_model

    from hogokan.org.models import OrgUnit
    from hogokan.registers import services as registers
    from tests.registers.conftest import file_data

    org_demo.load()
    unit = OrgUnit.objects.get(code="B06", valid_to__isnull=True)
    registers.file_load_published(actor=get_user_model().objects.get(username="chief"), on=date(2024, 4, 1),
                                  **file_data(None, unit=unit, name="国民健康保険被保険者ファイル"))
    demo.load(today=date(2026, 11, 23))
    linked = OutOfPurposeUse.objects.filter(personal_info_file__isnull=False)
    assert linked.count() == 2
    assert {use.personal_info_file.name for use in linked} == {"国民健康保険被保険者ファイル"}
