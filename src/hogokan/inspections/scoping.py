"""Who sees and answers what: a section its own responses, a manager the department, auditors read.

Templates: hogokan.checklists.scoping.

Actions: "view"; "change" = answer (officer and staff of the section); "review" = approve or return
(managers above the section, the chief); "manage" = campaigns and templates (the chief).
"""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.inspections.models import (
    Campaign,
    CorrectiveAction,
    InspectionResponse,
    SectionItem,
)
from hogokan.org.models import Role

REVIEW = "review"
MANAGE = "manage"
_ANSWERING = (Role.OFFICER, Role.STAFF)


@register_scope(InspectionResponse)
def response_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return units_q(actor, "unit_id")
    if action == CHANGE:
        return units_q(actor, "unit_id") if actor.role in _ANSWERING else NOTHING
    if action == REVIEW:
        if actor.role == Role.CHIEF:
            return Q()
        return units_q(actor, "unit_id") if actor.role == Role.MANAGER else NOTHING
    return NOTHING


@register_scope(CorrectiveAction)
def action_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return units_q(actor, "response__unit_id")
    if action == CHANGE:
        return units_q(actor, "response__unit_id") if actor.role in _ANSWERING else NOTHING
    return NOTHING


@register_scope(Campaign)
def campaign_scope(actor, action):
    if action == VIEW:
        if actor.role == Role.CONTRACTOR:
            return NOTHING
        if actor.unit_ids is None:
            return Q()
        return Q(responses__unit_id__in=actor.unit_ids)
    if action in (CHANGE, MANAGE):
        return Q() if actor.role in (Role.CHIEF, Role.ADMIN) else NOTHING
    return NOTHING


@register_scope(SectionItem)
def section_item_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return units_q(actor, "unit_id")
    if action == CHANGE:  # 個別点検項目 are added by the section's officer
        return units_q(actor, "unit_id") if actor.role == Role.OFFICER else NOTHING
    return NOTHING


def can_manage(actor) -> bool:
    """Templates and campaigns: whoever the campaign rule lets manage them (the chief, the administrator)."""
    return bool(actor is not None and actor.is_authenticated and campaign_scope(actor, MANAGE) != NOTHING)
