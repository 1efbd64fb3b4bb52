"""Every read of the organisation, always scoped to the acting user through ``restrict``."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from hogokan.core.permissions import CHANGE, VIEW, restrict
from hogokan.org.models import Assignment, Organ, OrgUnit, Person, PersonnelEvent

STATUS_LABELS = {"current": "現行", "ended": "廃止", "future": "将来"}


# ---- units ------------------------------------------------------------------------------------

def units_for(actor, action: str = VIEW) -> QuerySet:
    return restrict(OrgUnit.objects.select_related("organ", "parent", "successor"), actor, action)


def organs_for(actor, action: str = VIEW) -> QuerySet:
    return restrict(Organ.objects.all(), actor, action)


def unit_list(actor, *, as_of: date, organ: Organ | None = None, include_ended: bool = False,
              include_future: bool = False, keyword: str = "") -> QuerySet:
    """Units valid on ``as_of``, plus those ended before it and those set up after it when asked."""
    units = units_for(actor)
    in_force = Q(valid_from__lte=as_of) & (Q(valid_to__isnull=True) | Q(valid_to__gte=as_of))
    if include_ended:
        in_force |= Q(valid_to__lt=as_of)
    if include_future:
        in_force |= Q(valid_from__gt=as_of)
    units = units.filter(in_force)
    if organ is not None:
        units = units.filter(organ=organ)
    keyword = keyword.strip()
    if keyword:
        units = units.filter(Q(name__icontains=keyword) | Q(code__icontains=keyword))
    return units.order_by("organ__display_order", "organ__code", "code", "valid_from")


def unit_status(unit: OrgUnit, day: date) -> str:
    """current / ended / future as of ``day``."""
    if unit.valid_from > day:
        return "future"
    if unit.valid_to is not None and unit.valid_to < day:
        return "ended"
    return "current"


def mark_status(units, day: date):
    """Attach ``status`` and ``status_label`` to each unit for the status tag."""
    for unit in units:
        unit.status = unit_status(unit, day)
        unit.status_label = STATUS_LABELS[unit.status]
    return units


def open_units(actor, action: str = CHANGE) -> QuerySet:
    """Units not yet ended (the ones a reorganisation may still change)."""
    return units_for(actor, action).filter(valid_to__isnull=True).order_by("organ__display_order", "code")


def units_in_use(actor, day: date, action: str = CHANGE) -> QuerySet:
    """Units valid on ``day`` or later (a start date may fall after a planned reorganisation)."""
    return (units_for(actor, action).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("organ__display_order", "code", "valid_from"))


def unit_by_code(actor, code: str, day: date, action: str = CHANGE) -> OrgUnit | None:
    """The unit holding ``code`` on ``day`` (a code is unique per period)."""
    return units_for(actor, action).valid_on(day).filter(code=code.strip()).first()


def predecessor_ids(unit: OrgUnit) -> set[int]:
    """The unit and every unit it carries on from (renames, moves, merges), transitively."""
    reached, frontier = {unit.pk}, [unit.pk]
    while frontier:
        frontier = [pk for pk in OrgUnit.objects.filter(successor_id__in=frontier).values_list("pk", flat=True)
                    if pk not in reached]
        reached.update(frontier)
    return reached


def unit_predecessors(actor, unit: OrgUnit) -> QuerySet:
    return units_for(actor).filter(successor=unit).order_by("code", "valid_from")


def unit_children(actor, unit: OrgUnit) -> list[OrgUnit]:
    """Children as recorded; for a unit still in force also those hanging under its predecessors."""
    parents = predecessor_ids(unit) if unit.valid_to is None else {unit.pk}
    children = units_for(actor).filter(parent_id__in=parents).order_by("code", "valid_from")
    if unit.valid_to is not None:
        return list(children)
    # A child of a renamed parent still points at the old row; show it only while it is in force.
    return [child for child in children if child.parent_id == unit.pk or child.valid_to is None]


def unit_assignments(actor, unit: OrgUnit, day: date) -> tuple[list[Assignment], list[Assignment]]:
    """(current, past) assignments on the unit that the actor may see."""
    visible = restrict(Assignment.objects.filter(unit=unit).select_related("person", "unit"), actor, VIEW)
    current = list(visible.current_on(day).order_by("role", "person__employee_no"))
    past = list(visible.filter(end__lt=day).order_by("-end", "person__employee_no")[:200])
    return current, past


def ended_notice(unit: OrgUnit) -> dict | None:
    """What the unit page says about a unit that has ended or will end."""
    if unit.valid_to is None:
        return None
    return {"effective": unit.valid_to + timedelta(days=1), "successor": unit.successor,
            "current": unit.current_successor()}


# ---- people -----------------------------------------------------------------------------------

def people_for(actor, action: str = VIEW) -> QuerySet:
    return restrict(Person.objects.all(), actor, action)


def person_list(actor, *, day: date, keyword: str = "", unit: OrgUnit | None = None, role: str = "",
                status: str = "active") -> QuerySet:
    """People the actor may see, each with ``current_assignments`` (also scoped) prefetched."""
    people = people_for(actor)
    keyword = keyword.strip()
    if keyword:
        people = people.filter(Q(name__icontains=keyword) | Q(name_kana__icontains=keyword)
                               | Q(employee_no__icontains=keyword))
    if unit is not None or role:
        held = Assignment.objects.current_on(day)
        if unit is not None:
            held = held.filter(unit=unit)
        if role:
            held = held.filter(role=role)
        people = people.filter(pk__in=held.values("person_id"))
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "inactive":
        people = people.filter(is_active=False)
    current = restrict(Assignment.objects.current_on(day).select_related("unit"), actor, VIEW).order_by("start")
    return people.order_by("employee_no").prefetch_related(
        Prefetch("assignments", queryset=current, to_attr="current_assignments"))


def assignments_for(actor, action: str = VIEW) -> QuerySet:
    return restrict(Assignment.objects.select_related("person", "unit"), actor, action)


def person_assignments(actor, person: Person) -> QuerySet:
    return (restrict(Assignment.objects.filter(person=person).select_related("unit", "unit__successor"), actor, VIEW)
            .order_by("-start", "pk"))


def person_events(actor, person: Person) -> QuerySet:
    return events_for(actor).filter(person=person)


def events_for(actor) -> QuerySet:
    """人事異動の記録, most recently recorded first."""
    return (restrict(PersonnelEvent.objects.all(), actor, VIEW)
            .select_related("person", "from_assignment__unit", "to_assignment__unit", "recorded_by")
            .order_by("-recorded_at", "-pk"))
