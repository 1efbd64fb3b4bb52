"""Lock-out after failed logins (django-axes): two limits, a fixed cool-off, no counting while locked.

The rules (settings.py sets axes up for them):

- A login ID is locked for one client address after HOGOKAN_LOGIN_FAILURE_LIMIT (5) failures from
  that address, and for every address after HOGOKAN_LOGIN_USERNAME_FAILURE_LIMIT (20) failures from
  all addresses together, so that many addresses still lock the name. Never by address alone: LGWAN
  terminals reach us through a few NAT addresses, and locking one would lock whole offices out.
- Failures count until HOGOKAN_LOCKOUT_MINUTES (15) pass without a further one (axes keeps one row per
  login ID, address and browser: its failure count and the time of its last failure).
- An attempt while locked is refused without being counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT
  = False), right password or not: a lock ends HOGOKAN_LOCKOUT_MINUTES after the last failure counted
  towards it at the latest, however many attempts follow. No back-off either: a cool-off that grows
  lets anyone who knows a login ID lock its owner out for hours.
- A successful login forgets the failures from its own address only; it proves nothing about
  attempts from elsewhere.
- The address is the client's as the reverse proxy saw it (``client_address``).
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.db.models import Sum
from django.shortcuts import render

# The limit of each entry of AXES_LOCKOUT_PARAMETERS, by the setting that holds it.
LIMIT_SETTINGS = {
    ("username", "ip_address"): "HOGOKAN_LOGIN_FAILURE_LIMIT",
    ("username",): "HOGOKAN_LOGIN_USERNAME_FAILURE_LIMIT",
}


def limit_of(parameters) -> int:
    """The failure limit of one entry of AXES_LOCKOUT_PARAMETERS (a field name or a list of them)."""
    key = (parameters,) if isinstance(parameters, str) else tuple(parameters)
    return getattr(settings, LIMIT_SETTINGS[key])


def client_address(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address a login comes from.

    Behind the reverse proxy (HOGOKAN_BEHIND_TLS_PROXY) REMOTE_ADDR is the proxy itself: the address is
    the last one in X-Forwarded-For, the one the proxy added; what comes before it is whatever the
    client sent. Without such a header, or with something that is no address, it is REMOTE_ADDR.
    """
    if settings.HOGOKAN_BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")


def cooloff(request=None) -> timedelta:
    """AXES_COOLOFF_TIME: the same for every lock, however often the login ID was locked before."""
    return timedelta(minutes=settings.HOGOKAN_LOCKOUT_MINUTES)


def lock_end(failures: Iterable[tuple[datetime, int]], limit: int, cool_off: timedelta) -> datetime | None:
    """When a lock on these rows (time of the last failure, failures) ends; None if they do not lock.

    A row stops counting ``cool_off`` after its last failure; the lock ends once so many rows have
    stopped that fewer than ``limit`` failures remain.
    """
    rows = sorted(failures)
    remaining = sum(count for _last, count in rows)
    if remaining < limit:
        return None
    for last_failure, count in rows:
        remaining -= count
        if remaining < limit:
            return last_failure + cool_off
    return None


def lock_of(rows: Iterable[tuple[str | None, datetime, int]], cool_off: timedelta) -> tuple | None:
    """The lock on one login ID's recent rows (address, last failure, failures), None if there is none.

    Returns (addresses, end): the addresses it holds for (empty: every address, the login ID's own
    limit) and when it ends.
    """
    rows = list(rows)
    everywhere = lock_end([(at, count) for _address, at, count in rows], limit_of("username"), cool_off)
    by_address = defaultdict(list)
    for address, at, count in rows:
        by_address[address].append((at, count))
    ends = {address: lock_end(failures, limit_of(("username", "ip_address")), cool_off)
            for address, failures in by_address.items()}
    locked = {address: end for address, end in ends.items() if end is not None}
    if everywhere is None and not locked:
        return None
    addresses = () if everywhere is not None else tuple(sorted(address or "不明" for address in locked))
    return addresses, max(end for end in (everywhere, *locked.values()) if end is not None)


def retry_time(end: datetime) -> datetime:
    """The first full minute after the lock ends: the time the pages tell the user."""
    return end.replace(second=0, microsecond=0) + timedelta(minutes=1)


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a limit of its own for each entry of AXES_LOCKOUT_PARAMETERS.

    axes sums the recent failures of each entry (``get_user_attempts``: one queryset per entry) and
    compares one number with one AXES_FAILURE_LIMIT, both when it checks a login (``is_locked``) and
    after recording a failure (``user_login_failed``). Here ``get_failures`` answers the failures of the
    entry nearest to its own limit and ``failure_limit`` (AXES_FAILURE_LIMIT) that entry's limit, so
    "failures >= limit" holds exactly when some entry has reached its limit. The rest is axes' own code.
    """

    def failures_and_limits(self, request, credentials=None) -> list[tuple[int, int]]:
        attempts_list = self.get_user_attempts(request, credentials)
        return [(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0, limit_of(parameters))
                for attempts, parameters in zip(attempts_list, settings.AXES_LOCKOUT_PARAMETERS, strict=True)]

    def nearest_limit(self, request, credentials=None) -> tuple[int, int]:
        """(failures, limit) of the entry with the fewest failures left before its limit."""
        return min(self.failures_and_limits(request, credentials), key=lambda pair: pair[1] - pair[0])

    def get_failures(self, request, credentials=None) -> int:
        return self.nearest_limit(request, credentials)[0]

    def locked_until(self, request, credentials=None) -> datetime | None:
        """When the lock on this request's login ID and address ends; None if there is none."""
        cool_off = get_cool_off(request)
        attempts_list = self.get_user_attempts(request, credentials)
        ends = [lock_end(attempts.values_list("attempt_time", "failures_since_start"), limit_of(parameters), cool_off)
                for attempts, parameters in zip(attempts_list, settings.AXES_LOCKOUT_PARAMETERS, strict=True)]
        return max((end for end in ends if end is not None), default=None)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login (AXES_RESET_ON_SUCCESS): the failures from its address only."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count


def failure_limit(request, credentials=None) -> int:
    """AXES_FAILURE_LIMIT: the limit of the entry that LockoutHandler.get_failures counted."""
    return AxesProxyHandler.get_implementation().nearest_limit(request, credentials)[1]


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Japanese lock page, with the time from which to try again."""
    end = AxesProxyHandler.get_implementation().locked_until(request, credentials)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, {"retry_at": retry_time(end) if end else None},
                  status=settings.AXES_HTTP_RESPONSE_CODE)
