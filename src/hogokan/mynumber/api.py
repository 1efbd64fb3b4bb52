"""What other modules (the dashboard, training, reports) may use of the 番号法 administration."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.mynumber import selectors
from hogokan.mynumber.models import Designation
from hogokan.mynumber.selectors import Gap, gaps_on

__all__ = ["Designation", "Gap", "dashboard_items", "designees_on", "gaps_on"]


def designees_on(day: date, *, unit_ids=None) -> list[Designation]:
    """The 事務取扱担当者 in office on ``day`` (e.g. for training: who still owes the 特定個人情報 course)."""
    return selectors.in_office(day, unit_ids=unit_ids)


LEDGER_MARKER = "取扱状況記録簿"  # a 点検 question about the 記録簿 names it (名古屋市 点検: 提供目的及び提供先)


def inspection_context(actor, unit_id: int, year: int, month: int) -> dict:
    """For a 点検 response page: the unit's 記録簿 entries of the inspection's month, shown beside every question
    whose text names the 取扱状況記録簿 (the template asks ``ledger_marker in row.item.text``)."""
    from hogokan.core.calendar import wareki
    from hogokan.core.permissions import VIEW, restrict
    from hogokan.mynumber.models import LedgerEntry

    entries = restrict(selectors.ledger_of_month({unit_id}, year, month), actor, VIEW) if actor else \
        LedgerEntry.objects.none()
    first_day = wareki(selectors.month_range(year, month)[0])  # 令和8年11月1日
    label = first_day[: first_day.index("月") + 1]
    return {"ledger": list(entries), "ledger_month": label, "ledger_marker": LEDGER_MARKER}


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: for the office, the units without a 事務取扱担当者; for a unit, its own gap."""
    if actor is None or not actor.is_authenticated or not actor.is_staff_member or actor.is_system_admin:
        return []
    if not (actor.is_office or actor.is_section_member or actor.is_manager):
        return []
    gaps = gaps_on(today, unit_ids=actor.unit_ids)
    if not gaps:
        return []
    url = reverse("mynumber:gaps")
    if actor.is_office:
        names = "、".join(gap.unit.name for gap in gaps[:3]) + ("ほか" if len(gaps) > 3 else "")
        return [DueItem(f"事務取扱担当者のいない所属 {len(gaps)} 件（{names}）", url, None)]
    return [DueItem(f"事務取扱担当者がいません: {gap.unit.name}（{gap.reason_label}）", url, None)
            for gap in gaps]
