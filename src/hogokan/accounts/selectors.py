"""Reads of the accounts: the signed-in user's own records, and the login locks (for the admin's page)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hogokan.accounts import lockout
from hogokan.accounts.models import ApiToken
from hogokan.core.history import HistoryEntry, history_of
from hogokan.org.models import Person


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def token_history(tokens) -> list[HistoryEntry]:
    """The change history of ``tokens`` in one list, newest first; each reason names its token."""
    entries = [replace(entry, reason=f"{entry.reason}: {token}" if entry.reason else str(token))
               for token in tokens for entry in history_of(token)]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


@dataclass(frozen=True)
class LoginLock:
    """A login ID locked now: for some addresses, or for every address (``addresses`` empty)."""

    username: str
    name: str  # the person's (or the user's) name; "" for a login ID no user has
    is_user: bool
    addresses: tuple[str, ...]
    failures: int  # counted failures of the login ID, from every address
    locked_until: datetime

    @property
    def retry_at(self) -> datetime:
        return lockout.retry_time(self.locked_until)

    def describe(self) -> str:
        """What is locked, in words: ログインID chief、接続元 192.0.2.7、失敗5回."""
        if not self.addresses:
            where = "すべての接続元"
        else:
            where = "接続元 " + "、".join(self.addresses[:2]) + (f" ほか{len(self.addresses) - 2}件"
                                                                   if len(self.addresses) > 2 else "")
        return f"ログインID {self.username}、{where}、失敗{self.failures}回"


def login_locks(username: str | None = None) -> list[LoginLock]:
    """The login IDs locked now (the rules of accounts.lockout), by login ID; only ``username``'s when given."""
    cool_off = lockout.cooloff()
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off, username__isnull=False)
    if username is not None:
        recent = recent.filter(username=username)
    rows_of = defaultdict(list)
    for login_id, *row in recent.values_list("username", "ip_address", "attempt_time", "failures_since_start"):
        rows_of[login_id].append(tuple(row))
    locked = {login_id: (lock, rows) for login_id, rows in rows_of.items()
              if (lock := lockout.lock_of(rows, cool_off)) is not None}
    names = {user.username: user.get_full_name() for user in get_user_model().objects.filter(username__in=locked)}
    names.update(Person.objects.filter(user__username__in=locked).values_list("user__username", "name"))
    locks = []
    for login_id in sorted(locked):
        (addresses, until), rows = locked[login_id]
        locks.append(LoginLock(username=login_id, name=names.get(login_id, ""), is_user=login_id in names,
                               addresses=addresses, failures=sum(count for *_row, count in rows),
                               locked_until=until))
    return locks


def login_lock(username: str) -> LoginLock | None:
    return next(iter(login_locks(username)), None)
