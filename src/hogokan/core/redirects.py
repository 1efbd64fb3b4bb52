"""The one safe "next" redirect: only a path on this site, never //host, /\\host, javascript: or a full URL."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, candidate: str | None, default: str = "/") -> str:
    """``candidate`` when it is a local path (open-redirect safe), else ``default``."""
    if candidate and candidate.startswith("/") and not candidate.startswith(("//", "/\\")) and \
            url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                            require_https=request.is_secure()):
        return candidate
    return default
