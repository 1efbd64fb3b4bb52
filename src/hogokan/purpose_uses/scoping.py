"""Who sees and changes the uses and provisions.

View: the office (chief) and the administrator everything; auditors everything (read); a manager the
department's units; officer and staff their unit; contractors nothing.
Change (draft, submit): the unit's officer and staff while it is a draft or returned; the office any time.
Approve / return (合議): the office only.
"""

from __future__ import annotations

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.org.models import Role
from hogokan.purpose_uses.models import OutOfPurposeUse

APPROVE = "approve"
_EDITABLE = (OutOfPurposeUse.Status.DRAFT, OutOfPurposeUse.Status.RETURNED)


@register_scope(OutOfPurposeUse)
def use_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if actor.role == Role.CHIEF:
        return Q()
    if action == VIEW:
        return units_q(actor)
    if action == CHANGE and actor.role in (Role.OFFICER, Role.STAFF):
        return units_q(actor) & Q(status__in=_EDITABLE)
    return NOTHING


def may_approve(actor) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.role == Role.CHIEF)

