"""Who sees a contract: its 担当課 (and the department/bureau above), the chief and auditors, and
the contractor's own people; officers of the section and the chief change it."""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope
from hogokan.org.models import Role
from hogokan.outsourcing.models import Contract


def _units(actor) -> Q:
    return Q() if actor.unit_ids is None else Q(unit_id__in=actor.unit_ids)


@register_scope(Contract)
def contract_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        if action == VIEW and actor.person is not None:
            return Q(contractor_people=actor.person)
        return NOTHING
    if action == VIEW:
        return _units(actor)
    if action == CHANGE:
        if actor.role in (Role.CHIEF, Role.ADMIN):
            return Q()
        return _units(actor) if actor.role == Role.OFFICER else NOTHING
    return NOTHING
