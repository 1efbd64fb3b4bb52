"""Pure rules of the 番号法 administration (no ORM): when a 事務取扱担当者 is in office, and why a unit has none.

MNG 第4-2 (事務取扱担当者の明確化): every unit that handles 特定個人情報 names who handles it; a designation
lasts only while the person works in that unit, so a 人事異動 ends it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

NO_DESIGNEE = "no_designee"
DESIGNEE_LEFT = "designee_left"
GAP_REASONS = {NO_DESIGNEE: "事務取扱担当者が指定されていない",
               DESIGNEE_LEFT: "事務取扱担当者が人事異動で不在（後任が未指定）"}
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """A period, both days included; ``end`` None is open."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class DesignationFacts:
    """A designation as the rules see it: its own period and the person's assignments in its unit."""

    start: date
    end: date | None
    assignments: tuple[Span, ...] = field(default_factory=tuple)
    ended_by_transfer: bool = False  # the end was written because the assignment ended

    def in_office_on(self, day: date) -> bool:
        """Designated that day and still assigned to the unit that day."""
        return Span(self.start, self.end).covers(day) and any(span.covers(day) for span in self.assignments)

    def left_before(self, day: date) -> bool:
        """The person's assignment in the unit had ended by ``day`` while the designation itself still ran
        (or was ended for that reason)."""
        if self.start > day:
            return False
        if self.ended_by_transfer and self.end is not None and self.end < day:
            return True
        if self.end is not None and self.end < day:
            return False  # lifted before: not a departure
        return not any(span.covers(day) for span in self.assignments)


def assignment_end_for(start: date, assignments: Iterable[Span]) -> date | None:
    """The last day of the assignment the designation started in (None while it is open).

    Assignments that follow each other without a gap count as one (a rename restarts the assignment on the
    successor the day after the old one ends)."""
    spans = sorted(assignments, key=lambda span: span.start)
    current = next((span for span in spans if span.covers(start)), None)
    if current is None:
        return None
    end = current.end
    for span in spans:
        if end is None:
            return None
        if span.start <= end + _ONE_DAY and (span.end is None or span.end > end):
            end = span.end
    return end


def gap_reason(designations: Iterable[DesignationFacts], day: date) -> str | None:
    """None when someone is in office on ``day``; otherwise ``designee_left`` when the last designee (the
    latest designation started by then) left the unit, else ``no_designee``."""
    started = [facts for facts in designations if facts.start <= day]
    if any(facts.in_office_on(day) for facts in started):
        return None
    if not started:
        return NO_DESIGNEE
    last = max(started, key=lambda facts: (facts.start, facts.end or date.max))
    return DESIGNEE_LEFT if last.left_before(day) else NO_DESIGNEE



# ---- 取扱状況記録簿 -------------------------------------------------------------------------------

PROVIDE = "provide"
MAX_LEDGER_COUNT = 10_000_000  # more than any body holds; a typo beyond it is refused


def ledger_errors(*, kind: str, count, purpose: str, recipient: str) -> dict[str, str]:
    """The 記録簿's rules: 提供 names 提供目的 and 提供先 (名古屋市 点検: 「提供目的及び提供先の記載がもれていた」),
    件数 is at least 1."""
    errors = {}
    if kind == PROVIDE:
        if not (purpose or "").strip():
            errors["purpose"] = "提供のときは提供目的を入力してください。"
        if not (recipient or "").strip():
            errors["recipient"] = "提供のときは提供先を入力してください。"
    if count is not None and not 1 <= count <= MAX_LEDGER_COUNT:
        errors["count"] = f"件数は1から{MAX_LEDGER_COUNT:,}までで入力してください。"
    return errors
