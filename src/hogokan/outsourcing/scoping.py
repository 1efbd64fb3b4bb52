"""Who sees a contract: its 所管課 (and the department/bureau above), the chief and auditors, and the
contractor's own people (the company's people, and those named on the contract); officers of the
section and the chief change it. Companies: every staff member reads them (the register is body-wide),
a contractor only its own; the section heads, the office and the administrator keep them."""

from django.db.models import Q

from hogokan.checklists.api import register_sheet_owner
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.org.models import Role
from hogokan.outsourcing.models import Company, Contract


def contractor_contracts_q(person, prefix: str = "") -> Q:
    """The contracts of ``person``'s companies and those naming them (``prefix`` for a related model)."""
    ids = Contract.objects.filter(Q(company__people=person) | Q(contractor_people=person)).values("pk")
    return Q(**{f"{prefix}pk__in": ids})


@register_scope(Contract)
def contract_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        if action == VIEW and actor.person is not None:
            return contractor_contracts_q(actor.person)
        return NOTHING
    if action == VIEW:
        return units_q(actor)
    if action == CHANGE:
        if actor.role in (Role.CHIEF, Role.ADMIN):
            return Q()
        return units_q(actor) if actor.role == Role.OFFICER else NOTHING
    return NOTHING


@register_scope(Company)
def company_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        if action == VIEW and actor.person is not None:
            return Q(pk__in=Company.objects.filter(people=actor.person).values("pk"))
        return NOTHING
    if action == VIEW:
        return Q()
    if action == CHANGE and actor.role in (Role.CHIEF, Role.ADMIN, Role.OFFICER):
        return Q()
    return NOTHING


# The 資料2 sheet is seen and answered with its contract (the section); the confirmation is the reviewing unit's.
register_sheet_owner(Contract, "precheck_sheet")


def may_register(actor) -> bool:
    """A contract (and a company) is registered by the section head, the office or the system administrator."""
    return actor.is_section_head or actor.is_office or actor.is_system_admin
