"""The demo register loads on the demo body, has what the issue asks for, and loads only once."""

from django.core.management import call_command

from hogokan.registers import demo
from hogokan.registers.models import PIA, FileVersion, HandlingAffair, PersonalInfoFile, PIAChange


def test_demo_loads_once(db):
    call_command("migrate", verbosity=0)
    from hogokan.org import demo as org_demo

    org_demo.load()
    assert demo.load() is True
    assert PersonalInfoFile.objects.count() >= 25
    assert PersonalInfoFile.objects.filter(kind=PersonalInfoFile.Kind.NON_STATUTORY).exists()
    assert PersonalInfoFile.objects.filter(status=PersonalInfoFile.Status.RETIRED).count() == 1
    assert PersonalInfoFile.objects.exclude(withheld={}).count() == 1
    assert PIA.objects.count() >= 5 and PIAChange.objects.count() == 1
    assert FileVersion.objects.filter(public=True).exists()
    assert HandlingAffair.objects.filter(files__isnull=True).exists()
    # The sections merged in 2024 keep their files under the successor 保険医療課.
    insurance = PersonalInfoFile.objects.get(name="国民健康保険被保険者ファイル")
    assert insurance.unit.name == "保険医療課" and insurance.unit.valid_to is None
    count = PersonalInfoFile.objects.count()
    assert demo.load() is False
    assert PersonalInfoFile.objects.count() == count
