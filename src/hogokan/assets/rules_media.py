"""Pure rules of removable media and take-outs (no ORM): due dates, overdue, the 京都市 shares."""

from __future__ import annotations

from datetime import date

from hogokan.core.calendar import BodyCalendar

# 点検表 ⑦「外部記録媒体の利用状況や保管状況について、定期的にチェックしているか」 is answered on the
# monthly inspection day (様式7-1 備考1: the 15th, the previous open day when closed), so the month's
# 現物確認 is due that day.
STOCKTAKE_DAY = 15


def stocktake_due(year: int, month: int, calendar: BodyCalendar) -> date:
    """The month's 現物確認 is due on the inspection day: the 15th, or the open day before it."""
    if not 1 <= month <= 12:
        raise ValueError("month must be 1–12")
    return calendar.previous_open_day(date(year, month, STOCKTAKE_DAY))


def is_overdue(due: date, today: date, *, done: bool) -> bool:
    """A task not done is overdue from the day after its due date."""
    return not done and due < today


def share(count: int, total: int) -> str:
    """京都市's percentages: one decimal, "-" when there is nothing to divide by."""
    return f"{count * 100 / total:.1f}%" if total else "-"


def return_error(taken_out_on: date, returned_on: date, today: date) -> str | None:
    """A return before the take-out, or in the future, cannot be recorded."""
    if returned_on < taken_out_on:
        return "返却日が持出し日より前です。返却日を確かめてください。"
    if returned_on > today:
        return "返却日に未来の日付は入力できません。"
    return None
