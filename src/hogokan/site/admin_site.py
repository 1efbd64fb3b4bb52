"""Django admin only for the ``admin`` role (and a verified second factor)."""

from django.contrib import admin

from hogokan.org.models import Role


def admin_only(request) -> bool:
    actor = getattr(request, "actor", None)
    return bool(
        request.user.is_active and request.user.is_staff and actor is not None and actor.role == Role.ADMIN
        and request.user.is_verified()
    )


def install() -> None:
    admin.site.has_permission = admin_only
    admin.site.site_header = "Hogokan 管理サイト"
    admin.site.site_title = "Hogokan 管理サイト"
