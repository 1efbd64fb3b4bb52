"""事案番号 and the ①②③ of the measures: distinct and consecutive, also when many reports arrive at once."""

from datetime import date

from hogokan.accounts.services import token_issue
from hogokan.core.models import NumberSeries
from hogokan.incidents import services
from hogokan.incidents.models import Incident
from tests.api.conftest import token_client
from tests.concurrency import needs_concurrent_writers, run_at_once


def _report(town, learned_on: date, title: str = "郵送物の誤送付") -> Incident:
    return services.incident_report(actor=town.user("staff"), title=title, unit=town.citizens,
                                    learned_on=learned_on, persons=1)


def test_numbers_count_per_fiscal_year_of_the_day_learned(town):
    # 2026-03-31 is still fiscal 2025; 2026-04-01 starts fiscal 2026 at 001.
    assert _report(town, date(2026, 3, 30)).number == "2025-001"
    assert _report(town, date(2026, 4, 1)).number == "2026-001"
    assert _report(town, date(2026, 3, 31)).number == "2025-002"
    assert _report(town, date(2026, 6, 1)).number == "2026-002"


def test_first_number_after_the_change_continues_after_the_largest_existing(town):
    # Incidents numbered before the numbering service existed (demo data, an import): no counter row yet.
    for number in ("2025-041", "2025-007", "2025-003"):
        incident = _report(town, date(2025, 9, 1))
        Incident.objects.filter(pk=incident.pk).update(number=number)
    NumberSeries.objects.all().delete()
    assert _report(town, date(2025, 10, 1)).number == "2025-042"
    assert _report(town, date(2025, 10, 2)).number == "2025-043"


@needs_concurrent_writers
def test_fifty_first_reports_at_the_same_moment_are_all_stored_with_consecutive_numbers(transactional_db, town):
    count = 50
    raws = [token_issue(actor=None, user=town.user("staff"), name=f"端末{index}")[1] for index in range(count)]

    def first_report(index: int):
        client = token_client(raws[index])
        client.raise_request_exception = False  # a server error comes back as the 500 a caller sees
        response = client.post("/api/v1/incidents", {
            "title": f"郵送物の誤送付 {index}", "unit": town.citizens.pk, "learned_on": "2026-10-01",
            "persons": 1}, format="json")
        return response.status_code

    statuses = run_at_once(count, first_report)
    assert statuses == [201] * count, f"answers: {sorted(map(str, statuses))}"
    numbers = sorted(Incident.objects.values_list("number", flat=True))
    assert numbers == [f"2026-{sequence:03d}" for sequence in range(1, count + 1)]


@needs_concurrent_writers
def test_measures_added_at_the_same_moment_are_numbered_one_after_another(transactional_db, town):
    incident = _report(town, date(2026, 10, 1))
    count = 20

    def add(index: int):
        return services.measure_save(actor=town.user("officer"), incident=incident,
                                     description=f"二人で確認する {index}").label

    labels = run_at_once(count, add)
    failures = [repr(result) for result in labels if not isinstance(result, str)]
    assert not failures, f"{len(failures)} of {count} measures failed: {failures[:3]}"
    assert sorted(incident.measures.values_list("number", flat=True)) == list(range(1, count + 1))
    assert "⑳" in labels
