"""Numbers that must be unique across the body: 事案番号, 受付番号, and the coming 契約, 監査 and 指摘 numbers.

Each series counts per fiscal year in one ``NumberSeries`` row. ``next_number`` locks that row until
the caller's transaction ends, so callers at the same moment wait for each other instead of picking
the same number; the number commits or rolls back together with the record that carries it, so a
failed save gives its number back and the numbers stay consecutive. Reading the largest number and
retrying on IntegrityError is not enough under PostgreSQL's READ COMMITTED (issue 20).

How a module numbers its records (the contracts, audits and findings will do the same)::

    from hogokan.core import numbering

    def _next_number(signed_on: date) -> str:
        year = fiscal_year(signed_on)
        sequence = numbering.next_number("outsourcing.contract", year, initial=lambda: numbering.highest_sequence(
            Contract.objects.filter(number__startswith=f"{year}-").values_list("number", flat=True)))
        return numbering.format_number(year, sequence, width=3)           # "2026-001"

    @transaction.atomic
    def contract_save(*, actor, ...):
        ...validate first...
        contract.number = _next_number(contract.signed_on)                # just before the save
        save_with_history(contract, actor, "登録")

- Call it inside the service's ``@transaction.atomic``, as late as possible (after validation, just
  before the save): the row stays locked until commit, and every other caller of that series and
  year waits for it.
- One series name per kind of number, ``"<app>.<record>"`` (``"incidents.incident"``,
  ``"disclosures.request"``, ``"outsourcing.contract"``, ``"audits.audit"``, ``"audits.finding"``);
  never change a name, or the count starts again.
- ``initial`` returns the highest sequence the records of that fiscal year already use (demo data,
  imports, rows made before the series existed), so the first number continues after them. It runs
  only when the series row for the year is created.
- Numbers that count within one parent record (the ①②③ of an incident's measures, findings numbered
  per audit) need no series: lock the parent row with ``select_for_update()`` and take the largest + 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.transaction import TransactionManagementError

from hogokan.core.models import NumberSeries


def next_number(series: str, fiscal_year: int, *, initial: Callable[[], int] = lambda: 0) -> int:
    """The next sequence (1, 2, 3 …) of ``series`` in ``fiscal_year``; must run in the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError("next_number must run inside the transaction that saves the record")
    counters = NumberSeries.objects.select_for_update().filter(series=series, fiscal_year=fiscal_year)
    counter = counters.first()
    if counter is None:
        # ON CONFLICT DO NOTHING: a caller creating the same row at this moment waits for it, then finds it.
        NumberSeries.objects.bulk_create(
            [NumberSeries(series=series, fiscal_year=fiscal_year, last_value=initial())], ignore_conflicts=True)
        counter = counters.get()
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def format_number(fiscal_year: int, sequence: int, width: int) -> str:
    """``format_number(2026, 7, 3)`` → "2026-007" (more digits once the sequence outgrows ``width``)."""
    return f"{fiscal_year}-{sequence:0{width}d}"


def highest_sequence(numbers: Iterable[str]) -> int:
    """The largest N of numbers written "YYYY-N" (what ``initial`` returns), 0 for none; others are ignored."""
    parts = (number.partition("-") for number in numbers)
    return max((int(tail) for year, _dash, tail in parts if _digits(year) and _digits(tail)), default=0)


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()
