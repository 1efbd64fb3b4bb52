"""Who sees scan results: a section its own units' files, a manager the department, the office, the auditor
and the administrator everything. Path rules are the office's. A pre-send check: its author, the
section heads of its unit and the body-wide roles. The contractor sees nothing of the shares."""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.scanner.models import PathRule, PreSendCheck, ScannedFile, ScanRun


@register_scope(PathRule)
def path_rule_scope(actor, action):
    if action == VIEW:
        return Q() if actor.is_staff_member else NOTHING
    return Q() if action == CHANGE and actor.is_office else NOTHING


@register_scope(ScanRun)
def run_scope(actor, action):
    if action != VIEW or not actor.is_staff_member:
        return NOTHING
    if actor.unit_ids is None:
        return Q()
    return Q(pk__in=ScannedFile.objects.filter(unit_id__in=actor.unit_ids).values("run_id"))


@register_scope(ScannedFile)
def file_scope(actor, action):
    if action != VIEW or not actor.is_staff_member:
        return NOTHING
    return units_q(actor)


@register_scope(PreSendCheck)
def check_scope(actor, action):
    if action != VIEW:
        return NOTHING
    own = Q(user_id=actor.user.pk)
    if not actor.is_staff_member:
        return own
    if actor.unit_ids is None:
        return Q()
    return own | (units_q(actor) if actor.is_section_head or actor.is_manager else NOTHING)


def may_post_runs(actor) -> bool:
    """The scanner agent's token: the office (a service account holding the chief's or admin's role)."""
    return actor.is_office or actor.is_system_admin


def may_manage_rules(actor) -> bool:
    return actor.is_office
