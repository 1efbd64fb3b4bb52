"""Deadline tables for data-subject requests (法83, 84, 87③, 90③, 94, 98③, 102, 行審法18)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hogokan.core.calendar import BodyCalendar
from hogokan.disclosures import rules
from hogokan.disclosures.rules import CorrectionPeriod as C

CAL = BodyCalendar()


@pytest.mark.parametrize("received, corrections, due", [
    # 法83①: received + 30, the request day not counted
    (date(2024, 4, 1), [], date(2024, 5, 1)),
    # 補正 with both days included: 4/5〜4/9 = 5 days
    (date(2024, 4, 1), [C(date(2024, 4, 5), date(2024, 4, 9))], date(2024, 5, 6)),
    # a 補正 answered the same day counts 1 day
    (date(2024, 4, 1), [C(date(2024, 4, 5), date(2024, 4, 5))], date(2024, 5, 2)),
    # several 補正 periods add up: 3 + 2 days
    (date(2024, 4, 1), [C(date(2024, 4, 2), date(2024, 4, 4)), C(date(2024, 4, 10), date(2024, 4, 11))],
     date(2024, 5, 6)),
])
def test_law83_1_due_date_with_corrections(received, corrections, due):
    result = rules.request_deadline("disclosure", received, corrections)
    assert result.due == due


def test_law83_2_extension_adds_at_most_30_days():
    result = rules.request_deadline("disclosure", date(2024, 4, 1), extended=True)
    assert result.extended_due == date(2024, 5, 31)
    assert rules.request_deadline("disclosure", date(2024, 4, 1), extended=True, extension_days=10).extended_due \
        == date(2024, 5, 11)
    with pytest.raises(ValueError, match="30日以下"):
        rules.request_deadline("disclosure", date(2024, 4, 1), extended=True, extension_days=31)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(1, 30), st.integers(0, 40))
def test_extension_never_over_30_days_and_due_never_before_request(received, extension, correction_len):
    corrections = [C(received + timedelta(days=2), received + timedelta(days=2 + correction_len))]
    result = rules.request_deadline("disclosure", received, corrections, extended=True, extension_days=extension)
    assert result.due > received
    assert 0 < (result.extended_due - result.due).days <= 30
    assert result.recommended_by <= result.extended_due


def test_closed_day_keep_recommends_the_previous_open_day():
    # received 2024-04-04 → due 2024-05-04 (みどりの日, Saturday)
    result = rules.request_deadline("disclosure", date(2024, 4, 4))
    assert result.due == date(2024, 5, 4)
    assert result.recommended_by == date(2024, 5, 2)
    assert any("休庁日" in line for line in result.explanation)


def test_closed_day_policy_next_and_previous_move_the_due_date():
    assert rules.request_deadline("disclosure", date(2024, 4, 4), closed_day_policy="next").due == date(2024, 5, 7)
    assert rules.request_deadline("disclosure", date(2024, 4, 4), closed_day_policy="previous").due == date(2024, 5, 2)


def test_year_end_closed_days():
    result = rules.request_deadline("disclosure", date(2024, 11, 30))  # due 12-30
    assert result.due == date(2024, 12, 30) and result.recommended_by == date(2024, 12, 27)


def test_ordinance_may_shorten_the_period_not_lengthen_it():
    assert rules.request_deadline("correction", date(2024, 4, 1), period_days=14).due == date(2024, 4, 15)
    with pytest.raises(ValueError, match="30日を超えられません"):
        rules.request_deadline("correction", date(2024, 4, 1), period_days=45)


def test_law84_special_notice_within_the_first_period_and_60_days_for_a_part():
    result = rules.request_deadline("disclosure", date(2024, 4, 1), [C(date(2024, 4, 5), date(2024, 4, 9))])
    assert result.special_notice_by == date(2024, 5, 6)
    assert result.special_part_by == date(2024, 6, 5)
    assert rules.request_deadline("suspension", date(2024, 4, 1)).special_part_by is None


@pytest.mark.parametrize("corrections, message", [
    ([C(date(2024, 4, 10), date(2024, 4, 9))], "補正を受けた日が補正を求めた日より前"),
    ([C(date(2024, 3, 30), date(2024, 4, 2))], "請求の受付日より前"),
    ([C(date(2024, 4, 2), date(2024, 4, 10)), C(date(2024, 4, 5), date(2024, 4, 6))], "重なっています"),
])
def test_impossible_corrections_are_refused(corrections, message):
    with pytest.raises(ValueError, match=message):
        rules.request_deadline("disclosure", date(2024, 4, 1), corrections)


def test_open_correction_counts_up_to_today():
    result = rules.request_deadline("disclosure", date(2024, 4, 1), [C(date(2024, 4, 5))], today=date(2024, 4, 7))
    assert result.correction_days == 3 and result.due == date(2024, 5, 4)


@pytest.mark.parametrize("notice, expected", [
    (date(2024, 4, 1), date(2024, 5, 1)),    # 法87③ 30 days
    (date(2024, 4, 4), date(2024, 5, 7)),    # 5/4 closed → next open day (地方自治法4条の2④)
])
def test_law87_exercise_deadline(notice, expected):
    assert rules.exercise_by(notice) == expected


def test_law90_correction_request_within_90_days_next_open_day():
    assert rules.correction_request_by(date(2024, 4, 1)) == date(2024, 7, 1)  # 6/30 Sunday → 7/1
    assert rules.correction_request_by(date(2024, 4, 2)) == date(2024, 7, 1)


@pytest.mark.parametrize("learned, decided, expected", [
    (date(2024, 4, 10), date(2024, 4, 8), date(2024, 7, 10)),    # 3 months from the next day
    (date(2024, 11, 30), date(2024, 11, 29), date(2025, 2, 28)),  # no corresponding day: month end
    (date(2024, 6, 15), date(2024, 6, 14), date(2024, 9, 17)),    # 9/15 Sun, 9/16 敬老の日 → 9/17
    (date(2025, 5, 1), date(2024, 6, 3), date(2025, 6, 3)),       # the 1 year from the decision comes first
])
def test_appeal_deadline(learned, decided, expected):
    assert rules.appeal_by(learned, decided) == expected


def test_months_period_civil_code_143():
    assert rules.add_months_period(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert rules.add_months_period(date(2024, 3, 1), 3) == date(2024, 5, 31)


def test_law86_hearing_mandatory_cases_and_two_weeks():
    assert rules.hearing_mandatory(ground_2_ro=True)
    assert rules.hearing_mandatory(discretionary=True)
    assert not rules.hearing_mandatory()
    assert rules.earliest_disclosure_after_objection(date(2024, 4, 1)) == date(2024, 4, 16)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
       st.lists(st.tuples(st.integers(1, 10), st.integers(0, 20)), max_size=4))
def test_law83_every_correction_period_adds_its_days_both_included(received, gaps):
    corrections, cursor, expected = [], received, 0
    for gap, length in gaps:  # disjoint periods after the receipt
        start = cursor + timedelta(days=gap)
        corrections.append(C(start, start + timedelta(days=length)))
        expected += length + 1
        cursor = start + timedelta(days=length)
    result = rules.request_deadline("disclosure", received, corrections)
    assert result.correction_days == expected
    assert result.due == received + timedelta(days=30 + expected)
    assert result.recommended_by <= result.due and CAL.is_open(result.recommended_by)


def test_explanations_never_show_internal_setting_names():
    from datetime import date

    from hogokan.core.calendar import BodyCalendar
    from hogokan.disclosures import rules

    for policy in ("keep", "previous", "next"):
        # received 2026-10-20: the 30th day is 2026-11-19 (Thu) … find one that lands on a closed day
        for offset in range(0, 14):
            result = rules.request_deadline("disclosure", date(2026, 10, 1 + offset), calendar=BodyCalendar(),
                                            closed_day_policy=policy)
            text = " ".join(result.explanation)
            assert "deadline_on_closed_day" not in text and "keep" not in text and "=" not in text
