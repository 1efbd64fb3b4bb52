"""Access reviews (アカウントの見直し) after 人事異動 and long leaves, and their resolution.

The org module announces each change (``org.api.personnel_changed`` / ``leave_recorded``, inside its
transaction, with every event of the call); ``reviews_for_events`` turns a whole batch into review
tasks with a fixed number of queries per batch (the April 1st 人事異動: thousands of events at once),
``naive_reviews_for_events`` is the per-event loop kept for bench/assets.py.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from hogokan.assets import rules
from hogokan.assets.models import AccessReview, InfoSystem, SystemAccount
from hogokan.core.calendar import body_calendar
from hogokan.core.services import reminder_key, reminder_resolve, reminder_schedule, save_with_history
from hogokan.core.workflow import transition
from hogokan.org import api as org

R = AccessReview.Reason
S = AccessReview.Status
KEPT_REASON_MESSAGE = "継続する理由を入力してください。"


def review_due(event_date: date, _memo: dict | None = None) -> date:
    """HOGOKAN_ACCESS_REVIEW_DAYS open days after the change (開庁日); ``_memo`` caches it per date in a batch."""
    if _memo is not None and event_date in _memo:
        return _memo[event_date]
    due = body_calendar().add_open_days(event_date, settings.HOGOKAN_ACCESS_REVIEW_DAYS)
    if _memo is not None:
        _memo[event_date] = due
    return due


def _active_accounts(person_ids) -> dict[int, list[tuple[int, int, int]]]:
    """person id → (account id, system id, system's 所管課) of their active accounts in systems in use,
    leaving out the accounts already under an open review (one task per account is enough)."""
    under_review = AccessReview.objects.filter(status=S.OPEN, person_id__in=list(person_ids)).values("account_id")
    rows = (SystemAccount.objects.filter(person_id__in=list(person_ids), disabled_on__isnull=True,
                                         system__retired_on__isnull=True)
            .exclude(pk__in=under_review).values_list("person_id", "pk", "system_id", "system__unit_id"))
    held = defaultdict(list)
    for person_id, account_id, system_id, unit_id in rows:
        held[person_id].append((account_id, system_id, unit_id))
    return held


def _schedule_reminders(reviews: list[AccessReview], today: date) -> None:
    """One reminder per system and due date (not per account): the 所管課's officers, escalated above."""
    groups = {(review.system_id, review.due) for review in reviews}
    systems = InfoSystem.objects.in_bulk({system_id for system_id, _ in groups})
    units = {}
    for system_id, due in sorted(groups):
        system = systems[system_id]
        if system.unit_id not in units:
            unit = system.unit.current_successor() or system.unit
            units[system.unit_id] = (org.officers_of(unit, today),
                                     org.managers_above(unit, today) + org.chiefs_on(today))
        recipients, above = units[system.unit_id]
        reminder_schedule(key=reminder_key(InfoSystem, "access-review", due.isoformat(), pk=system_id),
                          subject=f"アカウントの見直し（人事異動・休職）: {system.name}", due_date=due,
                          recipients=recipients, escalate_to=above, related=system,
                          url=f"/assets/access-reviews/?system={system_id}&status=open")


def _create(reviews: list[AccessReview], actor, reason: str) -> list[AccessReview]:
    if not reviews:
        return []
    created = bulk_create_with_history(reviews, AccessReview, default_user=actor, default_change_reason=reason)
    _schedule_reminders(reviews, timezone.localdate())
    return created


@transaction.atomic
def reviews_for_events(events, *, actor=None) -> list[AccessReview]:
    """The review tasks of a batch of 人事異動 records: each account the person holds in a system whose
    所管課 is outside the units they still hold after the change (an end: none)."""
    relevant = [event for event in events if rules.review_reason(event.kind)]
    if not relevant:
        return []
    person_ids = {event.person_id for event in relevant}
    accounts = _active_accounts(person_ids)
    # The units each person holds after the change: on the effective date of a transfer, the day after an end.
    by_day = defaultdict(set)
    for event in relevant:
        by_day[_after(event)].add(event.person_id)
    held = {day: org.current_units_of(ids, day) for day, ids in by_day.items()}
    scopes: dict[frozenset, frozenset] = {}
    reviews, seen, dues = [], set(), {}
    for event in relevant:
        units = frozenset(held[_after(event)].get(event.person_id, ()))
        if units not in scopes:
            scopes[units] = org.unit_subtrees(units) if units else frozenset()
        owned = [(account_id, unit_id) for account_id, _system, unit_id in accounts.get(event.person_id, ())]
        to_review = set(rules.accounts_to_review(owned, scopes[units]))
        for account_id, system_id, unit_id in accounts.get(event.person_id, ()):
            if account_id in to_review and account_id not in seen:
                seen.add(account_id)
                reviews.append(AccessReview(
                    system_id=system_id, account_id=account_id, person_id=event.person_id, unit_id=unit_id,
                    reason=rules.review_reason(event.kind), event=event, event_date=event.effective_date,
                    due=review_due(event.effective_date, dues)))
    return _create(reviews, actor, "人事異動によるアカウントの見直し")


def _after(event) -> date:
    return event.effective_date + timedelta(days=1) if event.kind == "end" else event.effective_date


def naive_reviews_for_events(events, *, actor=None) -> int:
    """The per-event loop (one batch of one per event), kept to check the batch path in bench/assets.py."""
    return sum(len(reviews_for_events([event], actor=actor)) for event in events)


@transaction.atomic
def reviews_for_leaves(leaves, *, actor=None) -> list[AccessReview]:
    """The review tasks of long leaves: every active account of the person, whatever system."""
    min_days = settings.HOGOKAN_ACCESS_REVIEW_LEAVE_DAYS
    long_leaves = [leave for leave in leaves if rules.is_long_leave(leave.start, leave.end, min_days)]
    if not long_leaves:
        return []
    accounts = _active_accounts({leave.person_id for leave in long_leaves})
    dues: dict = {}
    reviews = [AccessReview(system_id=system_id, account_id=account_id, person_id=leave.person_id, unit_id=unit_id,
                            reason=R.LEAVE, leave=leave, event_date=leave.start, due=review_due(leave.start, dues))
               for leave in long_leaves for account_id, system_id, unit_id in accounts.get(leave.person_id, ())]
    return _create(reviews, actor, "休職・休業によるアカウントの見直し")


def _on_personnel_changed(sender, events, actor=None, **kwargs):
    reviews_for_events(events, actor=actor)


def _on_leave_recorded(sender, leaves, actor=None, **kwargs):
    reviews_for_leaves(leaves, actor=actor)


def connect() -> None:
    """Called by AssetsConfig.ready: react to the org module's changes."""
    org.personnel_changed.connect(_on_personnel_changed, dispatch_uid="assets.access_reviews.events")
    org.leave_recorded.connect(_on_leave_recorded, dispatch_uid="assets.access_reviews.leaves")


# ---- resolving ---------------------------------------------------------------------------------

def _resolve_reminder(review: AccessReview) -> None:
    if not AccessReview.objects.filter(system_id=review.system_id, due=review.due, status=S.OPEN).exists():
        reminder_resolve(key=reminder_key(InfoSystem, "access-review", review.due.isoformat(), pk=review.system_id))


@transaction.atomic
def review_resolve(*, actor, review: AccessReview, outcome: str, reason: str = "",
                   disabled_on: date | None = None, by_office: bool = False) -> AccessReview:
    """記録: the account was disabled (on ``disabled_on``, today by default) or is kept with a reason.

    A kept administrator account waits for the privacy office's confirmation (``by_office`` resolves it at once).
    """
    reason = (reason or "").strip()
    if outcome not in AccessReview.Outcome.values:
        raise ValidationError({"outcome": "結果は「停止した」か「継続する」を選んでください。"})
    if review.status == S.OPEN and review.outcome == AccessReview.Outcome.KEPT and not by_office:
        raise ValidationError("この見直しは事務局の確認待ちです。")
    now = timezone.now()
    if outcome == AccessReview.Outcome.DISABLED:
        disabled_on = disabled_on or timezone.localdate()
        account = review.account
        if account.granted_on and disabled_on < account.granted_on:
            raise ValidationError({"disabled_on": "停止日はアカウントの付与日以降の日付にしてください。"})
        transition(review, actor=actor, to=S.DONE, allowed=[S.OPEN], action="アカウントを停止", reason=reason,
                   changes={"outcome": outcome, "disabled_on": disabled_on, "outcome_reason": reason,
                            "resolved_by": actor, "resolved_at": now}, validate=True)
        if account.disabled_on is None:
            account.disabled_on = disabled_on
            save_with_history(account, actor, f"停止（アカウントの見直し: {review.get_reason_display()}）")
    else:
        needs_office = review.account.admin and not by_office
        changes = {"outcome": outcome, "outcome_reason": reason, "resolved_by": actor, "resolved_at": now}
        if by_office:
            changes.update(confirmed_by=actor, confirmed_at=now)
        transition(review, actor=actor, to=S.OPEN if needs_office else S.DONE, allowed=[S.OPEN],
                   action="継続（事務局の確認待ち）" if needs_office else "継続", reason=reason,
                   reason_required=True, reason_message=KEPT_REASON_MESSAGE, reason_field="reason", changes=changes)
    _resolve_reminder(review)
    return review


@transaction.atomic
def review_confirm(*, actor, review: AccessReview, comment: str = "") -> AccessReview:
    """The privacy office confirms a kept administrator account (事務局の確認)."""
    if review.outcome != AccessReview.Outcome.KEPT:
        raise ValidationError("事務局の確認が必要なのは、管理者権限を継続する見直しだけです。")
    transition(review, actor=actor, to=S.DONE, allowed=[S.OPEN], action="事務局の確認", reason=comment,
               changes={"confirmed_by": actor, "confirmed_at": timezone.now()})
    _resolve_reminder(review)
    return review
