"""API clients for the demo roles of tests/conftest.py: ``api("staff")`` calls with staff's token."""

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

from hogokan.accounts.services import token_issue

BASE = "/api/v1/org"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def token_client(raw: str, **headers) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}", **headers)
    return client


@pytest.fixture
def api(town):
    """``api("chief")`` → an APIClient sending a fresh token of that demo role (``Authorization: Bearer``)."""

    def make(username: str, **headers) -> APIClient:
        _token, raw = token_issue(actor=None, user=town.user(username), name="test")
        return token_client(raw, **headers)

    return make


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return {row["id"] for row in body["results"]}


def messages(response) -> list[str]:
    """Every message of a 400 ``{"errors": {...}}`` answer."""
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    found = []
    for value in errors.values():
        found.extend(value if isinstance(value, list) else [value])
    return [str(message) for message in found]


def assert_japanese(response, *fields: str) -> dict:
    """A 400 whose messages (for ``fields``, at least) are written in Japanese."""
    errors = response.json()["errors"] if response.status_code == 400 else None
    assert errors is not None, (response.status_code, response.content)
    for field in fields:
        assert field in errors, errors
    for message in messages(response):
        assert JAPANESE.search(message), message
    return errors


def pytest_collection_modifyitems(items):
    """One node id per operation of tests/api/test_fuzz.py.

    schemathesis (4.32) gives every operation's item the test function's name as its ``originalname``, and
    pytest 9 builds the node id from that: all operations would share one id, so the progress stops at a few
    per cent and a report does not say which operation failed. Each gets the id its name already has.
    """
    for item in items:
        label = getattr(item, "operation_label", None)
        if label and item.nodeid.endswith(f"::{item.originalname}"):
            item._id = item._id.with_params(label)
