"""Who sees and changes the audit records (issue 14 acceptance; DESIGN.md §2).

- Findings: the office (chief), the system administrator and the auditor read all of them (a bureau's
  auditor, their bureau); a manager, the findings of the department's units; a section, those naming it.
  The contractor sees none.
- "change" = the follow-up (対応内容, progress entries, evidence, 完了報告): the office, and officer/staff
  of a responsible unit. The auditor and the administrator only read the follow-up.
- "audit" = the audit records themselves (sources, the findings' text, units and due date): the office
  and the auditor ("an auditor reads everything but changes only audit records").
- "confirm" = 済み: the office only.
"""

from django.db.models import Q

from hogokan.audits.models import AuditPlan, FieldVisit, Finding, FindingProgress, FindingSource, GoodPractice
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope
from hogokan.org.models import Role

AUDIT = "audit"
CONFIRM = "confirm"


def _units(actor, field: str) -> Q:
    if actor.unit_ids is None:
        return Q()
    return Q(**{f"{field}__in": actor.unit_ids})


def finding_q(actor, action: str, prefix: str = "") -> Q:
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return _units(actor, f"{prefix}units")
    if action == CHANGE:
        if actor.role == Role.CHIEF:
            return Q()
        if actor.role in (Role.OFFICER, Role.STAFF):
            return _units(actor, f"{prefix}units")
        return NOTHING
    if action == AUDIT:
        if actor.role == Role.CHIEF:
            return Q()
        if actor.role == Role.AUDITOR:
            return _units(actor, f"{prefix}units")
        return NOTHING
    if action == CONFIRM:
        return Q() if actor.role == Role.CHIEF else NOTHING
    return NOTHING


@register_scope(Finding)
def finding_scope(actor, action):
    return finding_q(actor, action)


@register_scope(FindingProgress)
def progress_scope(actor, action):
    return finding_q(actor, action, "finding__")


@register_scope(FindingSource)
def source_scope(actor, action):
    """A source is seen by everyone on staff (its table then shows the findings they may see)."""
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return Q()
    if action in (CHANGE, AUDIT):
        return Q() if actor.role in (Role.CHIEF, Role.AUDITOR) else NOTHING
    return NOTHING


def _audit_records(actor, action: str) -> Q:
    """Plans and good practices: every staff role reads them; the office and the auditor change them."""
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return Q()
    if action in (CHANGE, AUDIT):
        return Q() if actor.role in (Role.CHIEF, Role.AUDITOR) else NOTHING
    return NOTHING


@register_scope(AuditPlan)
def plan_scope(actor, action):
    return _audit_records(actor, action)


@register_scope(GoodPractice)
def practice_scope(actor, action):
    return _audit_records(actor, action)


@register_scope(FieldVisit)
def visit_scope(actor, action):
    """A visit: the visited section (and the units above it) reads it; the office and the auditor record it."""
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return _units(actor, "unit")
    if action in (CHANGE, AUDIT):
        if actor.role == Role.CHIEF:
            return Q()
        if actor.role == Role.AUDITOR:
            return _units(actor, "unit")
    return NOTHING


def may_audit(actor) -> bool:
    """The office or an auditor: registers sources and findings (named check for views and the menu)."""
    return actor.is_office or actor.is_auditor
