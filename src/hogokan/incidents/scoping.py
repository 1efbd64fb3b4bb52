"""Who sees and changes incidents (DESIGN.md §2).

- staff / officer: the incidents of their section; manager: the department and below;
  chief, admin and auditor: all. The auditor and the system administrator only read (least privilege:
  the administrator runs the system, the office handles the incidents — as for the requests).
- contractor: only incidents they filed or that are linked to a contract they work on.
- anyone who filed the first report keeps seeing it.
Actions: "view"; "change" = facts, notice, measures, timeline; "report" = the PPC submission dates
and moving the status back (the office, i.e. the chief).
Near misses are lessons for everyone on staff: every staff role reads them all.
"""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.incidents.models import DataItem, Incident, NearMiss, PpcReport, PreventiveMeasure, TimelineEntry
from hogokan.org.models import Role
from hogokan.outsourcing.api import contract_ids_of_person

REPORT = "report"
PPC_DRAFT = "ppc_draft"  # the 速報 / 確報 drafts: the office and the incident's unit (not the auditor, admin or contractor)
OFFICE = (Role.CHIEF,)


def _contractor(actor, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}reported_by": actor.user})
            | Q(**{f"{prefix}contract_id__in": contract_ids_of_person(actor.person)}))


def incident_q(actor, action: str, prefix: str = "") -> Q:
    if actor.role == Role.CONTRACTOR:
        if action == VIEW:
            return _contractor(actor, prefix)
        if action == CHANGE:  # their own first report, while the office has not taken it further
            return Q(**{f"{prefix}reported_by": actor.user, f"{prefix}status": Incident.Status.RECEIVED})
        return NOTHING
    if action == PPC_DRAFT:
        if actor.role in OFFICE:
            return Q()
        if actor.role in (Role.AUDITOR, Role.ADMIN) or actor.unit_ids is None:
            return NOTHING
        return units_q(actor, f"{prefix}unit_id")
    if action == VIEW:
        if actor.unit_ids is None:
            return Q()  # (an empty Q() | X would narrow to X)
        return units_q(actor, f"{prefix}unit_id") | Q(**{f"{prefix}reported_by": actor.user})
    if action == CHANGE:
        if actor.role in (Role.AUDITOR, Role.ADMIN):
            return NOTHING
        return units_q(actor, f"{prefix}unit_id")
    if action == REPORT:
        return Q() if actor.role in OFFICE else NOTHING
    return NOTHING


@register_scope(Incident)
def incident_scope(actor, action):
    return incident_q(actor, action)


@register_scope(PreventiveMeasure)
def measure_scope(actor, action):
    if actor.role == Role.CONTRACTOR and action != VIEW:
        return NOTHING
    return incident_q(actor, action, "incident__")


@register_scope(PpcReport)
def ppc_report_scope(actor, action):
    return incident_q(actor, PPC_DRAFT if action == VIEW else NOTHING_ACTION, "incident__")


NOTHING_ACTION = "nothing"  # a stored report is never changed


@register_scope(TimelineEntry)
def timeline_scope(actor, action):
    return incident_q(actor, action, "incident__")


@register_scope(NearMiss)
def near_miss_scope(actor, action):
    if actor.role == Role.CONTRACTOR:
        return NOTHING
    if action == VIEW:
        return Q()
    if action == CHANGE:
        return Q() if actor.role in OFFICE else NOTHING
    return NOTHING


@register_scope(DataItem)
def data_item_scope(actor, action):
    return Q() if action == VIEW else NOTHING
