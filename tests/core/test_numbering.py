"""core.numbering: one counter per series and fiscal year, continuing after the numbers already used."""

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError

from hogokan.core.numbering import format_number, highest_sequence, next_number


def test_numbers_are_consecutive_within_a_series_and_year(db):
    assert [next_number("audits.audit", 2026) for _ in range(3)] == [1, 2, 3]


def test_series_count_independently(db):
    assert next_number("audits.audit", 2026) == 1
    assert next_number("audits.finding", 2026) == 1
    assert next_number("audits.audit", 2026) == 2
    assert next_number("audits.finding", 2026) == 2


def test_a_new_fiscal_year_starts_at_one(db):
    next_number("audits.audit", 2025)
    next_number("audits.audit", 2025)
    assert next_number("audits.audit", 2026) == 1
    assert next_number("audits.audit", 2025) == 3


def test_initial_continues_after_existing_records_and_is_read_only_once(db):
    calls = []

    def highest_used() -> int:
        calls.append(1)
        return 41

    assert next_number("outsourcing.contract", 2026, initial=highest_used) == 42
    assert next_number("outsourcing.contract", 2026, initial=highest_used) == 43
    assert len(calls) == 1
    assert next_number("outsourcing.contract", 2027, initial=lambda: 0) == 1


def test_a_rolled_back_save_gives_its_number_back(db):
    assert next_number("audits.audit", 2026) == 1
    with pytest.raises(ValueError), transaction.atomic():
        next_number("audits.audit", 2026)
        raise ValueError("the record failed validation")
    assert next_number("audits.audit", 2026) == 2


def test_refuses_to_run_outside_a_transaction(transactional_db):
    with pytest.raises(TransactionManagementError):
        next_number("audits.audit", 2026)


@pytest.mark.parametrize(("year", "sequence", "width", "expected"), [
    (2026, 1, 3, "2026-001"),
    (2026, 42, 4, "2026-0042"),
    (2026, 1000, 3, "2026-1000"),
])
def test_format_number(year, sequence, width, expected):
    assert format_number(year, sequence, width) == expected


@pytest.mark.parametrize(("numbers", "expected"), [
    ([], 0),
    (["2026-003", "2026-041", "2026-007"], 41),
    (["2026-0999", "2026-1000"], 1000),
    (["2026-007", "旧-12", "2026-A1", "2026-"], 7),
])
def test_highest_sequence(numbers, expected):
    assert highest_sequence(numbers) == expected
