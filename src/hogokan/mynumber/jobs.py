"""Worker jobs of the 番号法 administration: designations that outlived the assignment are ended (the 課長 is
told), and each month every unit without a 事務取扱担当者 gets its reminder."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from hogokan.core.jobs import register_job


@register_job("mynumber-designations", order=12)
def close_and_remind(now: datetime) -> str:
    from hogokan.mynumber import services

    today = timezone.localdate(now)
    ended = services.designations_close_departed(today=today)
    gaps = services.gap_reminders(today)
    return f"人事異動で終了した指定 {len(ended)} 件、事務取扱担当者のいない所属 {gaps} 件"
