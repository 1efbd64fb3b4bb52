"""A lost database connection is a 503 that tells the user nothing was saved, on pages and the API.

The fault test with a real PostgreSQL restart is tests/faults/test_postgres_restart.py; here the
database refuses every query of one request, as it does while PostgreSQL restarts.
"""

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from tests.conftest import login

pytestmark = pytest.mark.django_db


def _database_gone():
    wrapper = type(connections["default"])
    return mock.patch.object(wrapper, "_cursor", side_effect=OperationalError("server closed the connection"))


def test_a_page_answers_503_with_a_japanese_message_and_retry_after(town):
    client = Client(raise_request_exception=False)
    login(client, town.user("chief"))
    with _database_gone():
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "データベースに接続できません" in response.content.decode()
    assert "保存されていません" in response.content.decode()
    assert client.get("/").status_code == 200  # the next request, with the database back, works


def test_the_api_answers_503_as_json():
    client = Client(raise_request_exception=False)
    with _database_gone():
        response = client.get("/api/v1/org/units", HTTP_AUTHORIZATION="Bearer whatever")
    assert response.status_code == 503
    assert "データベースに接続できません" in response.json()["detail"]


def test_other_errors_stay_500(town):
    client = Client(raise_request_exception=False)
    login(client, town.user("chief"))
    with mock.patch("hogokan.core.middleware.RequestGuardMiddleware.__call__", side_effect=RuntimeError("bug")):
        response = client.get("/")
    assert response.status_code == 500
