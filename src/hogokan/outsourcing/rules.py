"""Pure rules of contractor oversight (no ORM): which inspections a contract needs, and when.

八千代市 基準 (seeds/004_…, 議題3; RULES.md §7) with the 名古屋市 threshold (seeds/000_…), per fiscal
year (April–March) in which the contract runs at least one day:

- a contract that does not handle personal information → no inspections;
- a designated manager (指定管理), or persons ≥ ``onsite_persons`` (名古屋市: 5,001) → on-site every year;
- otherwise a term of six months or less (the end before start + 6 months) → none;
- otherwise a document inspection every year, except that a contract spanning more than one fiscal
  year gets an on-site inspection instead in its first fiscal year and every third one after it
  (years 1, 4, 7 …: 複数年契約は3年に1回以上の実地検査);
- due: 31 March of that fiscal year, or the contract's end date if earlier.

The rule is a minimum: the officer may add on-site inspections at any time.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from hogokan.core.calendar import fiscal_year as fiscal_year_of
from hogokan.core.calendar import require_plausible

ONSITE, DOCUMENT = "onsite", "document"
KIND_LABELS = {ONSITE: "実地検査", DOCUMENT: "書面検査"}
DEFAULT_ONSITE_PERSONS = 5001
ONSITE_EVERY = 3  # 複数年度の契約: 初年度と、その後3年度ごと


@dataclass(frozen=True)
class ContractFacts:
    start: date
    end: date
    persons: int = 0
    designated_manager: bool = False
    handles_personal_information: bool = True


@dataclass(frozen=True)
class PlannedInspection:
    fiscal_year: int
    kind: str  # ONSITE or DOCUMENT
    due: date

    def as_dict(self) -> dict:
        return {"fiscal_year": self.fiscal_year, "kind": self.kind, "due": self.due.isoformat()}


@dataclass(frozen=True)
class Schedule:
    inspections: list[PlannedInspection] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"inspections": [item.as_dict() for item in self.inspections], "explanation": list(self.explanation)}


class FactsError(ValueError):
    """Facts no contract can have (a Japanese message, for a 400)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the last day of the month where that day does not exist
    (31 August + 6 months = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_short_term(start: date, end: date) -> bool:
    """契約期間が6か月以下: the end date falls before start + 6 months."""
    return end < add_months(start, 6)


def fiscal_years(start: date, end: date) -> list[int]:
    """The fiscal years in which the term has at least one day, in order."""
    return list(range(fiscal_year_of(start), fiscal_year_of(end) + 1))


def due_in(fiscal_year: int, end: date) -> date:
    """31 March of ``fiscal_year``, or the contract's end date if earlier."""
    return min(date(fiscal_year + 1, 3, 31), end)


def _check(facts: ContractFacts) -> None:
    require_plausible(facts.start, "契約期間の開始日")
    require_plausible(facts.end, "契約期間の終了日")
    if facts.end < facts.start:
        raise FactsError("end", "契約期間の終了日（end）は開始日（start）以降の日付にしてください。")
    if facts.persons < 0:
        raise FactsError("persons", "本人の数（persons）は0以上の整数で指定してください。")


def inspections(facts: ContractFacts, onsite_persons: int = DEFAULT_ONSITE_PERSONS) -> Schedule:
    """The inspections the contract needs at least, in fiscal-year order, with the rule applied in Japanese."""
    _check(facts)
    years = fiscal_years(facts.start, facts.end)
    if not facts.handles_personal_information:
        return Schedule([], ["個人情報を取り扱わない委託のため、受託者への検査は要しません（八千代市基準）。"])
    if facts.designated_manager or facts.persons >= onsite_persons:
        why = ("指定管理者のため" if facts.designated_manager
               else f"取り扱う本人の数が{onsite_persons:,}人以上（{facts.persons:,}人）のため")
        planned = [PlannedInspection(year, ONSITE, due_in(year, facts.end)) for year in years]
        return Schedule(planned, [f"{why}、契約期間の各年度に実地検査を行います（{len(years)}年度）。",
                                  "期限は各年度の3月31日（契約の終了日が先ならその日）です。"])
    if is_short_term(facts.start, facts.end):
        return Schedule([], ["契約期間が6か月以下のため、検査は要しません（八千代市基準）。"
                             "必要に応じて実地検査を追加できます。"])
    if len(years) == 1:
        return Schedule([PlannedInspection(years[0], DOCUMENT, due_in(years[0], facts.end))],
                        ["契約期間が6か月を超えるため、書面検査を行います（八千代市基準）。",
                         "期限は年度末の3月31日（契約の終了日が先ならその日）です。"])
    planned = [PlannedInspection(year, ONSITE if index % ONSITE_EVERY == 0 else DOCUMENT, due_in(year, facts.end))
               for index, year in enumerate(years)]
    onsite_years = "・".join(f"{item.fiscal_year}年度" for item in planned if item.kind == ONSITE)
    return Schedule(planned, [
        f"契約期間が{len(years)}年度にわたるため、毎年度検査を行います（八千代市基準）。",
        f"複数年度の契約は3年度に1回以上実地検査を行うため、初年度とその3年度ごと（{onsite_years}）は実地検査、"
        "その他の年度は書面検査です。",
        "期限は各年度の3月31日（契約の終了日が先ならその日）です。",
    ])


def onsite_persons_from_settings() -> int:
    from django.conf import settings

    return int(getattr(settings, "HOGOKAN_CONTRACT_ONSITE_PERSONS", DEFAULT_ONSITE_PERSONS))
