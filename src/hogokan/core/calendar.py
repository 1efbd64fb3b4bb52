"""The Japanese administrative calendar (RULES.md §1): pure functions, no ORM.

- 年度 (fiscal year): April 1 – March 31.
- 和暦: 令和/平成/昭和/大正/明治 with 元年 for the first year; dates before 明治 are shown in 西暦.
- Dates typed by people: ISO, 2026/4/1, 2026年4月1日, 20260401, 令和8年4月1日, R8.4.1 (``parse_date``).
- 休庁日 of the body (地方自治法4条の2): Sat, Sun, national holidays, Dec 29 – Jan 3, plus local days.
- 行政機関の休日 (行政機関の休日に関する法律1条, used for PPC reports): Sat, Sun, national
  holidays, Dec 29 – Jan 3.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import jpholiday

_ERAS = (
    # (name, letter, first day); 明治 from 慶応4年1月1日 (1868-01-25), as 改元の詔 made it retroactive
    ("令和", "R", date(2019, 5, 1)),
    ("平成", "H", date(1989, 1, 8)),
    ("昭和", "S", date(1926, 12, 25)),
    ("大正", "T", date(1912, 7, 30)),
    ("明治", "M", date(1868, 1, 25)),
)
MEIJI_START = _ERAS[-1][2]
# The plausible range of any date the system stores: 和暦 can name it, and date arithmetic (a year
# before, 30 open days after) stays far from date.min / date.max.
EARLIEST_DATE = MEIJI_START
LATEST_DATE = date(2099, 12, 31)
_WEEKDAYS = "月火水木金土日"


def fiscal_year(day: date) -> int:
    """The 年度 a date belongs to, named by the calendar year it starts in (2026-03-31 → 2025)."""
    return fiscal_year_of_month(day.year, day.month)


# The fiscal years a page or an API call may ask for: 平成元年度 (the oldest records a body keeps) to 2099.
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 1989, 2099


def fiscal_year_of_month(year: int, month: int) -> int:
    """The 年度 of a calendar month (2027, 3 → 2026)."""
    return year if month >= 4 else year - 1


def fiscal_year_range(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


def next_fiscal_year_start(day: date) -> date:
    """The next April 1 strictly after ``day`` (the usual effective date of a reorganisation)."""
    return date(fiscal_year(day) + 1, 4, 1)


def era_year(day: date) -> tuple[str, int]:
    for name, _letter, start in _ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError("明治より前の日付は和暦に変換できません。")


def _era_year_label(name: str, number: int) -> str:
    return f"{name}{'元' if number == 1 else number}年"


def wareki(day: date, *, weekday: bool = False) -> str:
    """令和8年11月23日 (and （月） with ``weekday``); the first year of an era is 元年.

    A date before 明治 is shown in 西暦 (1850年1月1日): display code never raises on a stored date.
    """
    if day < MEIJI_START:
        text = f"{day.year}年{day.month}月{day.day}日"
    else:
        name, number = era_year(day)
        text = f"{_era_year_label(name, number)}{day.month}月{day.day}日"
    if weekday:
        text += f"（{_WEEKDAYS[day.weekday()]}）"
    return text


def wareki_fiscal_year(year: int) -> str:
    """令和8年度 for fiscal year 2026: the 年度 takes the era year of the calendar year it starts in.

    When an era begins during that calendar year, the new era's name is used, as budgets and
    settlements do once it has begun: the 年度 from 2019-04-01 is 令和元年度 (not 平成31年度), the
    one from 1989-04-01 is 平成元年度, the one from 1988-04-01 stays 昭和63年度.
    """
    if year < MEIJI_START.year:
        return f"{year}年度"
    name, number = era_year(date(year, 12, 31))
    return f"{_era_year_label(name, number)}度"


_SEIREKI = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0?0:00(?::00)?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WAREKI = re.compile(r"(令和|平成|昭和|大正|明治|[RHSTM])\s*(元|\d{1,2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?",
                     re.IGNORECASE)


def date_range_error(day: date, *, earliest: date | None = None, latest: date | None = None,
                     today: date | None = None, label: str = "") -> str | None:
    """The Japanese message when ``day`` is implausible, else None.

    Outside [earliest, latest] (default: 明治 to 2099); after ``today`` when it is given (未来の日付).
    ``label`` names the field at the start of the message (判明日に未来の日付は入力できません。).
    """
    prefix = f"{label}に" if label else ""
    earliest, latest = earliest or EARLIEST_DATE, latest or LATEST_DATE
    if day < earliest:
        return f"{prefix}{wareki(earliest)}より前の日付は入力できません。"
    if today is not None and day > today:
        return f"{prefix}未来の日付は入力できません。"
    if day > latest:
        return f"{prefix}{wareki(latest)}より後の日付は入力できません。"
    return None


_YEAR = re.compile(r"(令和|平成|昭和|大正|明治|[RHSTM])\s*(元|\d{1,2})\s*(?:年度?)?", re.IGNORECASE)


def parse_year(text: str) -> int | None:
    """A year (or 年度) typed as 2026, 2026年, ２０２６, 令和8, 令和8年度, R8 or 令和元年; None when unreadable."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if re.fullmatch(r"\d{4}\s*(?:年度?)?", text):
        return int(text[:4])
    if match := _YEAR.fullmatch(text):
        era_name, era_number = match.groups()
        start = next(era[2] for era in _ERAS if era_name.upper() in (era[0], era[1]))
        return start.year + (1 if era_number == "元" else int(era_number)) - 1
    return None


