from datetime import date

import pytest

from hogokan.audits import services
from hogokan.audits.models import FindingSource


@pytest.fixture
def ppc_source(town):
    return services.source_save(actor=town.user("chief"), kind=FindingSource.Kind.PPC,
                                title="令和6年度 個人情報保護委員会立入検査", fiscal_year=2024, held_on=date(2024, 5, 20))


@pytest.fixture
def finding(town, ppc_source):
    """市民課: training attendance was never checked (箕面市 第1-1-1, rewritten)."""
    return services.finding_save(actor=town.user("chief"), source=ppc_source, units=[town.citizens], number=1,
                                 category="教育研修", text="研修の受講状況の確認をしていなかった。",
                                 due_date=date(2027, 3, 31))


@pytest.fixture
def pension_finding(town, ppc_source):
    return services.finding_save(actor=town.user("chief"), source=ppc_source, units=[town.pension], number=2,
                                 category="アカウント管理", text="長期休職者のユーザIDを停止していなかった。")
