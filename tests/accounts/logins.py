"""Logins from given client addresses, and time passing for the lock-out, for the lock-out tests."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client

from tests.conftest import PASSWORD

WRONG = "wrong-password-123"
LOCK_MESSAGE = "ログインを一時停止しています"


def login_from(address: str, username: str, password: str = PASSWORD, client: Client | None = None):
    """POST the login form as a browser at ``address`` would (a fresh one unless ``client`` is given)."""
    client = client or Client(REMOTE_ADDR=address)
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(address: str, username: str, times: int) -> list:
    return [login_from(address, username, WRONG) for _ in range(times)]


def is_locked(response) -> bool:
    return response.status_code == 429 and LOCK_MESSAGE in response.content.decode()


def logs_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/"


def time_passes(**delta) -> None:
    """Move every recorded failure back by ``delta``: for the lock-out that is time moving forward."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(**delta))
