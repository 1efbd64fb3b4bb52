"""Reads of the 番号法 administration: who is 事務取扱担当者 on a day, and the units without one (gaps)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from hogokan.mynumber import rules
from hogokan.mynumber.models import Designation, LedgerEntry
from hogokan.org.api import assignment_periods
from hogokan.org.models import OrgUnit
from hogokan.registers.api import PersonalInfoFile


def facts_of(designations) -> dict[int, rules.DesignationFacts]:
    """Each designation's facts for the rules, with the person's periods in its unit (one query)."""
    designations = list(designations)
    periods = assignment_periods({d.person_id for d in designations}, {d.unit_id for d in designations})
    return {d.pk: rules.DesignationFacts(
        start=d.start, end=d.end, ended_by_transfer=d.end_reason == Designation.EndReason.ASSIGNMENT_ENDED,
        assignments=tuple(rules.Span(start, end) for start, end in periods.get((d.person_id, d.unit_id), [])))
        for d in designations}


def in_office(day: date, *, unit_ids=None, queryset=None) -> list[Designation]:
    """The designations in office on ``day`` (designated and still assigned to the unit), in ``unit_ids``."""
    designations = (queryset if queryset is not None else Designation.objects.all()).filter(
        start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))
    if unit_ids is not None:
        designations = designations.filter(unit_id__in=list(unit_ids))
    designations = list(designations.select_related("person", "unit", "file", "affair").order_by(
        "unit__code", "person__employee_no", "pk"))
    facts = facts_of(designations)
    return [d for d in designations if facts[d.pk].in_office_on(day)]


def specific_files_on(day: date, *, unit_ids=None):
    """The 特定個人情報ファイル held on ``day``: not retired by then (a file counts from its 登載 or creation)."""
    files = PersonalInfoFile.objects.filter(is_specific=True).filter(
        Q(registered_on__lte=day) | Q(registered_on__isnull=True, created_at__date__lte=day)).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gt=day)).exclude(
        Q(status=PersonalInfoFile.Status.RETIRED) & (Q(retired_on__isnull=True) | Q(retired_on__lte=day)))
    if unit_ids is not None:
        files = files.filter(unit_id__in=list(unit_ids))
    return files.select_related("unit").order_by("unit__code", "name", "pk")


def _holding_unit(unit: OrgUnit, day: date) -> OrgUnit:
    """The unit that holds a file on ``day``: the file's own, or the one carrying it on after a rename or merge."""
    seen = set()
    while unit.valid_to is not None and unit.valid_to < day and unit.successor_id and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.successor
    return unit


@dataclass
class Gap:
    unit: OrgUnit
    reason: str
    files: list[PersonalInfoFile] = field(default_factory=list)

    @property
    def reason_label(self) -> str:
        return rules.GAP_REASONS[self.reason]

    def as_api(self) -> dict:
        return {"unit": self.unit.pk, "unit_name": self.unit.name, "files": [file.pk for file in self.files],
                "reason": self.reason}


def gaps_on(day: date, *, unit_ids=None) -> list[Gap]:
    """Every unit that holds a current 特定個人情報ファイル and has no 事務取扱担当者 for it on ``day``.

    A designation for the unit covers all its files; one for a file covers that file. The files not covered
    are the gap, with ``designee_left`` when the last designee covering them left the unit (人事異動)."""
    by_unit: dict[int, list[PersonalInfoFile]] = defaultdict(list)
    units: dict[int, OrgUnit] = {}
    for file in specific_files_on(day):
        unit = _holding_unit(file.unit, day)
        if unit_ids is not None and unit.pk not in unit_ids and file.unit_id not in unit_ids:
            continue
        units[unit.pk] = unit
        by_unit[unit.pk].append(file)
    if not units:
        return []
    designations = list(Designation.objects.filter(unit_id__in=list(units), start__lte=day))
    facts = facts_of(designations)
    gaps = []
    for unit_id in sorted(units, key=lambda pk: (units[pk].code, pk)):
        uncovered, reasons = [], []
        for file in by_unit[unit_id]:
            covering = [facts[d.pk] for d in designations if d.unit_id == unit_id and d.file_id in (None, file.pk)]
            reason = rules.gap_reason(covering, day)
            if reason is not None:
                uncovered.append(file)
                reasons.append(reason)
        if uncovered:
            reason = rules.DESIGNEE_LEFT if rules.DESIGNEE_LEFT in reasons else rules.NO_DESIGNEE
            gaps.append(Gap(units[unit_id], reason, uncovered))
    return gaps


def month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def ledger_of_month(unit_ids, year: int, month: int):
    """The 取扱状況記録簿 lines of ``unit_ids`` (None: all) kept in the month, oldest first."""
    entries = LedgerEntry.objects.filter(handled_on__range=month_range(year, month))
    if unit_ids is not None:
        entries = entries.filter(unit_id__in=list(unit_ids))
    return entries.select_related("file", "handler", "checker", "corrects").order_by("handled_on", "pk")
