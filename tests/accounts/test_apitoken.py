"""`hogokan apitoken USERNAME`: a token printed once, usable as `Authorization: Bearer` on /api/v1/."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from hogokan.accounts.models import TOKEN_PREFIX, ApiToken, hash_token


def apitoken(*args) -> str:
    out = StringIO()
    call_command("apitoken", *args, stdout=out)
    return out.getvalue().strip()


def get_units(raw: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client.get("/api/v1/org/units")


def test_chief_token_reads_every_unit_as_json(town):
    raw = apitoken("chief")
    assert raw.startswith(TOKEN_PREFIX)
    response = get_units(raw)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 8
    assert {row["name"] for row in body["results"]} >= {"総務局", "市民課", "学務課"}


def test_staff_token_sees_only_their_section_subtree(town):
    response = get_units(apitoken("staff"))
    assert [row["name"] for row in response.json()["results"]] == ["市民課"]
    manager = get_units(apitoken("manager")).json()
    assert {row["name"] for row in manager["results"]} == {"市民部", "市民課", "保険年金課"}


def test_only_the_hash_is_stored(town):
    raw = apitoken("officer", "--name", "集計スクリプト")
    token = ApiToken.objects.get(user=town.user("officer"))
    assert token.name == "集計スクリプト"
    assert token.key_hash == hash_token(raw) != raw
    assert token.prefix == raw[:12]
    assert not ApiToken.objects.filter(key_hash=raw).exists()


def test_every_call_prints_a_new_token(town):
    first, second = apitoken("staff"), apitoken("staff")
    assert first != second
    assert get_units(first).status_code == get_units(second).status_code == 200


def test_unknown_user_is_an_error(town):
    with pytest.raises(CommandError, match="存在しません"):
        apitoken("nobody")


def test_inactive_user_is_an_error(town):
    user = town.user("staff")
    user.is_active = False
    user.save()
    with pytest.raises(CommandError, match="利用停止中"):
        apitoken("staff")
    assert not ApiToken.objects.filter(user=user).exists()


def test_last_used_is_recorded_at_most_once_a_minute(town):
    from datetime import timedelta

    from django.utils import timezone

    raw = apitoken("staff")
    token = ApiToken.objects.get(key_hash=hash_token(raw))
    assert token.last_used_at is None
    assert get_units(raw).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=30)
    assert get_units(raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first  # within the minute: no write
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    assert get_units(raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=1)
