import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.middleware.csrf import rotate_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from hogokan.accounts import selectors, services
from hogokan.accounts.forms import LoginForm, OtpForm, TokenForm
from hogokan.core.lists import paginate
from hogokan.core.permissions import require
from hogokan.core.redirects import safe_next
from hogokan.org.access import SESSION_KEY

SETUP_KEY_SESSION = "hogokan_totp_setup_key"  # hex, until the first code confirms it
NEW_TOKEN_SESSION = "hogokan_new_api_token"  # the raw token between the POST and the page showing it once


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def _next_url(request, default="site:dashboard"):
    return safe_next(request, request.POST.get("next") or request.GET.get("next"), reverse(default))


def _second_factor_passed(request, device) -> None:
    otp_login(request, device)
    # A new session id (and CSRF token) once the second factor is passed, as django.contrib.auth.login
    # does after the password: an id learnt before the second factor is then worth nothing.
    request.session.cycle_key()
    rotate_token(request)


@never_cache  # the page shows the secret
@login_required
def otp_setup(request):
    """First device of a role that needs TOTP: the key waits in the session until a code confirms it.

    A GET writes nothing; the device is saved only with a correct code.
    """
    if selectors.has_confirmed_device(request.user):
        return redirect("accounts:otp_verify")
    key = request.session.get(SETUP_KEY_SESSION)
    if not key:
        key = request.session[SETUP_KEY_SESSION] = services.totp_key()
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.totp_device_confirm(user=request.user, key=key, code=form.cleaned_data["code"])
        if device is not None:
            del request.session[SETUP_KEY_SESSION]
            _second_factor_passed(request, device)
            messages.success(request, "二要素認証を設定しました。")
            return redirect(_next_url(request))
        form.add_error("code", "確認コードが正しくありません。認証アプリの時刻を確認してください。")
    preview = TOTPDevice(user=request.user, key=key)  # not saved: only for the QR code and the secret
    svg = qrcode.make(preview.config_url, image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
    secret = base64.b32encode(preview.bin_key).decode()
    return render(request, "accounts/otp_setup.html", {"form": form, "qr_svg": svg, "secret": secret,
                                                       "next": request.GET.get("next", "")})


@login_required
def otp_verify(request):
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        for device in devices:
            if device.verify_token(form.cleaned_data["code"]):
                _second_factor_passed(request, device)
                return redirect(_next_url(request))
        throttled = [device.verify_is_allowed()[1] for device in devices if not device.verify_is_allowed()[0]]
        wait = next((info.get("locked_until") for info in throttled if info and info.get("locked_until")), None)
        if wait is not None:
            seconds = max(1, int((wait - timezone.now()).total_seconds()) + 1)
            form.add_error("code", f"確認コードが正しくありません。続けて失敗したため、{seconds}秒ほど待ってから入力してください。")
        else:
            form.add_error("code", "確認コードが正しくありません。")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": request.GET.get("next", "")})


@login_required
@require_POST
def switch_assignment(request):
    """The header switcher: act as another of one's current assignments."""
    wanted = request.POST.get("assignment")
    choice = next((a for a in request.actor.assignments if str(a.pk) == wanted), None)
    if choice is None:
        messages.error(request, "選択した配属は利用できません。")
    else:
        request.session[SESSION_KEY] = choice.pk
        messages.success(request, f"「{choice}」として操作します。")
    return redirect(_next_url(request))


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        messages.success(self.request, "パスワードを変更しました。")
        return super().form_valid(form)


@never_cache  # the page shows a new token once
@login_required
def settings_page(request):
    """The account, its roles and API tokens: a new token is shown once, after the redirect (PRG)."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, raw = services.token_issue(actor=request.user, user=request.user, name=form.cleaned_data["name"])
        request.session[NEW_TOKEN_SESSION] = raw
        return redirect("accounts:settings")
    new_token = request.session.pop(NEW_TOKEN_SESSION, None) if request.method == "GET" else None
    tokens = list(selectors.tokens_of(request.user))
    return render(request, "accounts/settings.html",
                  {"form": form, "tokens": tokens, "new_token": new_token,
                   "has_otp": selectors.has_confirmed_device(request.user), "history": selectors.token_history(tokens)})


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(selectors.tokens_of(request.user), pk=pk)
    if token.revoked_at is None:
        services.token_revoke(actor=request.user, token=token)
        messages.success(request, f"トークン「{token.name}」を失効させました。")
    return redirect("accounts:settings")


LOCKS_ADMIN_ONLY = "ログインのロックの確認と解除は、システム管理者だけが行えます。"


@login_required
def lock_list(request):
    """The login IDs locked now, each with a button that lifts its lock; login IDs no user has are counted."""
    require(request.actor.is_system_admin, LOCKS_ADMIN_ONLY)
    locks = selectors.login_locks()
    of_users = [lock for lock in locks if lock.is_user]
    return render(request, "accounts/lock_list.html", {
        "page": paginate(request, of_users), "unknown_count": len(locks) - len(of_users),
        "pair_limit": settings.HOGOKAN_LOGIN_FAILURE_LIMIT, "username_limit": settings.HOGOKAN_LOGIN_USERNAME_FAILURE_LIMIT,
        "minutes": settings.HOGOKAN_LOCKOUT_MINUTES,
    })


@login_required
@require_POST
def lock_release(request):
    require(request.actor.is_system_admin, LOCKS_ADMIN_ONLY)
    username = request.POST.get("username", "")
    try:
        lock = services.lock_release(actor=request.user, username=username)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])  # lifted or expired meanwhile
    else:
        messages.success(request, f"ログインのロックを解除しました（{lock.describe()}）。")
    return redirect("accounts:lock_list")
