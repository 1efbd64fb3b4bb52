from django.conf import settings

from hogokan.site.nav import nav_for


def shell(request):
    actor = getattr(request, "actor", None)
    authenticated = bool(actor is not None and request.user.is_authenticated and actor.is_authenticated)
    return {
        "body_name": settings.HOGOKAN_BODY_NAME,
        "actor": actor if authenticated else None,
        "nav_items": nav_for(actor, request.path) if authenticated else [],
        "is_system_admin": authenticated and actor.is_system_admin,
        "unread_count": (request.user.notifications.filter(read_at__isnull=True).count()
                         if request.user.is_authenticated else 0),
    }
