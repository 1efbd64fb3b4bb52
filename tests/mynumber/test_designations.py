"""事務取扱担当者: naming one, the end with the assignment (人事異動), the gaps on a date, the API and pages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hogokan.core.models import Notification, Reminder
from hogokan.mynumber import selectors, services
from hogokan.mynumber.models import Designation
from hogokan.org import services as org
from hogokan.org.models import Assignment, Role
from hogokan.registers import services as registers


def _staff_assignment(town):
    return Assignment.objects.get(person=town.people["staff"])


def test_a_designation_ends_with_the_assignment_in_the_unit_and_the_section_head_is_told(town, files):
    staff = town.people["staff"]
    designation = services.designation_create(actor=town.user("officer"), person=staff, unit=town.citizens,
                                              start=date(2025, 4, 1))
    assert selectors.gaps_on(date(2026, 3, 31), unit_ids={town.citizens.pk}) == []
    # 人事異動: 担当 四郎 moves to 保険年金課 on 2026-04-01
    old = _staff_assignment(town)
    org.transfers_apply(actor=town.user("admin"), effective=date(2026, 4, 1), batch="R8人事異動", lines=[
        org.TransferLine(person=staff, end_assignment=old, new_unit=town.pension, new_role=Role.STAFF)])
    designation.refresh_from_db()
    assert designation.end == date(2026, 3, 31)
    assert designation.end_reason == Designation.EndReason.ASSIGNMENT_ENDED
    note = Notification.objects.get(recipient=town.user("officer"), subject__startswith="事務取扱担当者の指定が終了")
    assert "担当 四郎" in note.subject and "後任を指定" in note.body
    history = designation.history.order_by("-history_date").first()
    assert history.history_user == town.user("admin") and "人事異動" in history.history_change_reason
    [gap] = selectors.gaps_on(date(2026, 4, 1), unit_ids={town.citizens.pk})
    assert gap.reason == "designee_left" and {f.pk for f in gap.files} == {files["juki"].pk, files["card"].pk}


def test_the_worker_ends_designations_that_outlived_the_assignment(town, files):
    staff = town.people["staff"]
    designation = services.designation_create(actor=town.user("chief"), person=staff, unit=town.citizens,
                                              start=date(2025, 4, 1))
    Assignment.objects.filter(person=staff).update(end=date(2026, 3, 31))  # written outside the services
    assert designation in services.designations_close_departed(today=date(2026, 4, 2))
    designation.refresh_from_db()
    assert designation.end == date(2026, 3, 31)
    assert services.designations_close_departed(today=date(2026, 4, 3)) == []  # idempotent


def test_gaps_on_a_date(town, files):
    # nobody designated: both units with 特定個人情報ファイル are gaps; 学務課 holds none
    gaps = {gap.unit.pk: gap for gap in selectors.gaps_on(date(2026, 6, 1))}
    assert set(gaps) == {town.citizens.pk, town.pension.pk}
    assert gaps[town.citizens.pk].reason == "no_designee"
    # a file-only designation covers that file alone
    services.designation_create(actor=town.user("chief"), person=town.people["staff"], unit=town.citizens,
                                start=date(2026, 5, 1), file=files["juki"])
    [gap] = [g for g in selectors.gaps_on(date(2026, 6, 1)) if g.unit.pk == town.citizens.pk]
    assert [f.pk for f in gap.files] == [files["card"].pk]
    # before the designation the unit had a gap for both files; a unit-wide designation closes it
    assert len(next(g for g in selectors.gaps_on(date(2026, 4, 30)) if g.unit == town.citizens).files) == 2
    services.designation_create(actor=town.user("chief"), person=town.people["officer"], unit=town.citizens,
                                start=date(2026, 5, 15))
    assert [g.unit for g in selectors.gaps_on(date(2026, 6, 1))] == [town.pension]
    # a retired file is no longer held
    registers.file_retire(actor=town.user("chief"), file=files["kokuho"], reason="事務の廃止", retired_on=date(2026, 5, 31))
    assert selectors.gaps_on(date(2026, 6, 1)) == []
    assert [g.unit for g in selectors.gaps_on(date(2026, 5, 30))] == [town.pension]


def test_bad_designations_are_refused_in_japanese(town, files):
    with pytest.raises(ValidationError) as error:
        services.designation_create(actor=town.user("chief"), person=town.people["officer2"], unit=town.citizens,
                                    start=date(2026, 4, 1))
    assert "市民課に配属されていません" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.designation_create(actor=town.user("chief"), person=town.people["staff"], unit=town.citizens,
                                    start=date(2026, 4, 1), file=files["kokuho"])
    assert "市民課の特定個人情報ファイル" in str(error.value)
    services.designation_create(actor=town.user("chief"), person=town.people["staff"], unit=town.citizens,
                                start=date(2026, 4, 1))
    with pytest.raises(ValidationError) as error:
        services.designation_create(actor=town.user("chief"), person=town.people["staff"], unit=town.citizens,
                                    start=date(2026, 5, 1))
    assert "既に" in str(error.value)
    assert Designation.objects.count() == 1


def test_the_monthly_reminder_goes_to_the_section_head_and_closes_with_a_designation(town, files):
    today = date(2026, 6, 3)
    assert services.gap_reminders(today) == 2
    reminder = Reminder.objects.get(key=f"org.orgunit:{town.citizens.pk}:mynumber-designee:2026-06")
    assert list(reminder.recipients.all()) == [town.user("officer")]
    assert list(reminder.escalate_to.all()) == [town.user("chief")]
    assert reminder.due_date == date(2026, 6, 30)
    services.designation_create(actor=town.user("officer"), person=town.people["staff"], unit=town.citizens,
                                start=date(2026, 6, 1))
    services.gap_reminders(today)
    reminder.refresh_from_db()
    assert reminder.resolved_at is not None
    assert services.gap_reminders(today) == 1  # 保険年金課 still has none


# ---- the API (exact paths and fields, issue 22 §1) --------------------------------------------------

def test_api_designate_list_end_and_gaps(town, files, client_for):
    client = client_for("officer")
    staff = town.people["staff"]
    response = client.post("/api/v1/mynumber/designations", {"person": staff.pk, "unit": town.citizens.pk,
                                                              "start": "2025-04-01", "file": None},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] and body["person"] == staff.pk and body["unit"] == town.citizens.pk and body["file"] is None
    listed = client.get(f"/api/v1/mynumber/designations?unit={town.citizens.pk}&as_of=2026-01-05").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert client.get("/api/v1/mynumber/designations?as_of=2025-03-31").json()["results"] == []
    gaps = client_for("chief").get("/api/v1/mynumber/gaps?as_of=2026-01-05").json()
    assert gaps == [{"unit": town.pension.pk, "unit_name": "保険年金課", "files": [files["kokuho"].pk],
                     "reason": "no_designee"}]
    client = client_for("officer")
    ended = client.post(f"/api/v1/mynumber/designations/{body['id']}/end", {"end": "2026-02-27"},
                        content_type="application/json")
    assert ended.status_code == 200 and ended.json()["end"] == "2026-02-27"
    assert client.get("/api/v1/mynumber/designations?as_of=2026-03-02").json()["results"] == []
    gaps = client.get("/api/v1/mynumber/gaps?as_of=2026-03-02").json()
    assert gaps == [{"unit": town.citizens.pk, "unit_name": "市民課",
                     "files": sorted([files["juki"].pk, files["card"].pk], key=lambda pk: pk), "reason": "no_designee"}]


def test_api_designee_left_and_scoping(town, files, client_for):
    staff = town.people["staff"]
    services.designation_create(actor=town.user("chief"), person=staff, unit=town.citizens, start=date(2025, 4, 1))
    org.assignment_end(actor=town.user("admin"), assignment=_staff_assignment(town), end=date(2026, 3, 31))
    gaps = client_for("officer").get("/api/v1/mynumber/gaps?as_of=2026-04-01").json()
    assert [(g["unit"], g["reason"]) for g in gaps] == [(town.citizens.pk, "designee_left")]
    # another unit's section head cannot name staff of 市民課, nor end its designations
    client = client_for("officer2")
    refused = client.post("/api/v1/mynumber/designations", {"person": town.people["officer"].pk,
                                                            "unit": town.citizens.pk, "start": "2026-04-01"},
                          content_type="application/json")
    assert refused.status_code == 400  # 市民課 and its people are outside 保険年金課's view
    assert client.get("/api/v1/mynumber/designations?as_of=2026-01-05").json()["results"] == []
    assert client_for("contractor").get("/api/v1/mynumber/gaps").json() == []
    staff_client = client_for("staff")
    forbidden = staff_client.post("/api/v1/mynumber/designations", {"person": staff.pk, "unit": town.citizens.pk,
                                                                   "start": "2026-04-01"},
                                  content_type="application/json")
    assert forbidden.status_code == 403


def test_api_bad_input_is_a_japanese_400(town, files, client_for):
    client = client_for("chief")
    response = client.post("/api/v1/mynumber/designations", {"person": town.people["officer2"].pk,
                                                             "unit": town.citizens.pk, "start": "2026-02-30"},
                           content_type="application/json")
    assert response.status_code == 400 and "存在しない日付" in response.json()["errors"]["start"][0]
    response = client.post("/api/v1/mynumber/designations", {"person": town.people["officer2"].pk,
                                                             "unit": town.citizens.pk, "start": "2026-04-01"},
                           content_type="application/json")
    assert response.status_code == 400 and "配属されていません" in response.json()["errors"]["person"][0]
    assert client.get("/api/v1/mynumber/gaps?as_of=yesterday").status_code == 400
    assert Designation.objects.count() == 0


# ---- pages ---------------------------------------------------------------------------------------------

def test_pages_designate_and_show_the_gaps(town, files, client_for):
    client = client_for("officer")
    page = client.get("/mynumber/gaps/").content.decode()
    assert "市民課" in page and "事務取扱担当者が指定されていない" in page and "保険年金課" not in page
    today = timezone.localdate()
    response = client.post("/mynumber/designations/new/", {"unit": town.citizens.pk,
                                                           "person": town.people["staff"].pk,
                                                           "start": (today - timedelta(days=1)).isoformat()})
    assert response.status_code == 302, response.content.decode()[:3000]
    designation = Designation.objects.get()
    assert "担当 四郎" in client.get(f"/mynumber/designations/{designation.pk}/").content.decode()
    assert "担当 四郎" in client.get("/mynumber/designations/").content.decode()
    assert "事務取扱担当者のいない所属はありません" in client.get("/mynumber/gaps/").content.decode()
    csv = client.get("/mynumber/designations/?format=csv").content.decode("utf-8-sig")
    assert "担当 四郎" in csv


def test_the_office_dashboard_lists_the_gaps(town, files, client_for):
    page = client_for("chief").get("/").content.decode()
    assert "事務取扱担当者のいない所属 2 件" in page
    page = client_for("officer").get("/").content.decode()
    assert "事務取扱担当者がいません: 市民課" in page


def test_form_errors_keep_what_was_typed(town, files, client_for):
    client = client_for("officer")
    response = client.post("/mynumber/designations/new/", {"unit": town.citizens.pk,
                                                           "person": town.people["staff"].pk, "start": "2026/13/40"})
    assert response.status_code == 200
    assert "指定日" in response.content.decode() and Designation.objects.count() == 0
