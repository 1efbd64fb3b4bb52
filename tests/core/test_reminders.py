"""Reminders, notifications, their mail, and the worker's job runs."""

from datetime import date, timedelta

import pytest
from django.core import mail

from hogokan.core import jobs
from hogokan.core.models import JobRun, Notification, Reminder
from hogokan.core.services import (
    notification_send,
    notifications_mail,
    reminder_resolve,
    reminder_schedule,
    reminders_process,
)

DUE = date(2026, 11, 20)


@pytest.fixture
def mail_outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox


def schedule(town, **changes):
    values = {
        "key": "test:report:1",
        "subject": "確報の提出",
        "body": "漏えい等事案の確報を提出してください。",
        "url": "/incidents/1/",
        "due_date": DUE,
        "recipients": [town.user("officer"), town.user("staff")],
        "escalate_to": [town.user("manager")],
        "remind_days_before": (7, 1, 0),
        "escalate_after_days": 2,
    }
    values.update(changes)
    return reminder_schedule(**values)


def notes(kind=None):
    queryset = Notification.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    return list(queryset.order_by("pk").values_list("recipient__username", "subject"))


def run_days(first: date, last: date, *, times_a_day: int = 1) -> dict[date, int]:
    created = {}
    day = first
    while day <= last:
        created[day] = sum(reminders_process(day) for _ in range(times_a_day))
        day += timedelta(days=1)
    return created


# ---- scheduling ----------------------------------------------------------------------------------

def test_reminder_schedule_is_idempotent_by_key(town):
    first = schedule(town)
    again = schedule(town, subject="確報の提出（再）")
    assert first.pk == again.pk
    assert Reminder.objects.count() == 1
    again.refresh_from_db()
    assert again.subject == "確報の提出（再）"
    assert again.remind_days_before == [7, 1, 0]
    assert set(again.recipients.values_list("username", flat=True)) == {"officer", "staff"}
    assert set(again.escalate_to.values_list("username", flat=True)) == {"manager"}


def test_rescheduling_with_the_same_date_sends_nothing_twice(town):
    schedule(town)
    assert reminders_process(DUE - timedelta(days=7)) == 2
    schedule(town)
    assert reminders_process(DUE - timedelta(days=7)) == 0


def test_reminder_schedule_refuses_negative_steps(town):
    with pytest.raises(ValueError):
        schedule(town, remind_days_before=(7, -1))


# ---- steps before the due date ----------------------------------------------------------------------

def test_each_step_notifies_each_recipient_exactly_once_even_when_run_twice_a_day(town):
    schedule(town)
    created = run_days(DUE - timedelta(days=10), DUE, times_a_day=2)
    assert {day: count for day, count in created.items() if count} == {
        DUE - timedelta(days=7): 2, DUE - timedelta(days=1): 2, DUE: 2,
    }
    assert notes(Notification.Kind.REMINDER) == [
        ("officer", "【期限まであと7日】確報の提出"), ("staff", "【期限まであと7日】確報の提出"),
        ("officer", "【期限まであと1日】確報の提出"), ("staff", "【期限まであと1日】確報の提出"),
        ("officer", "【本日が期限です】確報の提出"), ("staff", "【本日が期限です】確報の提出"),
    ]
    note = Notification.objects.filter(recipient=town.user("officer")).first()
    assert note.due_date == DUE
    assert note.url == "/incidents/1/"
    assert "期限: 令和8年11月20日（金）" in note.body


def test_a_reminder_first_seen_late_sends_one_notice_not_every_missed_step(town):
    schedule(town)
    assert reminders_process(DUE) == 2  # the 7- and 1-day steps are past: one 本日 notice each
    assert notes() == [("officer", "【本日が期限です】確報の提出"), ("staff", "【本日が期限です】確報の提出")]
    assert reminders_process(DUE) == 0


def test_a_recipient_listed_twice_gets_one_notification(town):
    officer = town.user("officer")
    schedule(town, recipients=[officer, officer])
    assert reminders_process(DUE) == 1


def test_inactive_recipients_are_not_notified(town):
    staff = town.user("staff")
    staff.is_active = False
    staff.save()
    schedule(town)
    reminders_process(DUE)
    assert [username for username, _ in notes()] == ["officer"]


# ---- escalation ------------------------------------------------------------------------------------

def test_escalation_after_due_date_plus_escalate_after_days_goes_to_escalate_to_once(town):
    schedule(town)
    created = run_days(DUE, DUE + timedelta(days=10), times_a_day=2)
    escalations = notes(Notification.Kind.ESCALATION)
    assert escalations == [("manager", "【期限超過】確報の提出")]
    assert created[DUE + timedelta(days=1)] == 0
    assert created[DUE + timedelta(days=2)] == 1
    note = Notification.objects.get(kind=Notification.Kind.ESCALATION)
    assert "期限 令和8年11月20日 を2日過ぎています。" in note.body
    assert Reminder.objects.get().escalated_at is not None


def test_escalation_without_escalate_to_goes_to_the_recipients(town):
    schedule(town, escalate_to=[], escalate_after_days=1)
    reminders_process(DUE + timedelta(days=1))
    assert {username for username, _ in notes(Notification.Kind.ESCALATION)} == {"officer", "staff"}


