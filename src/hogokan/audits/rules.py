"""Pure rules of the audits module (no ORM): which sections the on-site inspection visits.

名古屋市 (FORMS.md §3, RULES.md): at least 3 sections per bureau, every section where a bureau has 3 or
fewer; preferring those not visited recently, with more × in their monthly self-inspection, or with
incidents this year.
"""

from __future__ import annotations

from dataclasses import dataclass

PER_BUREAU = 3
RECENT_YEARS_CAP = 5  # five years or more since the last visit (or never) all count the same


@dataclass(frozen=True)
class Candidate:
    unit_id: int
    code: str
    last_visit_year: int | None  # the last fiscal year the section was visited, None if never
    crosses: int  # × in this year's monthly self-inspections
    incidents: int  # incidents learned of this year


def years_since(candidate: Candidate, fiscal_year: int) -> int:
    if candidate.last_visit_year is None:
        return RECENT_YEARS_CAP
    return min(RECENT_YEARS_CAP, max(0, fiscal_year - candidate.last_visit_year))


def score(candidate: Candidate, fiscal_year: int) -> float:
    """Higher first: long unvisited (×2 per year, up to 5), incidents this year (×3 each), × answers (×0.5, up to 10)."""
    return years_since(candidate, fiscal_year) * 2 + candidate.incidents * 3 + min(candidate.crosses, 10) * 0.5


def propose(bureaus: dict[int, list[Candidate]], fiscal_year: int, per_bureau: int = PER_BUREAU) -> list[Candidate]:
    """The sections to visit: every section of a bureau with ``per_bureau`` or fewer, else the best ``per_bureau``
    by ``score`` (ties by organisation code)."""
    chosen = []
    for candidates in bureaus.values():
        ranked = sorted(candidates, key=lambda c: (-score(c, fiscal_year), c.code))
        chosen.extend(ranked if len(ranked) <= per_bureau else ranked[:per_bureau])
    return chosen


def reason(candidate: Candidate, fiscal_year: int) -> str:
    last = "未調査" if candidate.last_visit_year is None else f"前回 {candidate.last_visit_year}年度"
    return f"{last}・点検の× {candidate.crosses}件・今年度の事故 {candidate.incidents}件"
