"""The administrative calendar (RULES.md §1): 年度, 和暦, 行政機関の休日 and the body's closed days."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hogokan.core.calendar import (
    NATIONAL_ADMINISTRATION,
    BodyCalendar,
    add_days,
    body_calendar,
    era_year,
    fiscal_year,
    fiscal_year_range,
    is_national_admin_closed,
    next_fiscal_year_start,
    parse_date,
    wareki,
    wareki_fiscal_year,
)

D = date.fromisoformat
# jpholiday knows the holidays of the 国民の祝日に関する法律 (1948 on); 昭和 starts 1926-12-25.
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


# ---- 年度: April 1 – March 31 --------------------------------------------------------------------

@pytest.mark.parametrize(("day", "expected"), [
    ("2026-03-31", 2025),  # the last day of 年度 2025
    ("2026-04-01", 2026),  # April 1 starts the 年度
    ("2026-01-01", 2025),  # January–March belong to the 年度 that started the April before
    ("2025-12-31", 2025),
])
def test_fiscal_year_runs_april_to_march(day, expected):
    assert fiscal_year(D(day)) == expected


def test_fiscal_year_range_is_april_1_to_march_31():
    assert fiscal_year_range(2025) == (D("2025-04-01"), D("2026-03-31"))
    assert fiscal_year_range(2027) == (D("2027-04-01"), D("2028-03-31"))  # 2028 is a leap year: no matter


@pytest.mark.parametrize(("day", "expected"), [
    ("2026-03-31", "2026-04-01"),
    ("2026-04-01", "2027-04-01"),  # strictly after: a reorganisation on April 1 takes the next one
    ("2026-11-23", "2027-04-01"),
    ("2027-01-15", "2027-04-01"),
])
def test_next_fiscal_year_start_is_the_next_april_1(day, expected):
    assert next_fiscal_year_start(D(day)) == D(expected)


# ---- 和暦 --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "expected"), [
    ("2019-04-30", "平成31年4月30日"),   # the last day of 平成
    ("2019-05-01", "令和元年5月1日"),    # 元年, not 1年
    ("2020-01-01", "令和2年1月1日"),
    ("2026-11-23", "令和8年11月23日"),
    ("1989-01-07", "昭和64年1月7日"),    # the last day of 昭和
    ("1989-01-08", "平成元年1月8日"),
    ("1926-12-25", "昭和元年12月25日"),
])
def test_wareki_names_era_and_first_year_as_gannen(day, expected):
    assert wareki(D(day)) == expected


@pytest.mark.parametrize(("day", "expected"), [
    ("2026-11-23", "令和8年11月23日（月）"),
    ("2026-11-15", "令和8年11月15日（日）"),
    ("2019-05-01", "令和元年5月1日（水）"),
])
def test_wareki_with_weekday_in_full_width_brackets(day, expected):
    assert wareki(D(day), weekday=True) == expected


@pytest.mark.parametrize(("day", "expected"), [
    ("1926-12-24", "大正15年12月24日"),   # the last day of 大正
    ("1912-07-30", "大正元年7月30日"),
    ("1912-07-29", "明治45年7月29日"),
    ("1900-01-01", "明治33年1月1日"),     # an 取扱事務 started long ago, or a typing error: shown, never a 500
    ("1868-01-25", "明治元年1月25日"),
    ("1868-01-24", "1868年1月24日"),      # before 明治: plain 西暦
    ("0445-11-02", "445年11月2日"),
])
def test_wareki_reaches_back_to_meiji_and_falls_back_to_seireki(day, expected):
    assert wareki(D(day)) == expected


def test_era_year_before_meiji_is_refused_in_japanese():
    with pytest.raises(ValueError, match="明治より前"):
        era_year(D("1868-01-24"))


@given(st.dates())
def test_wareki_never_raises_on_any_date(day):
    assert wareki(day, weekday=True).endswith("）")
    assert wareki_fiscal_year(day.year).endswith("年度")


@pytest.mark.parametrize(("year", "expected"), [
    (2023, "令和5年度"),     # the seeds' 令和５年度
    (2026, "令和8年度"),
    # Chosen convention: the 年度 starting 2019-04-01 is 令和元年度 (as budgets and settlements name
    # it once 令和 began), although documents written before 2019-05-01 called it 平成31年度.
    (2019, "令和元年度"),
    (2018, "平成30年度"),
    (1989, "平成元年度"),
    (1988, "昭和63年度"),    # 1988-04-01 – 1989-03-31 stayed 昭和63年度
])
def test_wareki_fiscal_year_takes_the_era_year_of_the_starting_calendar_year(year, expected):
    assert wareki_fiscal_year(year) == expected


# ---- 行政機関の休日 (行政機関の休日に関する法律1条) ---------------------------------------------

@pytest.mark.parametrize(("day", "closed", "why"), [
    ("2026-11-14", True, "土曜日"),
    ("2026-11-15", True, "日曜日"),
    ("2026-11-16", False, "平日"),
    ("2025-09-15", True, "敬老の日"),
    ("2026-11-23", True, "勤労感謝の日"),
    ("2025-11-24", True, "振替休日（勤労感謝の日が日曜日）"),
    ("2026-05-06", True, "振替休日（憲法記念日が日曜日）"),
    ("2026-09-22", True, "国民の休日（敬老の日と秋分の日に挟まれた日）"),
    ("2026-12-28", False, "仕事納めの日"),
    ("2026-12-29", True, "年末年始 12月29日"),
    ("2026-12-31", True, "年末年始 12月31日"),
    ("2027-01-01", True, "元日"),
    ("2027-01-03", True, "年末年始 1月3日"),
    ("2027-01-04", False, "仕事始めの日"),
])
def test_national_admin_closed_days(day, closed, why):
    assert is_national_admin_closed(D(day)) is closed, why


# ---- the body's local closed days (地方自治法4条の2③) ----------------------------------------------

def test_local_closed_day_by_iso_date_closes_that_day_only():
    calendar = BodyCalendar.from_settings(["2027-06-01"])
    assert calendar.is_closed(D("2027-06-01"))
    assert calendar.is_open(D("2028-06-01"))
    assert NATIONAL_ADMINISTRATION.is_open(D("2027-06-01"))


def test_local_closed_day_by_month_day_closes_it_every_year():
    calendar = BodyCalendar.from_settings(["06-01"])
    assert calendar.is_closed(D("2027-06-01"))
    assert calendar.is_closed(D("2028-06-01"))
    assert calendar.is_open(D("2027-06-02"))


def test_local_closed_days_from_an_environment_string():
    calendar = BodyCalendar.from_settings(" 06-01, 2027-07-01 ,")
    assert calendar.local_closed_days == ("06-01", "2027-07-01")
    assert calendar.is_closed(D("2027-07-01"))


def test_local_closed_days_from_a_generator_are_kept():
    calendar = BodyCalendar.from_settings(value for value in ["2027-06-01"])
    assert calendar.is_closed(D("2027-06-01"))


@pytest.mark.parametrize("bad", ["2027-13-01", "02-30", "6/1", "June 1", "13-01", "2027-6-1"])
def test_bad_local_closed_day_setting_is_refused_in_japanese(bad):
    with pytest.raises(ValueError, match="休庁日の設定「.*」は YYYY-MM-DD か MM-DD で指定してください"):
        BodyCalendar.from_settings([bad])
    with pytest.raises(ValueError, match="休庁日の設定"):
        BodyCalendar((bad,))  # the constructor checks too, not only the first is_closed()


def test_february_29_is_a_valid_yearly_closed_day():
    calendar = BodyCalendar.from_settings(["02-29"])
    assert calendar.is_closed(D("2028-02-29"))


def test_body_calendar_reads_the_setting(settings):
    settings.HOGOKAN_LOCAL_CLOSED_DAYS = ["2027-06-01"]
    assert body_calendar().is_closed(D("2027-06-01"))


def test_a_calendar_closed_all_year_fails_instead_of_looping():
    every_day = [f"{month:02d}-{day:02d}" for month in range(1, 13) for day in range(1, 32)
                 if (month, day) not in {(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)}]
    with pytest.raises(ValueError, match="開庁日がありません"):
        BodyCalendar.from_settings(every_day).next_open_day(D("2027-06-01"))


# ---- open days ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "expected", "why"), [
    ("2026-11-16", "2026-11-16", "an open day is its own next open day"),
    ("2026-11-14", "2026-11-16", "Saturday → Monday"),
    ("2025-09-13", "2025-09-16", "Saturday before 敬老の日 → Tuesday"),
    ("2026-12-29", "2027-01-04", "across the year end"),
])
def test_next_open_day(day, expected, why):
    assert NATIONAL_ADMINISTRATION.next_open_day(D(day)) == D(expected), why


@pytest.mark.parametrize(("day", "expected", "why"), [
    ("2026-11-13", "2026-11-13", "an open day is its own previous open day"),
    ("2026-11-15", "2026-11-13", "Sunday → Friday"),
    ("2025-09-15", "2025-09-12", "敬老の日 (Monday) → Friday"),
    ("2027-01-03", "2026-12-28", "across the year end"),
])
def test_previous_open_day(day, expected, why):
    assert NATIONAL_ADMINISTRATION.previous_open_day(D(day)) == D(expected), why


def test_open_day_search_can_exclude_the_day_itself():
    calendar = NATIONAL_ADMINISTRATION
    assert calendar.next_open_day(D("2026-11-13"), include_today=False) == D("2026-11-16")
    assert calendar.previous_open_day(D("2026-11-16"), include_today=False) == D("2026-11-13")


def test_local_closed_day_moves_the_next_open_day():
    calendar = BodyCalendar.from_settings(["2027-01-04"])
    assert calendar.next_open_day(D("2026-12-29")) == D("2027-01-05")


@pytest.mark.parametrize(("day", "count", "expected", "why"), [
    ("2026-11-13", 1, "2026-11-16", "Friday + 1 → Monday"),
    ("2026-11-20", 1, "2026-11-24", "Friday + 1 skips the weekend and 勤労感謝の日"),
    ("2026-06-01", 5, "2026-06-08", "Monday + 5 → next Monday"),
    ("2026-11-16", 5, "2026-11-24", "Monday + 5 skips the weekend and 勤労感謝の日"),
    ("2026-12-25", 2, "2027-01-04", "across the year end: 12-28, then 01-04"),
    ("2026-11-16", -1, "2026-11-13", "Monday − 1 → Friday"),
    ("2027-01-04", -1, "2026-12-28", "back across the year end"),
    ("2026-11-15", 0, "2026-11-15", "zero keeps the day, even a closed one"),
])
def test_add_open_days(day, count, expected, why):
    assert NATIONAL_ADMINISTRATION.add_open_days(D(day), count) == D(expected), why


@pytest.mark.parametrize(("day", "days", "expected"), [
    ("2026-11-01", 29, "2026-11-30"),   # 規則: 確報 30 days counting the day of knowledge → + 29
    ("2026-12-15", 30, "2027-01-14"),   # 法83①: 30 days, the request day not counted → + 30
    ("2026-03-01", -1, "2026-02-28"),
])
def test_add_days_counts_calendar_days(day, days, expected):
    assert add_days(D(day), days) == D(expected)


# ---- invariants ----------------------------------------------------------------------------------

@given(dates)
def test_next_open_day_is_open_and_not_before(day):
    result = NATIONAL_ADMINISTRATION.next_open_day(day)
    assert result >= day
    assert NATIONAL_ADMINISTRATION.is_open(result)


@given(dates)
def test_previous_open_day_is_open_and_not_after(day):
    result = NATIONAL_ADMINISTRATION.previous_open_day(day)
    assert result <= day
    assert NATIONAL_ADMINISTRATION.is_open(result)


@given(dates, st.integers(min_value=1, max_value=40))
def test_adding_open_days_lands_on_a_later_open_day(day, count):
    result = NATIONAL_ADMINISTRATION.add_open_days(day, count)
    assert result > day
    assert NATIONAL_ADMINISTRATION.is_open(result)


@given(dates, st.integers(min_value=1, max_value=40))
def test_subtracting_open_days_lands_on_an_earlier_open_day(day, count):
    result = NATIONAL_ADMINISTRATION.add_open_days(day, -count)
    assert result < day
    assert NATIONAL_ADMINISTRATION.is_open(result)


@given(dates)
def test_fiscal_year_range_contains_the_day(day):
    start, end = fiscal_year_range(fiscal_year(day))
    assert start <= day <= end
    assert start < next_fiscal_year_start(day)
    assert next_fiscal_year_start(day) > day


@given(st.dates(min_value=date(1927, 1, 1), max_value=date(2100, 12, 31)))
def test_wareki_always_names_an_era_and_the_day(day):
    text = wareki(day)
    assert text[:2] in {"昭和", "平成", "令和"}
    assert text.endswith(f"{day.month}月{day.day}日")


# ---- dates (the formats a spreadsheet user really types) ------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2025-04-01", date(2025, 4, 1)),
    ("2025/4/1", date(2025, 4, 1)),
    ("2025.04.01", date(2025, 4, 1)),
    ("2025年4月1日", date(2025, 4, 1)),
    ("２０２５／０４／０１", date(2025, 4, 1)),
    ("20250401", date(2025, 4, 1)),
    ("2025/04/01 0:00:00", date(2025, 4, 1)),
    ("令和7年4月1日", date(2025, 4, 1)),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("R7.4.1", date(2025, 4, 1)),
    ("r7/4/1", date(2025, 4, 1)),
    ("平成31年4月30日", date(2019, 4, 30)),
    ("H31.5.1", None),  # 平成 ended on 2019-04-30
    ("令和1年4月30日", None),  # 令和 began on 2019-05-01
    ("昭和64年1月7日", date(1989, 1, 7)),
    ("大正15年12月24日", date(1926, 12, 24)),
    ("明治元年1月25日", date(1868, 1, 25)),
    ("M45.7.29", date(1912, 7, 29)),
    ("大正元年7月29日", None),  # 大正 began on 1912-07-30
    ("2025-13-01", None),
    ("2025-02-30", None),
    ("4月1日", None),
    ("来年度", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2026", 2026), ("2026年", 2026), ("２０２６", 2026), ("令和8", 2026), ("令和8年度", 2026), ("R8", 2026),
    ("令和元年", 2019), ("平成31", 2019), ("20268", None), ("令和", None), ("abc", None),
])
def test_parse_year_reads_seireki_and_wareki_without_running_digits_together(text, expected):
    from hogokan.core.calendar import parse_year

    assert parse_year(text) == expected


@pytest.mark.parametrize(("text", "impossible"), [
    ("2026-02-30", True), ("令和8年13月1日", True), ("平成32年1月1日", True), ("2026-02-28", False), ("来年度", False),
])
def test_an_impossible_date_is_told_apart_from_an_unreadable_one(text, impossible):
    from hogokan.core.calendar import is_impossible_date

    assert is_impossible_date(text) is impossible
