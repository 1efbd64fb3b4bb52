"""The 審議会 register (issue 22 §3): meetings with numbered 諮問・報告 items, each tied to what it concerns."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.purpose_uses import services as purpose_uses
from hogokan.registers import services, services_evaluation
from hogokan.registers.models import CouncilAgendaItem
from hogokan.registers.services_evaluation import ChangeRow

from ..conftest import assert_statuses
from .conftest import file_data


@pytest.fixture
def round(town, chief):
    file = services.file_load_published(actor=chief, on=date(2022, 4, 1), **file_data(town, is_specific=True))
    pia = services.pia_save(actor=chief, file=file, persons=120_000, handlers=300, serious_accident=False,
                            published_on=date(2022, 6, 1))
    document = services_evaluation.document_save(actor=chief, pia=pia, number="1", name="住民基本台帳に関する事務",
                                                 kind="priority", published_on=date(2022, 6, 1))
    return services_evaluation.round_save(actor=chief, kind="re", title="評価書の再実施について", unit=town.citizens,
                                          reason="ガバメントクラウドへの移行", planned_on=date(2025, 4, 1),
                                          documents=[document], changes=[ChangeRow("保管場所", "前", "後")])


@pytest.fixture
def meeting(chief):
    return services_evaluation.meeting_save(actor=chief, session="令和6年度第1回", held_on=date(2025, 3, 17),
                                            place="本館2階特別会議室")


@pytest.fixture
def use(town):
    return purpose_uses.use_save(actor=town.user("staff"), kind="use", organ=town.mayor, unit=town.citizens,
                                 used_on=date(2025, 1, 10), file_or_affair_name="住民基本台帳", recipient="福祉課",
                                 purpose="災害時の安否確認", basis="internal", no_unfair_harm=True)


def test_items_tied_to_what_they_concern(client_for, town, chief, round, meeting, use):
    add = services_evaluation.agenda_item_save
    add(actor=chief, meeting=meeting, number=3, kind="consultation", title="保護評価の再実施について",
        subject="evaluation", evaluation=round, unit=town.citizens)
    add(actor=chief, meeting=meeting, number=4, kind="report", title="目的外利用の状況", subject="record", related=use)
    add(actor=chief, meeting=meeting, number=5, kind="report", title="運用状況について（報告）", subject="annual",
        fiscal_year=2024)
    html = client_for("staff").get(f"/registers/council/{meeting.pk}/").content.decode()
    assert "日程第3" in html and f"/registers/evaluations/{round.pk}/" in html
    assert "目的外利用・提供:" in html and f"/purpose-uses/{use.pk}/" in html
    assert "運用状況の報告（令和6年度）" in html and "fiscal_year=2024" in html
    # the round's page names the meeting
    assert "令和6年度第1回" in client_for("staff").get(f"/registers/evaluations/{round.pk}/").content.decode()
    csv = client_for("staff").get("/registers/council/?format=csv").content.decode("utf-8-sig")
    assert "保護評価の再実施について" in csv and "評価の実施: 評価書の再実施について" in csv


def test_item_rules(chief, meeting, round):
    add = services_evaluation.agenda_item_save
    add(actor=chief, meeting=meeting, number=1, kind="consultation", title="諮問", subject="evaluation", evaluation=round)
    with pytest.raises(ValidationError) as error:
        add(actor=chief, meeting=meeting, number=1, kind="report", title="重複", subject="other")
    assert "日程第1はこの審議会に既にあります" in error.value.message_dict["number"][0]
    with pytest.raises(ValidationError) as error:
        add(actor=chief, meeting=meeting, number=2, kind="report", title="年次", subject="annual")
    assert "報告の対象年度" in error.value.message_dict["fiscal_year"][0]
    with pytest.raises(ValidationError) as error:
        add(actor=chief, meeting=meeting, number=2, kind="consultation", title="諮問", subject="evaluation")
    assert "evaluation" in error.value.message_dict
    assert CouncilAgendaItem.objects.count() == 1


def test_form_offers_the_records_and_refuses_others(client_for, town, meeting, use):
    client = client_for("chief")
    form = client.get(f"/registers/council/{meeting.pk}/items/new/").content.decode()
    assert f'value="purpose_use:{use.pk}"' in form and "目的外利用・提供" in form
    data = {"number": "2", "kind": "report", "title": "目的外利用", "subject": "record", "related": "purpose_use:999999"}
    response = client.post(f"/registers/council/{meeting.pk}/items/new/", data)
    assert response.status_code == 200 and "関係する記録は選択肢から選んでください。" in response.content.decode()
    data["related"] = f"purpose_use:{use.pk}"
    assert client.post(f"/registers/council/{meeting.pk}/items/new/", data).status_code == 302
    assert CouncilAgendaItem.objects.get().related == use


def test_only_the_office_keeps_the_register(client_for, meeting):
    assert_statuses(client_for, "GET", "/registers/council/new/", {"chief": 200, "officer": 403, "auditor": 403})
    assert_statuses(client_for, "GET", f"/registers/council/{meeting.pk}/", {"staff": 200, "auditor": 200,
                                                                             "contractor": 404})
    client_for("officer").post(f"/registers/council/{meeting.pk}/edit/", {"session": "改ざん", "held_on": "2025-03-17"})
    meeting.refresh_from_db()
    assert meeting.session == "令和6年度第1回"
    response = client_for("chief").post("/registers/council/new/", {"session": "", "held_on": "2025-13-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "回を入力してください。" in html and "開催日" in html
