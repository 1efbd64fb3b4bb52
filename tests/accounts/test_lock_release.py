"""Lifting a login lock: `hogokan unlock USER` and the admin's page /accounts/locks/, both in the history."""

from __future__ import annotations

import logging
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from hogokan.core.history import history_of
from tests.accounts.logins import fail, is_locked, login_from, logs_in
from tests.conftest import PASSWORD, assert_statuses

LOCKS = reverse("accounts:lock_list")
RELEASE = reverse("accounts:lock_release")
DESK = "192.0.2.10"


def unlock(*args) -> str:
    out = StringIO()
    call_command("unlock", *args, stdout=out)
    return out.getvalue()


def test_unlock_command_lifts_the_lock_and_records_it_as_the_system(town):
    fail(DESK, "chief", 5)
    assert is_locked(login_from(DESK, "chief"))
    out = unlock("chief", "--reason", "本人から電話で確認")
    assert "ログインのロックを解除しました（ログインID chief、接続元 192.0.2.10、失敗5回）。" in out
    assert logs_in(login_from(DESK, "chief"))
    latest = history_of(town.people["chief"])[0]
    assert latest.actor == "システム"
    assert latest.reason == "ログインのロックを解除（ログインID chief、接続元 192.0.2.10、失敗5回）: 本人から電話で確認"


def test_unlock_command_refuses_a_login_id_that_is_not_locked(town):
    fail(DESK, "staff", 4)  # failures, but no lock yet
    before = len(history_of(town.people["staff"]))
    with pytest.raises(CommandError, match="ログインID「staff」は現在ロックされていません。"):
        unlock("staff")
    assert len(history_of(town.people["staff"])) == before


def test_unlock_command_lifts_a_login_id_without_a_person_and_logs_it(town, caplog):
    get_user_model().objects.create_user("operator", "operator@example.jp", PASSWORD)  # createsuperuser: no person
    for number in range(4):
        fail(f"198.51.100.{number}", "operator", 5)
    assert is_locked(login_from(DESK, "operator"))
    with caplog.at_level(logging.INFO, logger="hogokan.accounts.services"):
        out = unlock("operator")
    assert "（ログインID operator、すべての接続元、失敗20回）" in out
    assert any(record.levelno == logging.WARNING and "no person" in record.getMessage()
               and "operator" in record.getMessage() for record in caplog.records)
    assert logs_in(login_from(DESK, "operator"))


def test_admin_sees_the_locks_and_lifts_one(client_for, town):
    fail(DESK, "chief", 5)
    for number in range(4):
        fail(f"198.51.100.{number}", "staff", 5)
    fail(DESK, "nobody", 5)  # a login ID no user has: counted, not listed
    admin = client_for("admin")
    page = admin.get(LOCKS).content.decode()
    assert "<td>chief</td>" in page and "総括 花子" in page and "192.0.2.10" in page and "5回" in page
    assert "<td>staff</td>" in page and "担当 四郎" in page and "すべての接続元" in page and "20回" in page
    assert "nobody" not in page and "登録のないログインIDのロックが1件あります" in page
    assert page.count("ロックを解除<span") == 2

    response = admin.post(RELEASE, {"username": "chief"}, follow=True)
    assert response.redirect_chain == [(LOCKS, 302)]
    body = response.content.decode()
    assert "ログインのロックを解除しました（ログインID chief、接続元 192.0.2.10、失敗5回）。" in body
    assert "<td>chief</td>" not in body and "<td>staff</td>" in body
    assert logs_in(login_from(DESK, "chief"))
    assert is_locked(login_from(DESK, "staff"))
    latest = history_of(town.people["chief"])[0]
    assert (latest.actor, latest.reason) == ("管理 太郎", "ログインのロックを解除（ログインID chief、接続元 192.0.2.10、失敗5回）")


def test_lifting_a_lock_that_has_gone_says_so(client_for, town):
    response = client_for("admin").post(RELEASE, {"username": "chief"}, follow=True)
    assert "ログインID「chief」は現在ロックされていません。" in response.content.decode()


def test_lock_page_is_for_the_admin_only(client, client_for, town):
    fail(DESK, "officer", 5)
    others = {role: 403 for role in (
        "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")}
    assert_statuses(client_for, "get", LOCKS, {"admin": 200, **others})
    assert_statuses(client_for, "post", RELEASE, others, {"username": "officer"})
    assert is_locked(login_from(DESK, "officer"))  # none of them lifted it
    client.logout()
    for response in (client.get(LOCKS), client.post(RELEASE, {"username": "officer"})):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert_statuses(client_for, "get", RELEASE, {"admin": 405})
    assert_statuses(client_for, "post", RELEASE, {"admin": 302}, {"username": "officer"})
    assert logs_in(login_from(DESK, "officer"))
