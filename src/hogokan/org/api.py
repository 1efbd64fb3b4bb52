"""What other modules may use of the organisation (OEP-49: the only module they import, with models)."""

from __future__ import annotations

from datetime import date

from django.db import models

from hogokan.org.models import Assignment, Leave, OrgUnit, Role, UnitKind

# Re-exported for the modules that react to 人事異動 and leaves (assets connects its receivers to them).
from hogokan.org.signals import leave_recorded, personnel_changed  # noqa: F401

SECTION_KINDS = (UnitKind.SECTION, UnitKind.FACILITY)


def sections_on(day: date):
    """Every 課・公所 that exists on ``day`` (the targets of a body-wide campaign)."""
    return OrgUnit.objects.valid_on(day).filter(kind__in=SECTION_KINDS).select_related("organ").order_by("code")


def _users(unit_ids, role: str, day: date) -> list:
    """The users of active people holding ``role`` on ``day`` in ``unit_ids`` (None: anywhere), each once."""
    assignments = Assignment.objects.current_on(day).filter(role=role, person__is_active=True,
                                                            person__user__isnull=False)
    if unit_ids is not None:
        assignments = assignments.filter(unit_id__in=unit_ids)
    return list({a.person.user.pk: a.person.user for a in assignments.select_related("person__user")}.values())


def officers_of(unit: OrgUnit, day: date) -> list:
    """The users who are 保護責任者 of ``unit`` on ``day``."""
    return _users([unit.pk], Role.OFFICER, day)


def managers_above(unit: OrgUnit, day: date) -> list:
    """The 保護管理者 of the units above ``unit`` (its department, bureau …) on ``day``."""
    ancestors = [ancestor.pk for ancestor in unit.path()[:-1]]
    return _users(ancestors, Role.MANAGER, day) if ancestors else []


def chiefs_on(day: date) -> list:
    """The users who are 総括保護管理者 (the privacy office's chief) on ``day``, anywhere in the body."""
    return _users(None, Role.CHIEF, day)


def bureau_of(unit: OrgUnit) -> OrgUnit:
    """The top unit of ``unit``'s tree as it stands (局・区・室), for the per-bureau tables."""
    return unit.path()[0]


def unit_subtrees(unit_ids) -> frozenset[int]:
    """The units, their subtrees and every unit these carry on from (the reach of an audience's units)."""
    from hogokan.org.access import unit_scope

    reached: set[int] = set()
    for unit_id in unit_ids:
        reached |= unit_scope(unit_id)
    return frozenset(reached)


def assignments_held(day: date, *, roles=(), unit_ids=None, started_since: date | None = None):
    """The current assignments on ``day`` of active people: holding one of ``roles`` (any role when empty),
    in ``unit_ids`` (None: anywhere), started on or after ``started_since`` (new staff, new section heads
    after 人事異動). A queryset of Assignment, for audiences of training and the like."""
    assignments = Assignment.objects.current_on(day).filter(person__is_active=True)
    if roles:
        assignments = assignments.filter(role__in=list(roles))
    if unit_ids is not None:
        assignments = assignments.filter(unit_id__in=list(unit_ids))
    if started_since is not None:
        assignments = assignments.filter(start__gte=started_since)
    return assignments


def leaves_on(day: date, *, person_ids=None):
    """The leaves (休職・育児休業・病気休暇) that cover ``day``, of ``person_ids`` (None: everyone). A queryset."""
    leaves = Leave.objects.filter(start__lte=day).filter(models.Q(end__isnull=True) | models.Q(end__gte=day))
    if person_ids is not None:
        leaves = leaves.filter(person_id__in=list(person_ids))
    return leaves


def people_on_leave(day: date, person_ids=None) -> set[int]:
    """The ids of the people on leave on ``day`` (among ``person_ids`` when given)."""
    return set(leaves_on(day, person_ids=person_ids).values_list("person_id", flat=True))


def current_units_of(person_ids, day: date) -> dict[int, set[int]]:
    """person id → the units of their current assignments on ``day`` (empty: no current assignment)."""
    held: dict[int, set[int]] = {person_id: set() for person_id in person_ids}
    rows = Assignment.objects.current_on(day).filter(person_id__in=list(held)).values_list("person_id", "unit_id")
    for person_id, unit_id in rows:
        if unit_id is not None:
            held[person_id].add(unit_id)
    return held
def assignment_periods(person_ids, unit_ids) -> dict[tuple[int, int], list[tuple[date, date | None]]]:
    """(person, unit) → the periods the person held any role in the unit or in a unit carrying it on
    (its renamed, moved or merged successors), for records that last only while someone works there
    (事務取扱担当者). Units and people not found are left out."""
    chains: dict[int, list[int]] = {}
    units = {unit.pk: unit for unit in OrgUnit.objects.filter(pk__in=list(unit_ids)).only("pk", "successor_id")}
    successors = dict(OrgUnit.objects.filter(successor__isnull=False).values_list("pk", "successor_id"))
    for unit_id in units:
        chain, current = [], unit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = successors.get(current)
        chains[unit_id] = chain
    reached = {unit_id for chain in chains.values() for unit_id in chain}
    periods: dict[tuple[int, int], list[tuple[date, date | None]]] = {}
    rows = Assignment.objects.filter(person_id__in=list(person_ids), unit_id__in=reached).values_list(
        "person_id", "unit_id", "start", "end")
    by_person_unit: dict[tuple[int, int], list[tuple[date, date | None]]] = {}
    for person_id, unit_id, start, end in rows:
        by_person_unit.setdefault((person_id, unit_id), []).append((start, end))
    for person_id in set(person_ids):
        for unit_id, chain in chains.items():
            found = [period for member in chain for period in by_person_unit.get((person_id, member), [])]
            if found:
                periods[(person_id, unit_id)] = sorted(found)
    return periods
