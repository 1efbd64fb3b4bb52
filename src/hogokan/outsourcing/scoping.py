"""Who sees a contract: its 担当課 (and the department/bureau above), the chief and auditors, and
the contractor's own people; officers of the section and the chief change it."""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.org.models import Role
from hogokan.outsourcing.models import Contract


@register_scope(Contract)
def contract_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        if action == VIEW and actor.person is not None:
            return Q(contractor_people=actor.person)
        return NOTHING
    if action == VIEW:
        return units_q(actor)
    if action == CHANGE:
        if actor.role in (Role.CHIEF, Role.ADMIN):
            return Q()
        return units_q(actor) if actor.role == Role.OFFICER else NOTHING
    return NOTHING


def may_register(actor) -> bool:
    """A contract is registered by the section head, the office or the system administrator."""
    return actor.is_section_head or actor.is_office or actor.is_system_admin
