"""Pure rules of the assets module: when a periodic task is next due, which leave is long, which
accounts a personnel change puts under review. No ORM here (tests/assets/test_rules.py)."""

from __future__ import annotations

import calendar
from datetime import date

# Months between two runs of a periodic task (log analysis, account stocktake); None: not scheduled.
FREQUENCY_MONTHS = {"none": None, "monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(frequency: str, *, last_done: date | None, since: date) -> date | None:
    """When the next run is due: one period after the last one, or after ``since`` (the system's
    registration or start of use) when none was done yet. None for a task without a schedule."""
    months = FREQUENCY_MONTHS.get(frequency)
    if months is None:
        return None
    return add_months(last_done or since, months)


def is_overdue(due: date | None, today: date) -> bool:
    return due is not None and due < today


def is_long_leave(start: date, end: date | None, min_days: int) -> bool:
    """A leave puts the accounts under review when it lasts ``min_days`` or more (both ends counted),
    or while its end is not known (PPC finding: IDs of staff on long leave left active)."""
    return end is None or (end - start).days + 1 >= min_days


def review_reason(event_kind: str) -> str | None:
    """The review reason of a 人事異動 record ("end"/"transfer"); None for a start, which opens nothing."""
    return {"end": "end", "transfer": "transfer"}.get(event_kind)


def accounts_to_review(account_units: list[tuple[int, int]], kept_unit_scope: frozenset[int]) -> list[int]:
    """The accounts (id, system's 所管課) whose system the person no longer works for: every account of a
    system whose 所管課 is outside the units the person still holds (with their subtrees and the units
    they carry on from, so a renamed or merged section keeps its own systems' accounts)."""
    return [account_id for account_id, unit_id in account_units if unit_id not in kept_unit_scope]
