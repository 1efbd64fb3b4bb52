"""The demo data: the 八千代市 tables come out of the demo body; loading twice changes nothing."""

from datetime import date

from hogokan.disclosures import demo, statistics
from hogokan.disclosures.models import DataSubjectRequest
from hogokan.org import demo as org_demo


def test_demo_reproduces_the_seed_tables_and_is_idempotent(db):
    org_demo.load()
    assert demo.load(today=date(2026, 11, 23)) is True
    assert statistics.yachiyo_requests(2023).rows[-1] == ["計", 19, 26, 2, 40, 15, 0, 1, 8, 64]
    assert statistics.yachiyo_requests(2024).rows[-1] == ["計", 18, 23, 3, 16, 6, 2, 0, 2, 26]
    assert statistics.yachiyo_grounds(2023).rows[-1] == ["計", 17, 0, 1, 18]
    count = DataSubjectRequest.objects.count()
    assert demo.load() is False and DataSubjectRequest.objects.count() == count


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
    linked = DataSubjectRequest.objects.get(personal_info_file__isnull=False)
    assert linked.personal_info_file.name == linked.file_or_affair_name == "国民健康保険被保険者ファイル"
