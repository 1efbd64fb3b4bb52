"""Before the second factor, a session of admin or chief reaches only verify, first set-up and logout.

Every URL pattern of the project is tried (walked from the resolver, so a page added later is covered
without touching this file): pages redirect to the verify page, /api/ answers 403.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from hogokan.accounts.models import ApiToken
from hogokan.accounts.services import token_issue
from tests.conftest import PASSWORD
from tests.url_patterns import every_url

VERIFY = "/accounts/2fa/verify/"
# Named here and not imported from the middleware, so that widening its list fails this test.
ALLOWED = {"accounts:otp_verify", "accounts:otp_setup", "accounts:logout"}


def test_every_url_covers_pages_api_and_admin():
    urls = dict(every_url())
    assert {"site:dashboard", "accounts:settings", "accounts:password_change", "admin:index",
            "org-api:org-unit-list"} <= set(urls.values())
    assert "/accounts/tokens/1/revoke/" in urls and "/api/v1/org/units/1/" in urls
    assert any(path.startswith("/django-admin/") for path in urls)
    assert len(urls) > 250


# ---- a session that still owes the second factor ---------------------------------------------------

def password_only(client, user):
    """Signed in with the password, a confirmed device, but no code entered yet."""
    TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("username", ["chief", "admin"])
def test_every_page_and_api_waits_for_the_second_factor(client, town, username):
    password_only(client, town.user(username))
    wrong = []
    for path, name in every_url():
        if name in ALLOWED:
            continue  # asserted one by one below (a POST to logout would end the session)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            body = response.content.decode(errors="replace")
            if path.startswith("/api/"):
                passed = response.status_code == 403 and "二要素認証" in response.json()["detail"]
            else:
                passed = (response.status_code == 302 and response["Location"].startswith(f"{VERIFY}?next=")
                          and "hgk_" not in body)
            if not passed:
                wrong.append(f"{method.upper()} {path} ({name}): {response.status_code}")
    assert not wrong, "reachable before the second factor:\n" + "\n".join(wrong)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("username", ["chief", "admin"])
def test_the_allowed_pages_before_the_second_factor(client, town, username):
    password_only(client, town.user(username))
    verify = client.get(VERIFY)
    assert verify.status_code == 200 and "確認コード" in verify.content.decode()
    # With a confirmed device, set-up would add a second device of the password holder's choosing.
    setup = client.get("/accounts/2fa/setup/")
    assert setup.status_code == 302 and setup["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=town.user(username)).count() == 1
    logout = client.post("/accounts/logout/")
    assert logout.status_code == 302 and logout["Location"] == "/accounts/login/"
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_without_a_device_pages_lead_to_the_setup(client, town):
    client.force_login(town.user("chief"))
    response = client.get("/accounts/settings/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/setup/?next=%2Faccounts%2Fsettings%2F"
    assert client.get(response["Location"]).status_code == 200


def test_the_redirect_keeps_the_query_string_for_after_the_code(client, town):
    password_only(client, town.user("chief"))
    response = client.get("/registers/", {"q": "住民"})
    location = urlsplit(response["Location"])
    assert location.path == VERIFY
    assert parse_qs(location.query)["next"] == ["/registers/?q=%E4%BD%8F%E6%B0%91"]


def test_the_reported_bypass_no_token_and_no_password_change(client, town):
    """Issue 20: /accounts/settings/ and /accounts/password/ were open with the password only."""
    chief = town.user("chief")
    password_only(client, chief)
    response = client.post("/accounts/settings/", {"name": "x"})
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert not ApiToken.objects.exists()
    assert "hgk_" not in client.get("/accounts/settings/", follow=True).content.decode()
    assert client.get("/accounts/password/")["Location"].startswith(VERIFY)
    client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "a-new-long-passphrase-77",
                                        "new_password2": "a-new-long-passphrase-77"})
    chief.refresh_from_db()
    assert chief.check_password(PASSWORD)


def test_a_token_call_works_beside_a_pending_session(client, town):
    """A token is its own credential (issued after the second factor or by the operator)."""
    _token, raw = token_issue(actor=None, user=town.user("chief"), name="連携")
    password_only(client, town.user("chief"))
    assert client.get("/api/v1/org/units", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["count"] == 8
    assert client.get("/api/v1/org/units", HTTP_AUTHORIZATION="Bearer hgk_wrong").status_code == 401
    # Any other Authorization scheme is not a token: the pending session is refused.
    assert client.get("/api/v1/org/units", HTTP_AUTHORIZATION="Basic Y2hpZWY6eA==").status_code == 403


def test_roles_without_the_second_factor_are_not_held(client, town):
    client.force_login(town.user("staff"))
    assert client.get("/accounts/settings/").status_code == 200
    assert client.get("/api/v1/org/units").status_code == 200


def test_held_roles_follow_the_setting(client, town, settings):
    settings.HOGOKAN_REQUIRE_2FA_ROLES = ["staff"]
    password_only(client, town.user("staff"))
    assert client.get("/accounts/settings/")["Location"].startswith(VERIFY)
    client.force_login(town.user("chief"))
    assert client.get("/accounts/settings/").status_code == 200
