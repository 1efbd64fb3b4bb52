"""MNG 第4-2 事務取扱担当者の明確化: a designation lasts while the person works in the unit."""

from datetime import date

import pytest

from hogokan.mynumber import rules
from hogokan.mynumber.rules import DesignationFacts, Span

D = date


@pytest.mark.parametrize(("designation", "day", "expected"), [
    # designated and assigned
    (DesignationFacts(D(2025, 4, 1), None, (Span(D(2020, 4, 1)),)), D(2026, 1, 5), True),
    # the assignment ended (人事異動) before the day: no longer in office, even though never lifted
    (DesignationFacts(D(2025, 4, 1), None, (Span(D(2020, 4, 1), D(2026, 3, 31)),)), D(2026, 4, 1), False),
    # the last day of the assignment is still a day in office
    (DesignationFacts(D(2025, 4, 1), None, (Span(D(2020, 4, 1), D(2026, 3, 31)),)), D(2026, 3, 31), True),
    # lifted
    (DesignationFacts(D(2025, 4, 1), D(2025, 9, 30), (Span(D(2020, 4, 1)),)), D(2025, 10, 1), False),
    # before the designation
    (DesignationFacts(D(2025, 4, 1), None, (Span(D(2020, 4, 1)),)), D(2025, 3, 31), False),
])
def test_in_office_needs_the_designation_and_the_assignment(designation, day, expected):
    assert designation.in_office_on(day) is expected


def test_gap_reasons():
    left = DesignationFacts(D(2025, 4, 1), None, (Span(D(2020, 4, 1), D(2026, 3, 31)),))
    lifted = DesignationFacts(D(2024, 4, 1), D(2025, 3, 31), (Span(D(2020, 4, 1)),))
    ended_by_transfer = DesignationFacts(D(2025, 4, 1), D(2026, 3, 31), (Span(D(2020, 4, 1), D(2026, 3, 31)),),
                                         ended_by_transfer=True)
    assert rules.gap_reason([], D(2026, 4, 1)) == rules.NO_DESIGNEE
    assert rules.gap_reason([left], D(2026, 1, 1)) is None
    assert rules.gap_reason([left], D(2026, 4, 1)) == rules.DESIGNEE_LEFT
    assert rules.gap_reason([ended_by_transfer], D(2026, 4, 1)) == rules.DESIGNEE_LEFT
    assert rules.gap_reason([lifted], D(2025, 4, 1)) == rules.NO_DESIGNEE
    # the latest designation decides: lifted after the one who left
    assert rules.gap_reason([left, DesignationFacts(D(2026, 1, 1), D(2026, 2, 1), (Span(D(2020, 4, 1)),))],
                            D(2026, 4, 1)) == rules.NO_DESIGNEE


def test_assignment_end_follows_assignments_that_carry_on():
    spans = [Span(D(2020, 4, 1), D(2024, 3, 31)), Span(D(2024, 4, 1), D(2026, 3, 31))]  # a rename in between
    assert rules.assignment_end_for(D(2021, 1, 1), spans) == D(2026, 3, 31)
    assert rules.assignment_end_for(D(2021, 1, 1), [Span(D(2020, 4, 1))]) is None
    assert rules.assignment_end_for(D(2019, 1, 1), spans) is None  # not assigned on the start
