"""What other modules (the dashboard, reports) may use of this module."""

from __future__ import annotations

from datetime import date

from hogokan.core.dashboard import DueItem


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: what this actor has to do in this module."""
    return []
