"""The pure rules of media and take-outs (様式7-1 備考1: the inspection day; 京都市's shares)."""

from datetime import date

import pytest

from hogokan.assets import rules_media as rules
from hogokan.core.calendar import BodyCalendar

CALENDAR = BodyCalendar()


@pytest.mark.parametrize(("year", "month", "due"), [
    (2026, 10, date(2026, 10, 15)),  # a Thursday
    (2026, 11, date(2026, 11, 13)),  # the 15th is a Sunday → Friday the 13th
    (2026, 8, date(2026, 8, 14)),    # Saturday the 15th → Friday
    (2027, 3, date(2027, 3, 15)),
])
def test_the_stocktake_is_due_on_the_inspection_day_or_the_open_day_before(year, month, due):
    assert rules.stocktake_due(year, month, CALENDAR) == due


def test_a_local_closed_day_moves_the_stocktake_earlier():
    assert rules.stocktake_due(2026, 10, BodyCalendar(("10-15",))) == date(2026, 10, 14)


def test_month_out_of_range_is_refused():
    with pytest.raises(ValueError):
        rules.stocktake_due(2026, 13, CALENDAR)


@pytest.mark.parametrize(("due", "today", "done", "overdue"), [
    (date(2026, 11, 13), date(2026, 11, 13), False, False),  # the due day itself is not late
    (date(2026, 11, 13), date(2026, 11, 14), False, True),
    (date(2026, 11, 13), date(2026, 12, 1), True, False),
])
def test_overdue_from_the_day_after(due, today, done, overdue):
    assert rules.is_overdue(due, today, done=done) is overdue


def test_share_as_kyoto_prints_it():
    assert rules.share(205, 213) == "96.2%"
    assert rules.share(0, 0) == "-"


def test_return_before_the_take_out_or_in_the_future_is_an_error():
    assert "持出し日より前" in rules.return_error(date(2026, 11, 10), date(2026, 11, 9), date(2026, 11, 20))
    assert "未来" in rules.return_error(date(2026, 11, 10), date(2026, 11, 21), date(2026, 11, 20))
    assert rules.return_error(date(2026, 11, 10), date(2026, 11, 10), date(2026, 11, 20)) is None
