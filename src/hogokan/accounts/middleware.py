from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Pages a user who still owes the second factor may open.
_ALLOWED_PREFIXES = ("/accounts/", "/static/")


def needs_second_factor(request) -> bool:
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    actor = request.actor
    return any(assignment.role in settings.HOGOKAN_REQUIRE_2FA_ROLES for assignment in actor.assignments)


class TwoFactorRequiredMiddleware:
    """admin and chief (setting) must pass TOTP before any page; the API uses tokens instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not path.startswith(_ALLOWED_PREFIXES) and not path.startswith("/api/") and needs_second_factor(request):
            from django_otp.plugins.otp_totp.models import TOTPDevice

            has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
            target = "accounts:otp_verify" if has_device else "accounts:otp_setup"
            return redirect(f"{reverse(target)}?next={path}")
        return self.get_response(request)
