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
