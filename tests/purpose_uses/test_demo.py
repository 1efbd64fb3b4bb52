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
