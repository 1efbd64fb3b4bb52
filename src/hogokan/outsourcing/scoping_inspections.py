"""Who sees and acts on the inspections of running contracts and their improvement reports.

- view: whoever may view the contract (its section and those above it, the chief and auditors, the
  contractor's own people: its own company's inspections only);
- answer (``ANSWER``, the 検査書 sheet's change): the contractor on a document inspection of its own
  contract while 回答待ち; the section (the officer of the contract's 担当課, the office) while 予定
  (it records an on-site inspection, or a document answer received on paper);
- review (``REVIEW``: request, confirm, return, add, accept an improvement report): the officer of
  the contract's 担当課 and the office (chief), as for the filings;
- file (``FILE``): the contractor writes the improvement report of its own contract.
"""

from __future__ import annotations

from django.db.models import Q

from hogokan.checklists.api import register_sheet_owner
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, restrict
from hogokan.org.models import Role
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.models_inspections import ContractInspection, ImprovementReport
from hogokan.outsourcing.scoping_filings import FILE, REVIEW

ANSWER = "answer"
IS = ContractInspection.Status


def _contracts(actor, action=VIEW):
    return restrict(Contract.objects.all(), actor, action).values("pk")


def _reviewer(actor, prefix: str) -> Q:
    if actor.role == Role.CHIEF:
        return Q()
    if actor.role == Role.OFFICER:
        return Q(**{f"{prefix}contract__in": _contracts(actor, CHANGE)})
    return NOTHING


@register_scope(ContractInspection)
def inspection_scope(actor, action):
    if action == VIEW:
        return Q(contract__in=_contracts(actor))
    if action == ANSWER:
        if actor.role == Role.CONTRACTOR:
            return Q(contract__in=_contracts(actor), kind=ContractInspection.Kind.DOCUMENT, status=IS.ANSWERING)
        return _reviewer(actor, "") & Q(status=IS.PLANNED)
    if action in (REVIEW, CHANGE):
        return _reviewer(actor, "")
    return NOTHING


@register_scope(ImprovementReport)
def improvement_scope(actor, action):
    if action == VIEW:
        return Q(inspection__contract__in=_contracts(actor))
    if action in (FILE, CHANGE):
        if actor.role != Role.CONTRACTOR:
            return NOTHING
        rule = Q(inspection__contract__in=_contracts(actor))
        editable = Q(status__in=[ImprovementReport.Status.REQUESTED, ImprovementReport.Status.RETURNED])
        return rule & editable if action == CHANGE else rule
    if action == REVIEW:
        return _reviewer(actor, "inspection__")
    return NOTHING


# The 検査書 is seen with its inspection and answered by whoever may answer it now.
register_sheet_owner(ContractInspection, "sheet", actions={CHANGE: ANSWER})
