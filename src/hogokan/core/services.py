"""Writes of the shared records: attachments, notifications, reminders."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable, Iterable
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hogokan.core.calendar import wareki
from hogokan.core.models import Attachment, Notification, Reminder


@transaction.atomic
def save_with_history(obj, actor, reason: str = "", *, validate: bool = True):
    """Validate and save a record, its history row naming ``actor`` and the ``reason`` (変更理由).

    ``validate=False`` only where the code, not the user, set every field (status changes).
    """
    if validate:
        obj.full_clean()
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


def attachment_add(*, actor, target, uploaded_file, description: str = "") -> Attachment:
    """Store a file on ``target`` after checking size and type; its SHA-256 is kept.

    ``actor`` is the uploading user; the caller has checked that it may change ``target``.
    """
    max_mb = settings.HOGOKAN_ATTACHMENT_MAX_MB
    if uploaded_file.size > max_mb * 1024 * 1024:
        raise ValidationError(f"ファイルが大きすぎます（上限 {max_mb} MB）。")
    if uploaded_file.size == 0:
        raise ValidationError("空のファイルは添付できません。")
    # Old Windows browsers send the whole path ("C:\\Users\\…\\a.pdf"): keep the last part only.
    name = uploaded_file.name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = [item.strip().lower().lstrip(".") for item in settings.HOGOKAN_ATTACHMENT_TYPES]
    if extension not in allowed:
        raise ValidationError(f"この種類のファイルは添付できません（添付できる種類: {'、'.join(allowed)}）。")
    description = description.strip()
    max_description = Attachment._meta.get_field("description").max_length
    if len(description) > max_description:
        raise ValidationError(f"説明は{max_description}文字以内で入力してください。")
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    if len(name) > 255:  # keep the extension when shortening
        name = name[: 254 - len(extension)] + "." + extension
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        original_name=name,
        size=uploaded_file.size,
        sha256=digest.hexdigest(),
        mime_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        description=description,
        uploaded_by=actor,
    )
    # The stored name is ours (no user text reaches the file system); the original is kept in the row.
    attachment.file.save(f"{digest.hexdigest()[:16]}.{extension}", uploaded_file, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # no orphan file when the row cannot be written
        raise
    return attachment


def attachments_of(target):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("uploaded_by")


def notification_send(*, recipients: Iterable, subject: str, body: str = "", url: str = "", related=None,
                      due_date: date | None = None, kind: str = Notification.Kind.INFO,
                      reminder: Reminder | None = None, related_type: ContentType | None = None,
                      related_id: int | None = None) -> list[Notification]:
    """Store one in-app notification per recipient (each user once); the worker mails them.

    The record it is about is ``related``, or ``related_type`` + ``related_id`` when only those are known.
    """
    if related is not None:
        related_type, related_id = ContentType.objects.get_for_model(related), related.pk
    notes = [
        Notification(
            recipient=user, subject=subject, body=body, url=url, kind=kind, due_date=due_date, reminder=reminder,
            content_type=related_type, object_id=related_id,
        )
        for user in sorted({user.pk: user for user in recipients}.values(), key=lambda user: user.pk)
    ]
    return Notification.objects.bulk_create(notes)


def reminder_key(target, purpose: str, *parts, pk: int | None = None) -> str:
    """The one key scheme of reminders: ``"<app>.<model>:<pk>:<purpose>[:<part>…]"``.

    ``target`` is the record the reminder is about (a model instance), or its model (class or
    ``"app.model"`` label) with ``pk=`` when only the id is at hand. ``purpose`` says which task
    of the record it is ("submit", "due", "review", "final" …); ``parts`` tell apart several
    reminders of one purpose (a request's clock after each 補正). Reminders are idempotent by key,
    so a key, once used, never changes: core/migrations/0002 moved the older forms to this one.
    """
    if isinstance(target, str):
        label = target.lower()
    else:
        label = target._meta.label_lower
        if pk is None and not isinstance(target, type):
            pk = target.pk
    if pk is None:
        raise ValueError("reminder_key needs the record's pk (an unsaved record has none).")
    if not purpose or any(":" in str(part) for part in (purpose, *parts)):
        raise ValueError("a reminder key's purpose is required and no part may contain ':'.")
    return ":".join([label, str(pk), purpose, *(str(part) for part in parts)])


@transaction.atomic
def reminder_schedule(*, key: str, subject: str, due_date: date, recipients: Iterable, body: str = "",
                      url: str = "", related=None, escalate_to: Iterable = (),
                      remind_days_before: Iterable[int] = (7, 1, 0), escalate_after_days: int = 1) -> Reminder:
    """Remind ``recipients`` before ``due_date``; tell ``escalate_to`` once it is overdue.

    Idempotent by ``key``: calling again updates the reminder without sending anything twice; a
    changed due date (e.g. an extension, 法83②) re-arms the steps and the escalation. A resolved
    reminder stays resolved: its task is done, and editing the record later must not wake it up.
    """
    steps = sorted({int(days) for days in remind_days_before}, reverse=True)
    if any(days < 0 for days in steps):
        raise ValueError("remind_days_before takes days before the due date (0 or more).")
    if escalate_after_days < 0:
        raise ValueError("escalate_after_days must be 0 or more.")
    reminder = Reminder.objects.select_for_update().filter(key=key).first()
    if reminder is None:
        reminder = Reminder(key=key)
    elif reminder.due_date != due_date:
        reminder.sent_steps, reminder.escalated_at = [], None
    reminder.subject, reminder.body, reminder.url, reminder.due_date = subject, body, url, due_date
    reminder.remind_days_before = steps
    reminder.escalate_after_days = escalate_after_days
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
    """Create the notifications that are due today; returns how many were created.

    Safe to run any number of times a day, and by two workers at once: a reminder with something
    due is locked and read again before anything is sent.
    """
    created = 0
    for reminder in Reminder.objects.filter(resolved_at__isnull=True).order_by("pk"):
        if not _due_steps(reminder, today) and not _escalation_due(reminder, today):
            continue
        with transaction.atomic():
            locked = Reminder.objects.select_for_update().filter(pk=reminder.pk, resolved_at__isnull=True).first()
            if locked is not None:
                created += _reminder_send(locked, today)
    return created


def _due_steps(reminder: Reminder, today: date) -> list[int]:
    days_left = (reminder.due_date - today).days
    if days_left < 0:
        return []  # past the due date only the escalation is left
    return [days for days in reminder.remind_days_before if days_left <= days and days not in reminder.sent_steps]


def _escalation_due(reminder: Reminder, today: date) -> bool:
    # Overdue means the day after the due date at the earliest, even with escalate_after_days = 0.
    overdue_days = (today - reminder.due_date).days
    return reminder.escalated_at is None and overdue_days >= max(1, reminder.escalate_after_days)


def _active(users) -> list:
    return [user for user in users if user.is_active]


def _reminder_send(reminder: Reminder, today: date) -> int:
    created = 0
    about = {"url": reminder.url, "due_date": reminder.due_date, "reminder": reminder,
             "related_type": reminder.content_type, "related_id": reminder.object_id}
    due_steps = _due_steps(reminder, today)
    if due_steps:
        days_left = (reminder.due_date - today).days
        prefix = "本日が期限です" if days_left == 0 else f"期限まであと{days_left}日"
        created += len(notification_send(
            recipients=_active(reminder.recipients.all()), subject=f"【{prefix}】{reminder.subject}",
            body=f"{reminder.body}\n期限: {wareki(reminder.due_date, weekday=True)}".strip(),
            kind=Notification.Kind.REMINDER, **about,
        ))
        # Every step already reached is done: a reminder first seen on the due date sends one notice.
        reminder.sent_steps = sorted(set(reminder.sent_steps) | set(due_steps), reverse=True)
    if _escalation_due(reminder, today):
        overdue_days = (today - reminder.due_date).days
        escalate_to = _active(reminder.escalate_to.all()) or _active(reminder.recipients.all())
        created += len(notification_send(
            recipients=escalate_to, subject=f"【期限超過】{reminder.subject}",
            body=f"{reminder.body}\n期限 {wareki(reminder.due_date)} を{overdue_days}日過ぎています。".strip(),
            kind=Notification.Kind.ESCALATION, **about,
        ))
        reminder.escalated_at = timezone.now()
    reminder.save(update_fields=["sent_steps", "escalated_at"])
    return created


def notifications_mail(*, limit: int = 500, stop: Callable[[], bool] = lambda: False) -> int:
    """Mail the notifications not mailed yet (recipients without an address are marked done).

    Each notification is claimed (``sent_at`` set, committed) before its mail goes out, so a second
    worker, or this one restarted, never sends it again; a mail the server refused is unclaimed and
    retried by the next run. ``stop()`` (the worker's SIGTERM) is asked between mails: a stopped
    worker finishes the mail in hand. Only a SIGKILL in the middle of a send can lose that one mail
    (at most once, never twice).
    """
    from django.core.mail import send_mail

    sent = 0
    pending = Notification.objects.filter(sent_at__isnull=True).select_related("recipient").order_by("pk")[:limit]
    for note in pending:
        if stop():
            break
        if not Notification.objects.filter(pk=note.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            continue  # claimed by another worker meanwhile
        if note.recipient.email and note.recipient.is_active:
            link = f"\n\n{settings.HOGOKAN_BASE_URL}{note.url}" if note.url else ""
            # A line break in a subject is refused by Django's mail (header injection).
            subject = " ".join(note.subject.split())
            try:
                send_mail(f"[Hogokan] {subject}", f"{note.body}{link}", None, [note.recipient.email])
            except Exception:
                Notification.objects.filter(pk=note.pk).update(sent_at=None)  # not sent: the next run retries
                raise
            sent += 1
    return sent