def is_impossible_date(text: str) -> bool:
    """Written like a date but no such day exists (2026-02-30, 令和8年13月1日, 平成32年1月1日)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    looks = _SEIREKI.fullmatch(text) or _COMPACT.fullmatch(text) or _WAREKI.fullmatch(text)
    return bool(looks) and parse_date(text) is None


def require_plausible(day: date, what: str = "日付") -> date:
    """``day`` when a rule can compute with it, else ValueError in Japanese (a 0445 year, 9999-12-31 …).

    Every rule function that takes a date calls it first: deadlines are counted forward and back in
    open days and years, which near date.min/date.max would overflow or walk a broken calendar.
    """
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f"{what}（{day.isoformat()}）は扱える範囲（{wareki(EARLIEST_DATE)}〜{LATEST_DATE.year}年）の外です。")
    return day


def parse_date(text: str) -> date | None:
    """The date people type or spreadsheets hold, or None when unreadable.

    2026-04-01, 2026/4/1, 2026年4月1日, 20260401 (full-width digits too), 令和8年4月1日, R8.4.1,
    元年 for the first year; a 和暦 date outside its era (平成32年, 令和元年4月1日) is unreadable.
    """
    text = unicodedata.normalize("NFKC", text or "").strip()
    try:
        if match := _SEIREKI.fullmatch(text) or _COMPACT.fullmatch(text):
            return date(*(int(part) for part in match.groups()))
        if match := _WAREKI.fullmatch(text):
            era_name, era_number, month, day = match.groups()
            index = next(i for i, era in enumerate(_ERAS) if era_name.upper() in (era[0], era[1]))
            first_day = _ERAS[index][2]
            year = first_day.year + (1 if era_number == "元" else int(era_number)) - 1
            result = date(year, int(month), int(day))
            next_era = _ERAS[index - 1][2] if index else None
            if result < first_day or (next_era and result >= next_era):
                return None
            return result
    except ValueError:
        return None
    return None


def is_year_end_holiday(day: date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_national_admin_closed(day: date) -> bool:
    """行政機関の休日: Saturday, Sunday, national holiday, Dec 29 – Jan 3."""
    return day.weekday() >= 5 or jpholiday.is_holiday(day) or is_year_end_holiday(day)


# A calendar closed for more than a year in a row is a broken setting, not a calendar.
_MAX_SEARCH_DAYS = 366


@dataclass(frozen=True)
class BodyCalendar:
    """The body's own closed days: the national ones plus local days (setting).

    ``local_closed_days`` takes ISO dates ("2027-06-01") or yearly "MM-DD" ("06-01"); a bad value
    raises ValueError with a message for the administrator when the calendar is built.
    """

    local_closed_days: tuple[str, ...] = ()
    _local_dates: frozenset[date] = field(init=False, repr=False, compare=False)
    _local_yearly: frozenset[tuple[int, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = tuple(str(value).strip() for value in self.local_closed_days)
        object.__setattr__(self, "local_closed_days", tuple(value for value in values if value))
        dates, yearly = set(), set()
        for value in self.local_closed_days:
            kind, parsed = _parse_local_day(value)
            (dates if kind == "date" else yearly).add(parsed)
        object.__setattr__(self, "_local_dates", frozenset(dates))
        object.__setattr__(self, "_local_yearly", frozenset(yearly))

    @classmethod
    def from_settings(cls, values: Iterable[str] | str) -> BodyCalendar:
        if isinstance(values, str):  # "06-01,2027-06-01" as written in the environment
            values = values.split(",")
        return cls(tuple(values))

    def is_closed(self, day: date) -> bool:
        return (
            is_national_admin_closed(day)
            or day in self._local_dates
            or (day.month, day.day) in self._local_yearly
        )

    def is_open(self, day: date) -> bool:
        return not self.is_closed(day)

    def next_open_day(self, day: date, *, include_today: bool = True) -> date:
        """``day`` itself if open (unless ``include_today`` is false), else the first open day after."""
        return self._walk(day if include_today else day + timedelta(days=1), timedelta(days=1))

    def previous_open_day(self, day: date, *, include_today: bool = True) -> date:
        """``day`` itself if open (unless ``include_today`` is false), else the last open day before."""
        return self._walk(day if include_today else day - timedelta(days=1), timedelta(days=-1))

    def add_open_days(self, day: date, count: int) -> date:
        """The date ``count`` open days after (or before, if negative) ``day``; ``day`` itself for 0."""
        step = timedelta(days=1 if count >= 0 else -1)
        current = day
        for _ in range(abs(count)):
            current = self._walk(current + step, step)
        return current

    def _walk(self, current: date, step: timedelta) -> date:
        for _ in range(_MAX_SEARCH_DAYS + 1):
            if self.is_open(current):
                return current
            current += step
        raise ValueError("休庁日の設定により1年以上開庁日がありません。設定を確認してください。")


NATIONAL_ADMINISTRATION = BodyCalendar()


def add_days(day: date, days: int) -> date:
    """Calendar days (the unit of most statutory periods)."""
    return day + timedelta(days=days)


def _parse_local_day(value: str) -> tuple[str, date | tuple[int, int]]:
    value = value.strip()
    try:
        if len(value) == 5 and value[2] == "-":
            month, day_of_month = int(value[:2]), int(value[3:])
            date(2024, month, day_of_month)  # validates, 2024 admits 02-29
            return "yearly", (month, day_of_month)
        return "date", date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"休庁日の設定「{value}」は YYYY-MM-DD か MM-DD で指定してください。") from exc


def body_calendar() -> BodyCalendar:
    """The body's calendar from settings (HOGOKAN_LOCAL_CLOSED_DAYS)."""
    from django.conf import settings

    return BodyCalendar.from_settings(settings.HOGOKAN_LOCAL_CLOSED_DAYS)
