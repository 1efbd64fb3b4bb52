"""An import or a multi-record action that fails halfway leaves nothing half-written (issue 18 §1).

Validation errors are tested in each module (row-numbered messages, nothing written). Here the
database itself fails in the middle (the connection lost at the second row, as when PostgreSQL
restarts): the error reaches the caller, and not one row, history row or reminder of the action is left.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError

from hogokan.core.models import Reminder
from hogokan.inspections.models import Campaign, InspectionResponse
from hogokan.org.models import Assignment, Person, Role
from hogokan.registers.models import FileVersion, PersonalInfoFile
from hogokan.training import services as training
from hogokan.training.models import Attendance
from tests.org.test_import import PEOPLE_HEADER, csv_bytes
from tests.registers.test_import import _row, _xlsx

pytestmark = pytest.mark.django_db
LOST = "server closed the connection unexpectedly"


def fail_on_call(monkeypatch, target: str, number: int = 2, *, after: bool = False):
    """Replace ``target`` (module.attribute) so that its ``number``-th call fails like a lost connection."""
    module_name, name = target.rsplit(".", 1)
    module = __import__(module_name, fromlist=[name])
    real = getattr(module, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == number and not after:
            raise OperationalError(LOST)
        result = real(*args, **kwargs)
        if len(calls) == number:
            raise OperationalError(LOST)
        return result

    monkeypatch.setattr(module, name, failing)
    return calls


def _counts(*models) -> tuple:
    return tuple((model.objects.count(), model.history.count() if hasattr(model, "history") else 0)
                 for model in models)


def test_people_import_losing_the_database_at_the_second_row_writes_nobody(town, monkeypatch):
    from hogokan.org.importing import import_commit

    rows = [PEOPLE_HEADER, ["E2001", "山田 花子", "", "", "職員", "", "yamada.h"],
            ["E2002", "佐藤 一", "", "", "", "", "sato.h"], ["E2003", "鈴木 三", "", "", "", "", ""]]
    before = _counts(Person), get_user_model().objects.count()
    fail_on_call(monkeypatch, "hogokan.org.services.person_create", 2)
    with pytest.raises(OperationalError):
        import_commit(actor=town.user("admin"), kind="people", filename="p.csv", data=csv_bytes(rows))
    assert (_counts(Person), get_user_model().objects.count()) == before


def test_register_import_losing_the_database_at_the_second_file_writes_no_file(town, monkeypatch):
    from hogokan.registers import importing

    data = _xlsx([_row(), _row(name="印鑑登録原票ファイル", withheld=""), _row(name="国民健康保険ファイル", withheld="")])
    before = _counts(PersonalInfoFile, FileVersion)
    fail_on_call(monkeypatch, "hogokan.registers.services.file_load_published", 2, after=True)
    with pytest.raises(OperationalError):
        importing.import_commit(actor=town.user("chief"), filename="r.xlsx", data=data, publish=True)
    assert _counts(PersonalInfoFile, FileVersion) == before


def test_attendance_import_losing_the_database_after_the_rows_keeps_no_row_and_no_history(town, monkeypatch):
    course = training.course_save(actor=town.user("chief"), title="個人情報保護研修", fiscal_year=2026,
                                  kind="all_staff", audience_roles=[Role.OFFICER, Role.STAFF], due=date(2026, 12, 25))
    data = "職員番号,受講日,修了\nE0006,2026/6/1,修了\nE0005,2026/6/2,修了\nE0004,2026-06-03,未修了\n".encode()
    assert training.import_check(course=course, filename="jlis.csv", data=data).ok
    before = _counts(Attendance)
    fail_on_call(monkeypatch, "hogokan.training.services.bulk_create_with_history", 1, after=True)
    with pytest.raises(OperationalError):
        training.import_commit(actor=town.user("chief"), course=course, filename="jlis.csv", data=data)
    assert _counts(Attendance) == before


def test_a_campaign_losing_the_database_while_scheduling_reminders_leaves_no_campaign(town, monkeypatch):
    from hogokan.inspections import services

    assert Assignment.objects.filter(role=Role.OFFICER).count() >= 2
    before = _counts(Campaign, InspectionResponse), Reminder.objects.count()
    fail_on_call(monkeypatch, "hogokan.inspections.services.response_schedule_reminders", 2, after=True)
    with pytest.raises(OperationalError):
        services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.ADHOC, year=2026, month=12,
                                 title="臨時点検")
    assert (_counts(Campaign, InspectionResponse), Reminder.objects.count()) == before
