"""Writes of the shared records: attachments, notifications, reminders."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hogokan.core.models import Attachment, Notification, Reminder


def attachment_add(*, actor, target, uploaded_file, description: str = "") -> Attachment:
    """Store a file on ``target`` after checking size and type; its SHA-256 is kept."""
    max_bytes = settings.HOGOKAN_ATTACHMENT_MAX_MB * 1024 * 1024
    if uploaded_file.size > max_bytes:
        raise ValidationError(f"ファイルが大きすぎます（上限 {settings.HOGOKAN_ATTACHMENT_MAX_MB} MB）。")
    if uploaded_file.size == 0:
        raise ValidationError("空のファイルは添付できません。")
    name = uploaded_file.name.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = [item.lower() for item in settings.HOGOKAN_ATTACHMENT_TYPES]
    if extension not in allowed:
        raise ValidationError(f"この種類のファイルは添付できません（添付できる種類: {'、'.join(allowed)}）。")
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        original_name=name[:255],
        size=uploaded_file.size,
        sha256=digest.hexdigest(),
        mime_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        description=description,
        uploaded_by=actor,
    )
    attachment.file.save(f"{digest.hexdigest()[:16]}.{extension}", uploaded_file, save=False)
    attachment.save()
    return attachment


def attachments_of(target):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("uploaded_by")


def notification_send(*, recipients: Iterable, subject: str, body: str = "", url: str = "", related=None,
                      due_date: date | None = None, kind: str = Notification.Kind.INFO,
                      reminder: Reminder | None = None) -> list[Notification]:
    """Store one in-app notification per recipient; the worker mails them."""
    content_type = ContentType.objects.get_for_model(related) if related is not None else None
    notes = [
        Notification(
            recipient=user, subject=subject, body=body, url=url, kind=kind, due_date=due_date, reminder=reminder,
            content_type=content_type, object_id=related.pk if related is not None else None,
        )
        for user in {user.pk: user for user in recipients}.values()
    ]
    return Notification.objects.bulk_create(notes)


@transaction.atomic
def reminder_schedule(*, key: str, subject: str, due_date: date, recipients: Iterable, body: str = "",
                      url: str = "", related=None, escalate_to: Iterable = (),
                      remind_days_before: Iterable[int] = (7, 1, 0), escalate_after_days: int = 1) -> Reminder:
    """Remind ``recipients`` before ``due_date``; tell ``escalate_to`` once it is overdue.

    Idempotent by ``key``: calling again updates the reminder (a changed due date re-arms it).
    """
    reminder = Reminder.objects.select_for_update().filter(key=key).first()
    if reminder is None:
        reminder = Reminder(key=key)
    elif reminder.due_date != due_date:
        reminder.sent_steps, reminder.escalated_at = [], None
    reminder.subject, reminder.body, reminder.url, reminder.due_date = subject, body, url, due_date
    reminder.remind_days_before = sorted({int(days) for days in remind_days_before}, reverse=True)
    reminder.escalate_after_days = escalate_after_days
    reminder.resolved_at = None
    if related is not None:
        reminder.content_type = ContentType.objects.get_for_model(related)
        reminder.object_id = related.pk
    reminder.save()
    reminder.recipients.set(list(recipients))
    reminder.escalate_to.set(list(escalate_to))
    return reminder


def reminder_resolve(*, key: str) -> None:
    """The task is done: no more reminders for it."""
    Reminder.objects.filter(key=key, resolved_at__isnull=True).update(resolved_at=timezone.now())


def reminders_process(today: date) -> int:
    """Create the notifications that are due today; returns how many were created."""
    from hogokan.core.calendar import wareki

    created = 0
    for reminder in Reminder.objects.filter(resolved_at__isnull=True).prefetch_related("recipients", "escalate_to"):
        with transaction.atomic():
            due_steps = [days for days in reminder.remind_days_before
                         if (reminder.due_date - today).days <= days and days not in reminder.sent_steps]
            if due_steps and today <= reminder.due_date:
                days_left = (reminder.due_date - today).days
                prefix = "本日が期限です" if days_left == 0 else f"期限まであと{days_left}日"
                created += len(notification_send(
                    recipients=reminder.recipients.all(), subject=f"【{prefix}】{reminder.subject}",
                    body=f"{reminder.body}\n期限: {wareki(reminder.due_date, weekday=True)}".strip(),
                    url=reminder.url, due_date=reminder.due_date, kind=Notification.Kind.REMINDER,
                    reminder=reminder,
                ))
                reminder.sent_steps = sorted(set(reminder.sent_steps) | set(due_steps), reverse=True)
            overdue_days = (today - reminder.due_date).days
            if overdue_days >= reminder.escalate_after_days and reminder.escalated_at is None:
                escalate_to = list(reminder.escalate_to.all()) or list(reminder.recipients.all())
                created += len(notification_send(
                    recipients=escalate_to, subject=f"【期限超過】{reminder.subject}",
                    body=f"{reminder.body}\n期限 {wareki(reminder.due_date)} を{overdue_days}日過ぎています。".strip(),
                    url=reminder.url, due_date=reminder.due_date, kind=Notification.Kind.ESCALATION,
                    reminder=reminder,
                ))
                reminder.escalated_at = timezone.now()
            reminder.save(update_fields=["sent_steps", "escalated_at"])
    return created


def notifications_mail(*, limit: int = 500) -> int:
    """Mail the notifications not mailed yet (recipients without an address are marked done)."""
    from django.core.mail import send_mail

    sent = 0
    pending = Notification.objects.filter(sent_at__isnull=True).select_related("recipient")[:limit]
    for note in pending:
        if note.recipient.email:
            link = f"\n\n{settings.HOGOKAN_BASE_URL}{note.url}" if note.url else ""
            send_mail(f"[Hogokan] {note.subject}", f"{note.body}{link}", None, [note.recipient.email])
            sent += 1
        Notification.objects.filter(pk=note.pk).update(sent_at=timezone.now())
    return sent
