"""Inspection fixtures: a monthly campaign for the town's sections, created by the chief."""

from datetime import date

import pytest

from hogokan.inspections import services
from hogokan.inspections.models import Campaign


@pytest.fixture(autouse=True)
def _fresh_item_cache():
    """Rolled-back tests may reuse a template id: never let one test see another's cached items."""
    services._items_of_template.cache_clear()
    yield
    services._items_of_template.cache_clear()


@pytest.fixture
def campaign(town):
    """2026年11月 (inspection day 2026-11-13, the 15th being a Sunday) for 市民課, 保険年金課, 学務課."""
    return services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.MONTHLY, year=2026, month=11,
                                    units=[town.citizens, town.pension, town.schools])


@pytest.fixture
def citizens_response(campaign, town):
    return campaign.responses.get(unit=town.citizens)


def all_ok(response) -> dict:
    return {key: ("○", "") for key, _item in services.response_items(response)}


def today():
    return date(2026, 11, 23)
