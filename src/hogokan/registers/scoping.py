"""Who sees and changes the registers (hogokan.core.permissions).

- view: the actor's units (a section its own, a manager the department, chief/auditor/admin all);
  contractors nothing.
- change: drafting files, filing 届出, keeping PIAs — officer and staff of the unit, the chief.
- submit: sending a draft file for approval — the unit's officer, the chief.
- manage: approve, return, publish, retire — the chief (総括保護管理者・事務局) only.
The public register (no login) does not go through these rules: it reads FileVersion.public only.
"""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.org.models import Role
from hogokan.registers.models import (
    PIA,
    AffairEvent,
    CouncilAgendaItem,
    CouncilMeeting,
    EvaluationChange,
    EvaluationDocument,
    EvaluationRound,
    EvaluationVersion,
    FileVersion,
    HandlingAffair,
    PersonalInfoFile,
    PIAChange,
)

SUBMIT = "submit"
MANAGE = "manage"
_EDITING = (Role.OFFICER, Role.STAFF)


def _rule(actor, action: str, unit_field: str, *, submit_roles=(Role.OFFICER,)) -> Q:
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return units_q(actor, unit_field)
    if action == CHANGE:
        if actor.role == Role.CHIEF:
            return Q()
        return units_q(actor, unit_field) if actor.role in _EDITING else NOTHING
    if action == SUBMIT:
        if actor.role == Role.CHIEF:
            return Q()
        return units_q(actor, unit_field) if actor.role in submit_roles else NOTHING
    if action == MANAGE:
        return Q() if actor.role == Role.CHIEF else NOTHING
    return NOTHING


@register_scope(PersonalInfoFile)
def file_scope(actor, action):
    return _rule(actor, action, "unit_id")


@register_scope(FileVersion)
def version_scope(actor, action):
    return _rule(actor, VIEW, "file__unit_id") if action == VIEW else NOTHING


@register_scope(HandlingAffair)
def affair_scope(actor, action):
    return _rule(actor, action, "unit_id")


@register_scope(AffairEvent)
def affair_event_scope(actor, action):
    return _rule(actor, VIEW, "affair__unit_id") if action == VIEW else NOTHING


@register_scope(PIA)
def pia_scope(actor, action):
    return _rule(actor, action, "file__unit_id")


@register_scope(PIAChange)
def pia_change_scope(actor, action):
    return _rule(actor, VIEW, "pia__file__unit_id") if action == VIEW else NOTHING


# 評価書 are published documents: every member of staff reads them (a 再実施 of the body's system office names
# the documents of many sections); the PIA's unit and the chief change them.
@register_scope(EvaluationDocument)
def document_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    return Q() if action == VIEW else _rule(actor, action, "pia__file__unit_id")


@register_scope(EvaluationVersion)
def document_version_scope(actor, action):
    return document_scope(actor, VIEW) if action == VIEW else NOTHING


# An evaluation round belongs to its 業務所管課 (箕面市: 総務部システム管理室 re-ran six sections' documents).
@register_scope(EvaluationRound)
def round_scope(actor, action):
    return _rule(actor, action, "unit_id")


@register_scope(EvaluationChange)
def round_change_scope(actor, action):
    return _rule(actor, VIEW, "round__unit_id") if action == VIEW else NOTHING


# The 審議会 register: every member of staff reads it; the office (事務局) keeps it.
@register_scope(CouncilMeeting)
def meeting_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return Q()
    return Q() if action == CHANGE and actor.role == Role.CHIEF else NOTHING


@register_scope(CouncilAgendaItem)
def agenda_item_scope(actor, action):
    return meeting_scope(actor, action) if action == VIEW else NOTHING


def can_manage(actor) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.role == Role.CHIEF)


def can_draft(actor) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.role in (Role.CHIEF, *_EDITING))
