"""Reads of the accounts, always of the signed-in user's own records."""

from __future__ import annotations

from dataclasses import replace

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from hogokan.accounts.models import ApiToken
from hogokan.core.history import HistoryEntry, history_of


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def token_history(tokens) -> list[HistoryEntry]:
    """The change history of ``tokens`` in one list, newest first; each reason names its token."""
    entries = [replace(entry, reason=f"{entry.reason}: {token}" if entry.reason else str(token))
               for token in tokens for entry in history_of(token)]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
