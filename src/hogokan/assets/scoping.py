"""Who sees and changes the systems register, accounts, access reviews, stocktakes and log analyses.

- view: the system's 所管課 and the units above it (a manager the department; chief, auditor, admin all);
  a contractor the systems of its own contracts and its own accounts, nothing else.
- change: the 保護責任者 and staff of the 所管課, and the office (the chief may do all of it).
- confirm (a kept administrator account after an access review): the office only.
"""

from django.db.models import Q

from hogokan.assets.models import (
    AccessReview,
    AccountStocktake,
    InfoSystem,
    LogAnalysis,
    StocktakeLine,
    SystemAccount,
)
from hogokan.checklists.api import register_sheet_owner
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.outsourcing import api as outsourcing

CONFIRM = "confirm"


def _rule(actor, action: str, unit_field: str, *, contractor: Q = NOTHING) -> Q:
    if actor.is_contractor:
        return contractor if action == VIEW else NOTHING
    if action == VIEW:
        return units_q(actor, unit_field)
    if action == CHANGE:
        if actor.is_office:
            return Q()
        return units_q(actor, unit_field) if actor.is_section_member else NOTHING
    if action == CONFIRM:
        return Q() if actor.is_office else NOTHING
    return NOTHING


def _contract_systems(actor, prefix: str = "") -> Q:
    return Q(**{f"{prefix}contract_id__in": outsourcing.contract_ids_of_person(actor.person)})


@register_scope(InfoSystem)
def system_scope(actor, action):
    return _rule(actor, action, "unit_id", contractor=_contract_systems(actor))


@register_scope(SystemAccount)
def account_scope(actor, action):
    return _rule(actor, action, "system__unit_id", contractor=Q(person_id=actor.person.pk))


@register_scope(AccessReview)
def review_scope(actor, action):
    return _rule(actor, action, "unit_id")


@register_scope(AccountStocktake)
def stocktake_scope(actor, action):
    return _rule(actor, action, "system__unit_id")


@register_scope(StocktakeLine)
def stocktake_line_scope(actor, action):
    return _rule(actor, action, "stocktake__system__unit_id")


@register_scope(LogAnalysis)
def log_analysis_scope(actor, action):
    return _rule(actor, action, "system__unit_id")


register_sheet_owner(AccountStocktake, "sheet")


def may_register(actor) -> bool:
    """Registering a system: the office, or the 保護責任者 and staff of a section (for their own unit)."""
    return actor.is_office or actor.is_section_member
