"""Which organs, units, people and assignments an actor may view or change."""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, register_scope
from hogokan.org.models import Assignment, Leave, Organ, OrgUnit, Person, PersonnelEvent, Role


@register_scope(Organ)
def organ_scope(actor, action):
    if action == CHANGE:
        return Q() if actor.is_system_admin else NOTHING
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if actor.unit_ids is None:
        return Q()
    return Q(units__id__in=actor.unit_ids)


@register_scope(OrgUnit)
def unit_scope(actor, action):
    if action == CHANGE:
        return Q() if actor.is_system_admin else NOTHING
    if actor.unit_ids is None:
        return Q()
    return Q(id__in=actor.unit_ids)


@register_scope(Person)
def person_scope(actor, action):
    if action == CHANGE:
        return Q() if actor.is_system_admin else NOTHING
    if actor.unit_ids is None:
        return Q()
    own = Q(pk=actor.person.pk)
    if actor.role == Role.CONTRACTOR:
        return own
    return own | Q(assignments__unit_id__in=actor.unit_ids)


@register_scope(Assignment)
def assignment_scope(actor, action):
    if action == CHANGE:
        return Q() if actor.is_system_admin else NOTHING
    if actor.unit_ids is None:
        return Q()
    own = Q(person_id=actor.person.pk)
    if actor.role == Role.CONTRACTOR:
        return own
    return own | Q(unit_id__in=actor.unit_ids)


@register_scope(PersonnelEvent)
def event_scope(actor, action):
    if action == CHANGE:
        return Q() if actor.is_system_admin else NOTHING
    if actor.unit_ids is None:
        return Q()
    if actor.role == Role.CONTRACTOR:
        return Q(person_id=actor.person.pk)
    return Q(from_assignment__unit_id__in=actor.unit_ids) | Q(to_assignment__unit_id__in=actor.unit_ids)


@register_scope(Leave)
def leave_scope(actor, action):
    # Leaves are the personnel office's records: the administrator and the privacy office record them;
    # a unit sees its own people's (their section head answers the access reviews they cause).
    if action == CHANGE:
        return Q() if (actor.is_system_admin or actor.is_office) else NOTHING
    if actor.unit_ids is None:
        return Q()
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    return Q(person_id=actor.person.pk) | Q(person__assignments__unit_id__in=actor.unit_ids)
