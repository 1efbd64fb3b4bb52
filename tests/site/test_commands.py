"""The console commands: demo (idempotent), worker --once, apitoken."""

from io import StringIO

import pytest
from django.core.management import call_command

from hogokan.core.models import JobRun, Notification
from hogokan.core.services import reminder_schedule
from hogokan.org.models import Assignment, Organ, OrgUnit, Person, UnitKind


@pytest.mark.django_db
def test_demo_loads_a_fictional_city_once():
    out = StringIO()
    call_command("demo", stdout=out)
    assert "デモ団体を作成しました。" in out.getvalue()
    for username in ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor"):
        assert f"  {username} " in out.getvalue()
    assert list(Organ.objects.values_list("name", flat=True)) == [
        "市長", "教育委員会", "選挙管理委員会", "監査委員", "農業委員会", "固定資産評価審査委員会", "消防長", "事業管理者"]
    assert OrgUnit.objects.filter(parent__isnull=True).count() >= 6
    assert OrgUnit.objects.filter(kind=UnitKind.SECTION, valid_to__isnull=True).count() >= 30
    merged = OrgUnit.objects.get(code="B06")
    assert sorted(merged.predecessors.values_list("name", flat=True)) == ["保険年金課", "医療助成課"]
    counts = (OrgUnit.objects.count(), Person.objects.count(), Assignment.objects.count())
    again = StringIO()
    call_command("demo", stdout=again)
    assert "変更なし" in again.getvalue()
    assert (OrgUnit.objects.count(), Person.objects.count(), Assignment.objects.count()) == counts


@pytest.mark.django_db
def test_demo_prints_current_otp_code():
    call_command("demo", stdout=StringIO())
    out = StringIO()
    call_command("demo", otp="chief", stdout=out)
    assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6


def test_worker_once_runs_due_jobs(town):
    from django.utils import timezone

    reminder_schedule(key="t:1", subject="点検の提出", due_date=timezone.localdate(), recipients=[town.user("officer")])
    out = StringIO()
    call_command("worker", once=True, stdout=out)
    assert "reminders: 通知 " in out.getvalue() and "inspections.generate: 点検 " in out.getvalue()
    mine = Notification.objects.filter(recipient=town.user("officer"), subject="【本日が期限です】点検の提出")
    assert mine.count() == 1
    assert set(JobRun.objects.values_list("name", flat=True)) >= {"reminders", "mail", "inspections.generate"}
    # a second run the same day creates no duplicate
    total = Notification.objects.count()
    call_command("worker", once=True, stdout=StringIO())
    assert mine.count() == 1 and Notification.objects.count() == total


def test_serve_runs_one_gthread_worker_per_core_unless_told(db, monkeypatch):
    import os

    from django.core.management import call_command

    from hogokan.site.management.commands import serve

    started = []
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: started.append(argv))
    monkeypatch.setattr(serve.os, "cpu_count", lambda: 6)
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)  # migrate/collectstatic tested elsewhere
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("WEB_THREADS", raising=False)
    call_command("serve", "--port", "8123")
    argv = started[-1]
    assert argv[argv.index("--workers") + 1] == "6" and argv[argv.index("--threads") + 1] == "4"
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("WEB_THREADS", "8")
    call_command("serve")
    argv = started[-1]
    assert argv[argv.index("--workers") + 1] == "3" and argv[argv.index("--threads") + 1] == "8"
    assert os.path.basename(argv[0]) == "gunicorn"
