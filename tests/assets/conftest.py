from datetime import date

import pytest

from hogokan.assets import services
from tests.api.conftest import api  # noqa: F401  (API clients with a token per demo role)


@pytest.fixture
def system(town):
    """住民記録システム of 市民課 (the officer's unit)."""
    return services.system_save(actor=town.user("chief"), name="住民記録システム", unit=town.citizens,
                                handles_personal_information=True, log_collected=True,
                                log_analysis_frequency="monthly", in_use_since=date(2020, 4, 1))


@pytest.fixture
def pension_system(town):
    """国保システム of 保険年金課 (another section)."""
    return services.system_save(actor=town.user("chief"), name="国保システム", unit=town.pension,
                                handles_personal_information=True)


@pytest.fixture
def staff_account(town, system):
    return services.account_add(actor=town.user("officer"), system=system, person=town.people["staff"],
                                account_id="shimin-0004", granted_on=date(2022, 4, 1))
