"""Every write of the accounts: API tokens, each issue and revocation in the change history."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from hogokan.accounts.models import TOKEN_PREFIX, ApiToken, hash_token
from hogokan.core.services import save_with_history


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
