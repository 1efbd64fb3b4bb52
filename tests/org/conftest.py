"""A fixed today for the organisation tests: reorganisations are dated, so the tests are too."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

TODAY = date(2026, 11, 23)
NEXT_APRIL = date(2027, 4, 1)

_real_localdate = timezone.localdate


@pytest.fixture
def travel_to(monkeypatch):
    """``travel_to(day)`` makes ``timezone.localdate()`` answer ``day`` (times stay real)."""

    def travel(day: date):
        def localdate(value=None, timezone=None):
            return day if value is None else _real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return travel


@pytest.fixture(autouse=True)
def _fixed_today(travel_to):
    travel_to(TODAY)
