"""Self-inspection rules (RULES.md §8, 名古屋市 点検表 様式7-1): pure functions, no ORM."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hogokan.core.calendar import BodyCalendar, fiscal_year_of_month, require_plausible

INSPECTION_DAY = 15
# 備考3: 6月、9月、12月、3月の20日までに局区等担当課宛て報告 (settings may change day and months)
DEFAULT_REPORT_DAY = 20
DEFAULT_REPORT_MONTHS = (6, 9, 12, 3)
# 点検強化月間: August and February
DEFAULT_STRENGTHENING_MONTHS = (8, 2)
FISCAL_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)

OK, NG, NA = "ok", "ng", "na"
MARKS = {OK: "○", NG: "×", NA: "－"}
_INPUT_MARKS = {"○": OK, "〇": OK, "o": OK, "ok": OK, "×": NG, "x": NG, "ng": NG, "－": NA, "-": NA, "ー": NA,
                "―": NA, "na": NA}


def inspection_date(year: int, month: int, calendar: BodyCalendar) -> date:
    """各月の点検日: the 15th, or the previous open day when the 15th is a closed day (備考1)."""
    require_plausible(date(year, month, INSPECTION_DAY), "点検の年月")
    return calendar.previous_open_day(date(year, month, INSPECTION_DAY))


def report_due(year: int, month: int, *, day: int = DEFAULT_REPORT_DAY,
               months: Iterable[int] = DEFAULT_REPORT_MONTHS, calendar: BodyCalendar | None = None) -> date:
    """The quarterly report date covering ``month``: the first report month on or after it (備考3).

    With ``calendar``, a report day that is a closed day moves to the previous open day, as the 点検日 does
    (備考1): a report due on a Sunday is due on the Friday before.
    """
    fiscal_year = fiscal_year_of_month(year, month)
    report_months = set(months)
    for candidate in FISCAL_MONTHS[FISCAL_MONTHS.index(month):]:
        if candidate in report_months:
            report_year, report_month = fiscal_year_month(fiscal_year, candidate)
            due = date(report_year, report_month, day)
            return calendar.previous_open_day(due) if calendar is not None else due
    raise ValueError("報告月の設定に、この月以降の月がありません。")


def fiscal_year_month(fiscal_year: int, month: int) -> tuple[int, int]:
    """(calendar year, month) of ``month`` within 年度 ``fiscal_year`` (1–3 belong to the next year)."""
    return (fiscal_year + 1 if month <= 3 else fiscal_year), month


def quarter_months(fiscal_year: int, quarter: int) -> list[tuple[int, int]]:
    """The three (year, month) of 四半期 1–4 of a 年度 (Q1 = 4–6月 …, Q4 = 1–3月)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("四半期は1から4で指定してください。")
    months = FISCAL_MONTHS[(quarter - 1) * 3: quarter * 3]
    return [fiscal_year_month(fiscal_year, month) for month in months]


def quarter_of(month: int) -> int:
    return FISCAL_MONTHS.index(month) // 3 + 1


def parse_mark(value: str | None) -> str:
    """An answer as typed (○ × － and look-alikes) → ok/ng/na; '' for blank; ValueError otherwise."""
    if value is None:
        return ""
    text = str(value).strip().lower()
    if text == "":
        return ""
    if text in _INPUT_MARKS:
        return _INPUT_MARKS[text]
    raise ValueError(f"回答「{value}」は使えません（○・×・－のいずれか）。")


def check_mark(mark: str, *, dash_allowed: bool, label: str) -> None:
    """－ only for items that may not occur that month (備考2: ①、⑥、⑦、6、14、15)."""
    if mark == NA and not dash_allowed:
        raise ValueError(f"{label}は「－」（該当なし）を選べない項目です。○か×で回答してください。")


def is_late(submitted_on: date, due: date) -> bool:
    return submitted_on > due
