"""様式7-1 rules: the inspection day (備考1), － (備考2), quarterly reports (備考3), quarters."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hogokan.core.calendar import BodyCalendar
from hogokan.inspections import rules

CALENDAR = BodyCalendar()


@pytest.mark.parametrize("year, month, expected", [
    (2026, 11, date(2026, 11, 13)),  # 15th is a Sunday → Friday 13th
    (2025, 9, date(2025, 9, 12)),    # 15th is 敬老の日 (Monday) → Friday 12th
    (2026, 12, date(2026, 12, 15)),  # a Tuesday: the 15th itself
    (2026, 8, date(2026, 8, 14)),    # Saturday 15th → Friday 14th
    (2027, 3, date(2027, 3, 15)),
])
def test_inspection_day_is_the_15th_or_the_previous_open_day(year, month, expected):
    assert rules.inspection_date(year, month, CALENDAR) == expected


def test_local_closed_day_moves_the_inspection_day():
    assert rules.inspection_date(2026, 12, BodyCalendar(("12-15",))) == date(2026, 12, 14)


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=12))
def test_inspection_day_is_an_open_day_in_the_same_month_not_after_the_15th(year, month):
    day = rules.inspection_date(year, month, CALENDAR)
    assert day.year == year and day.month == month and day.day <= 15
    assert CALENDAR.is_open(day)


@pytest.mark.parametrize("year, month, expected", [
    (2026, 4, date(2026, 6, 20)), (2026, 6, date(2026, 6, 20)), (2026, 7, date(2026, 9, 20)),
    (2026, 12, date(2026, 12, 20)), (2027, 1, date(2027, 3, 20)), (2027, 3, date(2027, 3, 20)),
])
def test_quarterly_report_is_due_on_the_20th_of_june_september_december_march(year, month, expected):
    assert rules.report_due(year, month) == expected


def test_a_report_day_on_a_closed_day_moves_to_the_previous_open_day():
    # 2026-09-20 is a Sunday (and 9/21-23 are holidays): the report is due on Friday 2026-09-18.
    assert rules.report_due(2026, 7, calendar=CALENDAR) == date(2026, 9, 18)
    assert rules.report_due(2026, 7) == date(2026, 9, 20)  # without a calendar, the day of the setting
    assert rules.report_due(2026, 12, calendar=CALENDAR) == date(2026, 12, 18)  # 12-20 is a Sunday too


def test_report_months_are_a_setting():
    assert rules.report_due(2026, 4, day=10, months=(5, 8, 11, 2)) == date(2026, 5, 10)
    assert rules.report_due(2026, 12, day=10, months=(5, 8, 11, 2)) == date(2027, 2, 10)


@pytest.mark.parametrize("quarter, months", [
    (1, [(2026, 4), (2026, 5), (2026, 6)]), (4, [(2027, 1), (2027, 2), (2027, 3)]),
])
def test_quarters_of_a_fiscal_year(quarter, months):
    assert rules.quarter_months(2026, quarter) == months


def test_quarter_out_of_range_is_refused():
    with pytest.raises(ValueError, match="四半期は1から4"):
        rules.quarter_months(2026, 5)


@pytest.mark.parametrize("typed, mark", [("○", "ok"), ("〇", "ok"), ("×", "ng"), ("x", "ng"), ("－", "na"),
                                          ("-", "na"), ("", ""), ("  ", "")])
def test_marks_as_typed(typed, mark):
    assert rules.parse_mark(typed) == mark


def test_unknown_mark_is_refused_in_japanese():
    with pytest.raises(ValueError, match="回答「△」は使えません"):
        rules.parse_mark("△")


def test_dash_only_where_allowed():
    rules.check_mark("na", dash_allowed=True, label="項目①")
    with pytest.raises(ValueError, match="項目②は「－」（該当なし）を選べない項目です"):
        rules.check_mark("na", dash_allowed=False, label="項目②")
