from datetime import date

import pytest

from hogokan.org.models import Role
from hogokan.training import services


@pytest.fixture
def course(town):
    """令和8年度 全職員研修: officers and staff (市民課 officer, staff; 保険年金課 officer2; 学務課 outsider)."""
    return services.course_save(actor=town.user("chief"), title="個人情報保護研修", fiscal_year=2026,
                                kind="all_staff", audience_roles=[Role.OFFICER, Role.STAFF], due=date(2026, 12, 25))
