"""/accounts/2fa/setup/: the first device of a role that needs TOTP, saved only with a correct code."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.totp import code, key_from_page, wrong_code

SETUP = "/accounts/2fa/setup/"


def test_opening_the_page_writes_no_device(client, town):
    client.force_login(town.user("chief"))
    first = client.get(SETUP)
    assert first.status_code == 200 and "<svg" in first.content.decode()
    assert not TOTPDevice.objects.exists()
    # Reloading shows the same secret: an app that already scanned it still matches.
    assert key_from_page(client.get(SETUP).content.decode()) == key_from_page(first.content.decode())
    assert not TOTPDevice.objects.exists()


def test_a_wrong_code_saves_nothing_and_says_so(client, town):
    client.force_login(town.user("chief"))
    key = key_from_page(client.get(SETUP).content.decode())
    response = client.post(SETUP, {"code": wrong_code(key)})
    assert response.status_code == 200
    assert "確認コードが正しくありません。認証アプリの時刻を確認してください。" in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert client.get("/").status_code == 302  # still held before the second factor


def test_a_code_that_is_not_six_digits_is_explained(client, town):
    client.force_login(town.user("chief"))
    client.get(SETUP)
    response = client.post(SETUP, {"code": "12ab"})
    assert "確認コードは6桁の数字で入力してください。" in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_the_right_code_saves_one_confirmed_device_and_passes_the_second_factor(client, town):
    chief = town.user("chief")
    client.force_login(chief)
    key = key_from_page(client.get(f"{SETUP}?next=/registers/").content.decode())
    before = client.cookies["sessionid"].value
    response = client.post(SETUP, {"code": code(key), "next": "/registers/"})
    assert response.status_code == 302 and response["Location"] == "/registers/"
    device = TOTPDevice.objects.get()
    assert device.user == chief and device.confirmed and device.bin_key == key
    assert client.cookies["sessionid"].value != before  # a new session id after the second factor
    page = client.get("/registers/")
    assert page.status_code == 200 and "二要素認証を設定しました。" in page.content.decode()
    assert "<dt>二要素認証</dt><dd>設定済み</dd>" in client.get("/accounts/settings/").content.decode()


def test_the_code_used_for_setup_does_not_pass_the_verify_page_again(client, town):
    chief = town.user("chief")
    client.force_login(chief)
    key = key_from_page(client.get(SETUP).content.decode())
    client.post(SETUP, {"code": code(key)})
    client.logout()
    client.force_login(chief)
    response = client.post("/accounts/2fa/verify/", {"code": code(key)})
    assert response.status_code == 200 and "確認コードが正しくありません。" in response.content.decode()


def test_with_a_confirmed_device_the_setup_leads_to_verify(client, town):
    chief = town.user("chief")
    TOTPDevice.objects.create(user=chief, name="認証アプリ", confirmed=True)
    client.force_login(chief)
    response = client.post(SETUP, {"code": "123456"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/verify/")
    assert TOTPDevice.objects.filter(user=chief).count() == 1
