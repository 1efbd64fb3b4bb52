"""The worker's job registry: modules register idempotent jobs that do what is due at ``now``."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

logger = logging.getLogger(__name__)
JOBS: dict[str, Callable[[datetime], str]] = {}
_ORDER: dict[str, int] = {}
# Set by the worker's SIGTERM: long jobs (mail) stop at their next safe point.
STOP = threading.Event()


def register_job(name: str, *, order: int = 50):
    """Register a job; lower ``order`` runs first (generate work 10, reminders 50, mail 90)."""

    def decorator(func: Callable[[datetime], str]):
        JOBS[name] = func
        _ORDER[name] = order
        ordered = sorted(JOBS.items(), key=lambda pair: _ORDER.get(pair[0], 50))
        JOBS.clear()
        JOBS.update(ordered)
        return func

    return decorator


def run_due_jobs(now: datetime | None = None) -> dict[str, str]:
    """Run every registered job once; a failing job is logged and does not stop the others."""
    from hogokan.core.models import JobRun

    now = now or timezone.now()
    results = {}
    for name, func in JOBS.items():
        run = JobRun.objects.create(name=name, started_at=timezone.now())
        try:
            run.message = str(func(now) or "")
            run.ok = True
        except Exception:  # a job's failure is recorded, the worker goes on
            logger.exception("job %s failed", name)
            run.message = traceback.format_exc()[-2000:]
        run.finished_at = timezone.now()
        run.save()
        results[name] = run.message if run.ok else "失敗"
    return results


@register_job("reminders")
def _reminders(now: datetime) -> str:
    from hogokan.core.services import reminders_process

    return f"通知 {reminders_process(timezone.localdate(now))} 件を作成"


@register_job("mail", order=90)
def _mail(now: datetime) -> str:
    from hogokan.core.services import notifications_mail

    return f"メール {notifications_mail(stop=STOP.is_set)} 件を送信"
