"""Reads of the registers for the tables: counts per organ at each fiscal-year end (八千代市 資料1,
箕面市's 法定/法定外 counts) and the 京都市 audit's checks (affairs without a file, files without an affair)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min, Q

from hogokan.core.calendar import fiscal_year_range
from hogokan.core.permissions import VIEW, restrict
from hogokan.org.models import Organ
from hogokan.registers.models import AffairEvent, HandlingAffair, PersonalInfoFile
from hogokan.registers.rules import fiscal_year_end

Kind = PersonalInfoFile.Kind


@dataclass
class YearCounts:
    affairs: int = 0         # in force at the fiscal-year end
    started: int = 0         # 開始届 effective during the year
    changed: int = 0         # 変更届
    ended: int = 0           # 廃止届
    statutory: int = 0       # files on the register at the year end
    non_statutory: int = 0

    @property
    def files(self) -> int:
        return self.statutory + self.non_statutory


@dataclass
class OrganRow:
    organ: object
    years: list[YearCounts] = field(default_factory=list)


def _in_force(start: date | None, end: date | None, day: date) -> bool:
    return start is not None and start <= day and (end is None or end > day)


def fiscal_year_counts(actor, years: list[int]) -> tuple[list[OrganRow], OrganRow]:
    """Per organ and per fiscal year: affairs in force at the year end computed from the dated 届出
    (開始届 on or before, no 廃止届 on or before), the year's 届出, and files 法定/法定外 on the register."""
    affairs = restrict(HandlingAffair.objects.all(), actor, VIEW)
    spans = affairs.annotate(
        start=Min("events__effective_on", filter=Q(events__kind=AffairEvent.Kind.START)),
        end=Min("events__effective_on", filter=Q(events__kind=AffairEvent.Kind.END)),
    ).values_list("organ_id", "start", "end")
    events = (AffairEvent.objects.filter(affair__in=affairs).values_list("affair__organ_id", "kind", "effective_on"))
    files = (restrict(PersonalInfoFile.objects.filter(registered_on__isnull=False), actor, VIEW)
             .values_list("organ_id", "kind", "registered_on", "retired_on"))
    spans, events, files = list(spans), list(events), list(files)
    table: dict[int, list[YearCounts]] = defaultdict(lambda: [YearCounts() for _ in years])
    for index, year in enumerate(years):
        end_day = fiscal_year_end(year)
        first, last = fiscal_year_range(year)
        for organ_id, start, end in spans:
            if _in_force(start, end, end_day):
                table[organ_id][index].affairs += 1
        for organ_id, kind, day in events:
            if first <= day <= last:
                counts = table[organ_id][index]
                if kind == AffairEvent.Kind.START:
                    counts.started += 1
                elif kind == AffairEvent.Kind.CHANGE:
                    counts.changed += 1
                else:
                    counts.ended += 1
        for organ_id, kind, registered_on, retired_on in files:
            if _in_force(registered_on, retired_on, end_day):
                if kind == Kind.STATUTORY:
                    table[organ_id][index].statutory += 1
                else:
                    table[organ_id][index].non_statutory += 1
    rows = [OrganRow(organ, table[organ.pk] if organ.pk in table else [YearCounts() for _ in years])
            for organ in Organ.objects.order_by("display_order", "code")]
    total = OrganRow("合計", [YearCounts() for _ in years])
    for row in rows:
        for index, counts in enumerate(row.years):
            for name in ("affairs", "started", "changed", "ended", "statutory", "non_statutory"):
                setattr(total.years[index], name, getattr(total.years[index], name) + getattr(counts, name))
    return rows, total


def affairs_without_file(actor, day: date):
    """京都市 監査 第3 1: affairs in force whose personal information is on no file of the register."""
    return (restrict(HandlingAffair.objects.filter(started_on__lte=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day)),
                     actor, VIEW)
            .filter(files__isnull=True).select_related("unit").order_by("unit__code", "name"))


def files_without_affair(actor):
    """Files on the register that name no handling affair (the link the audit asks for)."""
    return (restrict(PersonalInfoFile.objects.exclude(status=PersonalInfoFile.Status.RETIRED), actor, VIEW)
            .filter(handling_affairs__isnull=True).select_related("unit").order_by("unit__code", "name"))
