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
    # issue 22 §3, §5: a re-evaluation before the 審議会 with its change table, the meeting with its items,
    # published 取扱事務 (one with a withheld item)
    from hogokan.registers.models import CouncilMeeting, EvaluationDocument, EvaluationRound

    round = EvaluationRound.objects.get()
    assert round.kind == "re" and round.consulted_on and not round.answered_on and round.changes.count() == 3
    assert round.documents.filter(kind="priority").count() >= 2
    assert EvaluationDocument.objects.filter(kind="full").exists()
    meeting = CouncilMeeting.objects.get()
    assert list(meeting.items.values_list("number", "kind")) == [(1, "consultation"), (2, "report"), (3, "report")]
    assert meeting.items.get(number=1).evaluation == round
    assert HandlingAffair.objects.filter(public=True).count() >= 10
    assert HandlingAffair.objects.filter(public=True, name="市税収納事務").exclude(withheld={}).exists()
    count = PersonalInfoFile.objects.count()
    assert demo.load() is False
    assert PersonalInfoFile.objects.count() == count
