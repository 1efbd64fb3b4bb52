"""The dashboard's shared shape: every module's api.dashboard_items(actor, today) returns DueItems."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class DueItem:
    label: str
    url: str
    due: date | None
    overdue: bool