def test_escalate_after_zero_days_still_waits_until_the_due_date_has_passed(town):
    schedule(town, escalate_after_days=0)
    reminders_process(DUE)
    assert notes(Notification.Kind.ESCALATION) == []
    reminders_process(DUE + timedelta(days=1))
    assert notes(Notification.Kind.ESCALATION) == [("manager", "【期限超過】確報の提出")]


# ---- resolution and re-arming ---------------------------------------------------------------------

def test_reminder_resolve_stops_further_notifications(town):
    schedule(town)
    reminders_process(DUE - timedelta(days=7))
    reminder_resolve(key="test:report:1")
    assert run_days(DUE - timedelta(days=6), DUE + timedelta(days=10)) == {
        DUE - timedelta(days=6) + timedelta(days=n): 0 for n in range(17)
    }
    assert Notification.objects.count() == 2


def test_rescheduling_a_resolved_reminder_does_not_wake_it(town):
    schedule(town)
    reminder_resolve(key="test:report:1")
    schedule(town, subject="確報の提出（件名修正）")
    assert reminders_process(DUE) == 0


def test_changing_the_due_date_re_arms_steps_and_escalation(town):
    schedule(town)
    run_days(DUE - timedelta(days=7), DUE + timedelta(days=2))
    assert Notification.objects.count() == 7  # 3 steps × 2 recipients + 1 escalation
    new_due = DUE + timedelta(days=30)  # 法83②: extended
    reminder = schedule(town, due_date=new_due)
    assert reminder.sent_steps == [] and reminder.escalated_at is None
    run_days(DUE + timedelta(days=3), new_due + timedelta(days=2))
    assert Notification.objects.count() == 14
    assert Notification.objects.filter(kind=Notification.Kind.ESCALATION, due_date=new_due).count() == 1


# ---- notifications and mail ------------------------------------------------------------------------

def test_notification_send_keeps_the_related_record(town):
    [note] = notification_send(recipients=[town.user("officer")], subject="組織改編のお知らせ", related=town.citizens)
    assert note.related == town.citizens


def test_notifications_mail_sends_only_to_recipients_with_email_and_marks_all_sent(town, mail_outbox, settings):
    settings.HOGOKAN_BASE_URL = "https://hogokan.example.jp"
    staff = town.user("staff")
    staff.email = ""
    staff.save()
    schedule(town)
    reminders_process(DUE)
    assert notifications_mail() == 1
    assert len(mail_outbox) == 1
    message = mail_outbox[0]
    assert message.to == ["officer@example.jp"]
    assert message.subject == "[Hogokan] 【本日が期限です】確報の提出"
    assert "https://hogokan.example.jp/incidents/1/" in message.body
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert notifications_mail() == 0  # nothing twice
    assert len(mail_outbox) == 1


def test_notifications_mail_flattens_a_subject_with_line_breaks(town, mail_outbox):
    notification_send(recipients=[town.user("officer")], subject="一行目\n二行目")
    assert notifications_mail() == 1
    assert mail_outbox[0].subject == "[Hogokan] 一行目 二行目"


def test_a_mail_the_server_refused_is_sent_by_the_next_run_and_none_twice(town, mail_outbox, monkeypatch):
    import smtplib

    from django.core.mail import send_mail as real_send

    notification_send(recipients=[town.user("officer"), town.user("officer2")], subject="点検の提出期限")
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args[3])
        if len(calls) == 2:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(*args, **kwargs)

    monkeypatch.setattr("django.core.mail.send_mail", flaky)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notifications_mail()
    assert len(mail_outbox) == 1
    assert Notification.objects.filter(sent_at__isnull=True).count() == 1  # unclaimed, not lost
    assert notifications_mail() == 1
    assert sorted(message.to[0] for message in mail_outbox) == sorted(
        [town.user("officer").email, town.user("officer2").email])


def test_a_stopping_worker_sends_nothing_more(town, mail_outbox):
    notification_send(recipients=[town.user("officer")], subject="点検の提出期限")
    assert notifications_mail(stop=lambda: True) == 0
    assert mail_outbox == []
    assert Notification.objects.filter(sent_at__isnull=True).count() == 1


# ---- the worker's jobs ----------------------------------------------------------------------------

def test_run_due_jobs_records_runs_and_a_failing_job_does_not_stop_the_others(town, mail_outbox, monkeypatch):
    def broken(now):
        raise RuntimeError("壊れたジョブ")

    monkeypatch.setattr(jobs, "JOBS", {"broken": broken, **jobs.JOBS})
    schedule(town)
    results = jobs.run_due_jobs()
    assert results["broken"] == "失敗"
    assert results["reminders"].startswith("通知 ")
    assert results["mail"].startswith("メール ")
    runs = {run.name: run for run in JobRun.objects.all()}
    assert {"broken", "reminders", "mail"} <= set(runs)
    assert not runs["broken"].ok and "壊れたジョブ" in runs["broken"].message
    assert runs["reminders"].ok and runs["mail"].ok
    assert all(run.finished_at is not None for run in runs.values())
