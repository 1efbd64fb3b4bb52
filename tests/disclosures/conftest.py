"""Disclosure fixtures: a helper that registers a request through the services."""

from datetime import date

import pytest

from hogokan.disclosures import services


@pytest.fixture
def make_request(town):
    def make(*, units=None, received_on=date(2026, 11, 2), kind="disclosure", organ=None, name="開示 請求者", **extra):
        units = units or [town.citizens]
        fields = dict(kind=kind, organ=organ or units[0].organ, received_on=received_on, channel="counter",
                      requester_name=name, requester_address="みなと緑市本町1-1", target_description="住民票の交付記録")
        fields.update(extra)
        return services.request_receive(actor=town.user("chief"), units=units, **fields)

    return make
