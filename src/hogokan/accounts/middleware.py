"""The second factor: until it is verified, a session that needs it reaches only the pages below.

The check is by URL name, after resolving the path, so that a page added later is closed by default.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from hogokan.accounts.selectors import has_confirmed_device
from hogokan.accounts.tokens import TokenAuthentication

# The only views a session that owes the second factor may open; the setup page only while the
# user has no confirmed device (else anyone with the password could add a device of their own).
ALLOWED_BEFORE_SECOND_FACTOR = frozenset({"accounts:otp_verify", "accounts:otp_setup", "accounts:logout"})
SETUP_VIEW = "accounts:otp_setup"
API_PREFIX = "/api/"

API_REFUSAL = ("この役割では二要素認証が必要です。画面からログインして確認コードを入力するか、"
               "API トークンを使ってください。")


def _view_name(request) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _is_token_call(request) -> bool:
    """``Authorization: Bearer hgk_…``: not the session; DRF checks the token (401 when it is wrong)."""
    words = request.headers.get("Authorization", "").split()
    return bool(words) and words[0].lower() in TokenAuthentication.keywords


class TwoFactorRequiredMiddleware:
    """Roles in settings.HOGOKAN_REQUIRE_2FA_ROLES pass TOTP before any page or session API call."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.STATIC_URL) or not request.actor.needs_second_factor:
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            if _is_token_call(request):
                return self.get_response(request)
            return JsonResponse({"detail": API_REFUSAL}, status=403, json_dumps_params={"ensure_ascii": False})
        has_device = has_confirmed_device(request.user)
        name = _view_name(request)
        if name in ALLOWED_BEFORE_SECOND_FACTOR and (name != SETUP_VIEW or not has_device):
            return self.get_response(request)
        target = reverse("accounts:otp_verify" if has_device else SETUP_VIEW)
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
