"""受付番号: distinct and consecutive per fiscal year of receipt, also when many receipts arrive at once."""

from datetime import date

from hogokan.core.models import NumberSeries
from hogokan.disclosures.models import DataSubjectRequest
from tests.concurrency import needs_concurrent_writers, run_at_once


def test_numbers_count_per_fiscal_year_of_receipt(make_request):
    assert make_request(received_on=date(2026, 3, 31)).number == "2025-0001"
    assert make_request(received_on=date(2026, 4, 1)).number == "2026-0001"
    assert make_request(received_on=date(2026, 4, 2)).number == "2026-0002"
    assert make_request(received_on=date(2025, 12, 1)).number == "2025-0002"


def test_first_number_after_the_change_continues_after_the_largest_existing(make_request):
    # Requests numbered before the numbering service existed (demo data, an import): no counter row yet.
    for number in ("2026-0009", "2026-0123", "2026-0010"):
        request = make_request(received_on=date(2026, 5, 1))
        DataSubjectRequest.objects.filter(pk=request.pk).update(number=number)
    NumberSeries.objects.all().delete()
    assert make_request(received_on=date(2026, 6, 1)).number == "2026-0124"


@needs_concurrent_writers
def test_fifty_receipts_at_the_same_moment_are_all_stored_with_consecutive_numbers(transactional_db, make_request):
    count = 50

    def receive(index: int):
        return make_request(received_on=date(2026, 11, 2), name=f"請求者 {index}").number

    numbers = run_at_once(count, receive)
    failures = [repr(result) for result in numbers if not isinstance(result, str)]
    assert not failures, f"{len(failures)} of {count} receipts failed: {failures[:3]}"
    stored = sorted(DataSubjectRequest.objects.values_list("number", flat=True))
    assert stored == sorted(numbers) == [f"2026-{sequence:04d}" for sequence in range(1, count + 1)]
