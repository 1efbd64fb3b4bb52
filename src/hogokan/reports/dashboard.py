"""The reports' dashboard (issue 16 §4): per module, what is overdue and what falls due this week for the
acting person (each module's ``api.dashboard_items``, the same items as 今日のタスク), counts with links; for
the office, the monthly trends as charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from hogokan.audits import api as audits_api
from hogokan.core.dashboard import DueItem
from hogokan.disclosures import api as disclosures_api
from hogokan.incidents import api as incidents_api
from hogokan.inspections import api as inspections_api
from hogokan.outsourcing import api as outsourcing_api
from hogokan.purpose_uses import api as purpose_uses_api
from hogokan.registers import api as registers_api
from hogokan.training import api as training_api

WEEK_DAYS = 7
SOURCES = (("incidents", "漏えい等事案（速報・確報）", incidents_api), ("disclosures", "開示請求等", disclosures_api),
           ("inspections", "点検・是正措置", inspections_api), ("purpose_uses", "目的外利用・提供", purpose_uses_api),
           ("registers", "個人情報ファイル簿・保護評価", registers_api), ("outsourcing", "委託", outsourcing_api),
           ("training", "研修", training_api), ("audits", "監査の指摘事項", audits_api))


@dataclass
class ModuleDue:
    key: str
    label: str
    overdue: list[DueItem] = field(default_factory=list)
    this_week: list[DueItem] = field(default_factory=list)
    other: int = 0

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.this_week) + self.other


def due_by_module(actor, today: date) -> list[ModuleDue]:
    """Per module: the overdue items, those due from today to a week later, and how many others."""
    week_end = today + timedelta(days=WEEK_DAYS)
    result = []
    for key, label, source in SOURCES:
        module = ModuleDue(key, label)
        for item in source.dashboard_items(actor, today):
            if item.overdue or (item.due is not None and item.due < today):
                module.overdue.append(item)
            elif item.due is not None and item.due <= week_end:
                module.this_week.append(item)
            else:
                module.other += 1
        result.append(module)
    return result
