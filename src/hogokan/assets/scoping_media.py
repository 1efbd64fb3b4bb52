"""Who sees and changes removable media, their stocktakes and take-outs (DESIGN §2: the section head
approves take-outs and media use).

- Media and stocktakes: the unit's people and those above them read (the body-wide roles all); the
  section head (保護責任者) registers, permits and disposes of the unit's media, the office too; the
  section's people (保護責任者・保護担当者) record the monthly 現物確認. Contractors see none.
- Take-outs: the unit's people and those above them read, and whoever requested one or carries it; a
  contractor's people the take-outs of their contracts. "change" (withdraw a request) is the requester's;
  "decide" (approve, refuse, check the return) is the unit's section head's or the manager's above.
"""

from django.db.models import Q

from hogokan.assets.models_media import MediumCheck, MediumStocktake, RemovableMedium, TakeOut
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.outsourcing.api import contract_ids_of_person

DECIDE = "decide"
RECORD = "record"


def _unit_read(actor, prefix: str = "") -> Q:
    if not actor.is_staff_member:
        return NOTHING
    return units_q(actor, f"{prefix}unit_id")


@register_scope(RemovableMedium)
def medium_scope(actor, action):
    if action == VIEW:
        return _unit_read(actor)
    if action == CHANGE:
        if actor.is_office:
            return Q()
        return units_q(actor) if actor.is_section_head else NOTHING
    return NOTHING


@register_scope(MediumStocktake)
def stocktake_scope(actor, action):
    if action == VIEW:
        return _unit_read(actor)
    if action in (CHANGE, RECORD):
        return units_q(actor) if actor.is_section_member and actor.unit_ids is not None else NOTHING
    return NOTHING


@register_scope(MediumCheck)
def check_scope(actor, action):
    return _unit_read(actor, "stocktake__") if action == VIEW else NOTHING


@register_scope(TakeOut)
def takeout_scope(actor, action):
    if actor.is_contractor:
        own = Q(contract_id__in=contract_ids_of_person(actor.person))
        if action == VIEW:
            return own
        if action == CHANGE:
            return own & Q(requested_by=actor.user)
        return NOTHING
    if not actor.is_staff_member:
        return NOTHING
    if action == VIEW:
        if actor.unit_ids is None:
            return Q()
        return units_q(actor) | Q(requested_by=actor.user) | Q(carrier=actor.person)
    if action == CHANGE:
        return Q(requested_by=actor.user)
    if action == DECIDE:
        if actor.is_section_head or actor.is_manager:
            return units_q(actor)
        return NOTHING
    return NOTHING


def may_register_media(actor) -> bool:
    """Registering a medium: the section head for the unit, or the office."""
    return actor.is_section_head or actor.is_office


def may_request_takeout(actor) -> bool:
    """A take-out is requested by someone who works in a section, or by a contractor for its contract."""
    if actor.is_contractor:
        return True
    return actor.is_staff_member and not actor.read_only and actor.assignment.unit_id is not None


def may_open_stocktakes(actor) -> bool:
    """The office opens the month's 現物確認 for every section that holds media."""
    return actor.is_office
