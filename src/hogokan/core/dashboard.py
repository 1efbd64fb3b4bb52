"""The dashboard's shared shape: every module's api.dashboard_items(actor, today) returns DueItems.

One definition of 期限超過 and of 2週間以内 (``due_state``) serves every section of 今日のタスク: the
modules' work and the reminders in the notifications are sorted by it together, so the page can
never list an overdue task while saying that nothing is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

SOON_DAYS = 14  # 「2週間以内に期限が来るもの」
OVERDUE, SOON, LATER, OPEN = "overdue", "soon", "later", "open"


def due_state(due: date | None, today: date, *, overdue: bool = False) -> str:
    """overdue: the due date has passed (or the module says so of a task without one); soon: today to
    today + 14 days; later: after that; open: no due date."""
    if due is None:
        return OVERDUE if overdue else OPEN
    if due < today:
        return OVERDUE
    if due <= today + timedelta(days=SOON_DAYS):
        return SOON
    return LATER


@dataclass
class DueItem:
    label: str
    url: str
    due: date | None
    overdue: bool = False
    note: object = field(default=None, repr=False)  # the notification this item is, if it is one

    def state(self, today: date) -> str:
        return due_state(self.due, today, overdue=self.overdue)


def sort_tasks(work: list[DueItem], today: date) -> dict[str, list[DueItem]]:
    """The items by state, overdue flags set from the one definition; within a state the modules' order
    stays (DASHBOARD_SOURCES puts incidents first: an overdue PPC report tops the chief's page)."""
    groups: dict[str, list[DueItem]] = {OVERDUE: [], SOON: [], LATER: [], OPEN: []}
    for item in work:
        state = item.state(today)
        item.overdue = state == OVERDUE
        groups[state].append(item)
    return groups
