"""Lock-out policy for django-axes: the cool-off doubles with each further run of failures."""

import logging
from datetime import timedelta

from django.conf import settings


def cooloff(request=None, credentials=None) -> timedelta:
    minutes = settings.HOGOKAN_LOCKOUT_MINUTES
    try:
        from axes.models import AccessAttempt

        username = (credentials or {}).get("username") or (request.POST.get("username") if request else None)
        attempt = AccessAttempt.objects.filter(username=username).first() if username else None
        if attempt is not None and attempt.failures_since_start > settings.AXES_FAILURE_LIMIT:
            extra_runs = attempt.failures_since_start // settings.AXES_FAILURE_LIMIT - 1
            minutes *= 2 ** min(extra_runs, 6)  # back-off: 15, 30, 60 … minutes, capped at 16 hours
    except Exception:  # the policy must never break a login page
        logging.getLogger(__name__).exception("lock-out back-off could not be computed")
    return timedelta(minutes=minutes)
