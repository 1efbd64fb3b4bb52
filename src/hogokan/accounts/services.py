"""Every write of the accounts: API tokens (in the change history), the first TOTP device, login locks."""

from __future__ import annotations

import logging
import secrets
import time

from axes.handlers.proxy import AxesProxyHandler
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from hogokan.accounts import selectors
from hogokan.accounts.models import TOKEN_PREFIX, ApiToken, hash_token
from hogokan.core.services import save_with_history
from hogokan.org.models import Person

log = logging.getLogger(__name__)

TOTP_DEVICE_NAME = "認証アプリ"


@transaction.atomic
def token_issue(*, actor, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` and the token itself, which exists only in the return value.

    ``actor`` is the user issuing it; None for the operator's command (shown as システム).
    """
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    max_name = ApiToken._meta.get_field("name").max_length
    token = ApiToken(user=user, name=name.strip()[:max_name] or "API", key_hash=hash_token(raw), prefix=raw[:12])
    save_with_history(token, actor, "API トークンを発行")
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke ``token`` from now on; revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        save_with_history(token, actor, "API トークンを失効", validate=False)
    return token


def totp_key() -> str:
    """A new TOTP secret, hex-encoded as TOTPDevice.key keeps it."""
    return random_hex(20)


@transaction.atomic
def totp_device_confirm(*, user, key: str, code: str) -> TOTPDevice | None:
    """Save ``user``'s device for ``key`` once ``code`` matches it now; None (and no row) when it does not.

    TOTPDevice.verify_token is not used: on a wrong code it saves the device to count the failure.
    """
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance):
        return None
    device.last_t = totp.t()  # the same code cannot then pass the verify page a second time
    device.drift = totp.drift
    device.save()
    return device


@transaction.atomic
def lock_release(*, actor, username: str, reason: str = "") -> selectors.LoginLock:
    """Lift ``username``'s login lock, for every address, and record it in the person's change history.

    ``actor`` is the admin lifting it; None for the operator's command (shown as システム). A login ID
    without a person (the first administrator from createsuperuser) is lifted too and only logged.
    """
    lock = selectors.login_lock(username)
    if lock is None:
        raise ValidationError(f"ログインID「{username}」は現在ロックされていません。")
    AxesProxyHandler.reset_attempts(username=username)
    text = f"ログインのロックを解除（{lock.describe()}）"
    if reason.strip():
        text += f": {reason.strip()}"
    by = actor or "the unlock command"
    person = Person.objects.filter(user__username=username).first()
    if person is None:
        log.warning("Login lock lifted (%s) by %s; no person to record it on", lock.describe(), by)
    else:
        max_reason = Person.history.model._meta.get_field("history_change_reason").max_length
        save_with_history(person, actor, text[:max_reason], validate=False)
        log.info("Login lock lifted (%s) by %s", lock.describe(), by)
    return lock
