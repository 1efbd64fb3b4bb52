"""Who sees and changes what.

- The office (chief, 法務課 = 事務局): every request with the requester's data; receives, registers,
  sets 補正, extension, 特例, hearings, appeals; records any decision.
- A handling unit's officer and staff: the requests assigned to their unit, with the requester's data
  (they must contact the person and decide); they record their unit's decisions.
- A manager: the requests of the department's units, without the requester's personal data
  (the manager approves in the paper file; the system view needs no name or address).
- An auditor: every request (or the bureau's) read-only, without requester data; the statistics.
- The system administrator: like the auditor (a system role, not the office) — least privilege.
- A contractor: nothing.
"""

from __future__ import annotations

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_attachment_check, register_scope, units_q
from hogokan.disclosures.models import Appeal, DataSubjectRequest, Decision
from hogokan.org.models import Role

MANAGE = "manage"  # receipt, 補正, extension, 特例, hearings, appeals: the office
HANDLING = (Role.OFFICER, Role.STAFF)
REQUESTER_FIELDS = ("requester_name", "requester_address", "requester_contact", "representative_name",
                    "identity_document", "representation_document")


@register_scope(DataSubjectRequest)
def request_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if actor.role == Role.CHIEF:
        return Q()
    if action == VIEW:
        return units_q(actor, "units__unit_id")
    if action == CHANGE and actor.role in HANDLING:
        return units_q(actor, "units__unit_id")
    return NOTHING


@register_scope(Decision)
def decision_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if actor.role == Role.CHIEF:
        return Q()
    if action == VIEW:
        return units_q(actor, "request__units__unit_id")
    if action == CHANGE and actor.role in HANDLING:
        return units_q(actor, "unit_id")
    return NOTHING


@register_scope(Appeal)
def appeal_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if actor.role == Role.CHIEF:
        return Q()
    if action == VIEW:
        return units_q(actor, "request__units__unit_id")
    return NOTHING


@register_attachment_check(DataSubjectRequest)
def sees_requester(actor, request_obj: DataSubjectRequest) -> bool:
    """The requester's personal data: the office, and officer/staff of a handling unit."""
    if actor is None or not actor.is_authenticated:
        return False
    if actor.role == Role.CHIEF:
        return True
    if actor.role not in HANDLING or actor.unit_ids is None:
        return False
    return request_obj.units.filter(unit_id__in=actor.unit_ids).exists()

