from datetime import date

import pytest

from hogokan.outsourcing import services


@pytest.fixture
def contract(town):
    """市民課's contract worked on by the town's contractor."""
    return services.contract_save(
        actor=town.user("chief"), title="窓口業務委託", unit=town.citizens, contractor_name="株式会社サンプル情報",
        period_start=date(2026, 4, 1), period_end=date(2027, 3, 31), persons_handled=5000,
        contractor_people=[town.people["contractor"]],
    )


@pytest.fixture
def other_contract(town):
    """保険年金課's contract with another company (the town's contractor is not on it)."""
    return services.contract_save(
        actor=town.user("chief"), title="国保システム保守", unit=town.pension, contractor_name="別会社株式会社",
        period_start=date(2026, 4, 1), period_end=date(2027, 3, 31), handles_my_number=True,
    )


@pytest.fixture
def api_for(town):
    """``api_for("officer")`` → an APIClient with a fresh token of that role."""
    from hogokan.accounts.services import token_issue
    from tests.api.conftest import token_client

    def make(username: str):
        _token, raw = token_issue(actor=None, user=town.user(username), name="test")
        return token_client(raw)

    return make
