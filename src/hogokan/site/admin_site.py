"""Django admin only for the ``admin`` role (and a verified second factor); others get 403."""

from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def admin_only(request) -> bool:
    actor = getattr(request, "actor", None)
    return bool(
        request.user.is_active and request.user.is_staff and actor is not None and actor.is_system_admin
        and request.user.is_verified()
    )


def admin_login(request, extra_context=None):
    """Django admin's own login page is replaced: anonymous → our login, logged-in non-admin → 403."""
    if request.user.is_authenticated:
        raise PermissionDenied("管理サイトはシステム管理者のみ利用できます。")
    return redirect_to_login(request.get_full_path())


def _gated(original_admin_view):
    def admin_view(view, cacheable=False):
        wrapped = original_admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.user.is_authenticated and not admin_only(request):
                raise PermissionDenied("管理サイトはシステム管理者のみ利用できます。")
            return wrapped(request, *args, **kwargs)

        return inner

    return admin_view


def install() -> None:
    admin.site.admin_view = _gated(admin.site.admin_view)
    admin.site.has_permission = admin_only
    admin.site.login = admin_login
    admin.site.site_header = "Hogokan 管理サイト"
    admin.site.site_title = "Hogokan 管理サイト"
