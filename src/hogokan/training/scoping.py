"""Who sees and changes training records.

- Courses and their sessions: everyone on staff reads them (they are body-wide); the office (the chief)
  creates and changes them. The contractor sees its own attendance only ("my training").
- Attendance: the body-wide roles read all; a manager or a section the records of its units; everyone
  their own. The office records anyone's; a section head (保護責任者) their unit's staff.
- The section head's report of passing the content on: the unit reads it; its section head and the office write it.
"""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.training.models import Attendance, Course, Session, TransmissionReport


def _course_q(actor, action: str) -> Q:
    if action == VIEW:
        return Q() if actor.is_staff_member else NOTHING
    if action == CHANGE:
        return Q() if actor.is_office else NOTHING
    return NOTHING


@register_scope(Course)
def course_scope(actor, action):
    return _course_q(actor, action)


@register_scope(Session)
def session_scope(actor, action):
    return _course_q(actor, action)


@register_scope(Attendance)
def attendance_scope(actor, action):
    if action == VIEW:
        own = Q(person_id=actor.person.pk)
        if actor.is_contractor:
            return own
        if actor.unit_ids is None:
            return Q()
        return units_q(actor) | own
    if action == CHANGE:
        if actor.is_office:
            return Q()
        return units_q(actor) if actor.is_section_head else NOTHING
    return NOTHING


@register_scope(TransmissionReport)
def transmission_scope(actor, action):
    if actor.is_contractor:
        return NOTHING
    if action == VIEW:
        return units_q(actor)
    if action == CHANGE:
        if actor.is_office:
            return Q()
        return units_q(actor) if actor.is_section_head else NOTHING
    return NOTHING


def may_record(actor) -> bool:
    """The office records anyone's attendance; a section head their own staff's."""
    return actor.is_office or actor.is_section_head


def may_manage(actor) -> bool:
    """Courses, sessions, imports and reminders: the office."""
    return actor.is_office
