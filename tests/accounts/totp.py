"""Codes an authenticator app would show, for the set-up and verify tests."""

from __future__ import annotations

import base64

from django_otp.oath import TOTP


def code(key: bytes, drift: int = 0) -> str:
    return f"{TOTP(key, drift=drift).token():06d}"


def key_from_page(body: str) -> bytes:
    """The secret as the set-up page shows it for typing into the app (base32)."""
    secret = body.split('<code class="secret">')[1].split("<")[0]
    return base64.b32decode(secret)


def wrong_code(key: bytes) -> str:
    """Six digits the app does not show now, nor one step before or after (the accepted tolerance)."""
    shown = {code(key, drift) for drift in (-1, 0, 1)}
    return next(candidate for candidate in ("000000", "111111", "222222", "333333") if candidate not in shown)
