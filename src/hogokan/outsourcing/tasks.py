"""今日のタスク of the contracts for the dashboard (staff) and the portal (contractors)."""

from __future__ import annotations

from datetime import date

from hogokan.core.dashboard import DueItem


def dashboard_items(actor, today: date) -> list[DueItem]:
    return []
