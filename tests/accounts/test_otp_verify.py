"""/accounts/2fa/verify/: the code of a confirmed device passes the second factor, with a new session id."""

from __future__ import annotations

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.totp import code, wrong_code

VERIFY = "/accounts/2fa/verify/"


def _password_only(client, user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=True)
    client.force_login(user)
    return device


def test_the_right_code_leads_to_the_page_asked_for_with_a_new_session_id(client, town):
    device = _password_only(client, town.user("chief"))
    held = client.get("/accounts/settings/")
    assert held["Location"] == f"{VERIFY}?next=%2Faccounts%2Fsettings%2F"
    before = client.cookies["sessionid"].value
    response = client.post(held["Location"], {"code": code(device.bin_key), "next": "/accounts/settings/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/settings/"
    assert client.cookies["sessionid"].value != before
    assert client.get("/accounts/settings/").status_code == 200


def test_the_old_session_id_is_worth_nothing_after_the_code(client, town):
    device = _password_only(client, town.user("chief"))
    old_id = client.cookies["sessionid"].value
    client.post(VERIFY, {"code": code(device.bin_key)})
    stolen = Client()
    stolen.cookies["sessionid"] = old_id
    assert stolen.get("/accounts/settings/")["Location"].startswith("/accounts/login/")


def test_a_wrong_code_keeps_the_session_held(client, town):
    device = _password_only(client, town.user("admin"))
    before = client.cookies["sessionid"].value
    response = client.post(VERIFY, {"code": wrong_code(device.bin_key)})
    assert response.status_code == 200 and "確認コードが正しくありません。" in response.content.decode()
    assert client.cookies["sessionid"].value == before
    assert client.get("/")["Location"].startswith(VERIFY)
