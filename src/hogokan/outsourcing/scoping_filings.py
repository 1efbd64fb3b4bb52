"""Who sees and changes the contractor's filings: everything follows the contract it is filed for.

- view: whoever may view the contract (its section and those above it, the chief and auditors, the
  contractor's own people); an approved sub-contractor's people see their own reports only;
- file (``FILE``): the contractor on a contract it may view; the sub-contractor on its own reports;
- review (``REVIEW``, 受理・差戻し・承認・確認): the section's officer and the office (chief).
"""

from __future__ import annotations

from django.db.models import Q

from hogokan.checklists.api import register_sheet_owner
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, restrict
from hogokan.org.models import Role
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.models_filings import (
    ContractorReport,
    ContractorYearlyCount,
    DeletionReport,
    FilingStatus,
    Subcontract,
)

FILE = "file"
EDITABLE = (FilingStatus.DRAFT, FilingStatus.RETURNED)
REVIEW = "review"


def _contracts(actor, action=VIEW):
    return restrict(Contract.objects.all(), actor, action).values("pk")


def _reviewer_contracts(actor):
    if actor.role == Role.CHIEF:
        return Q()
    if actor.role == Role.OFFICER:
        return Q(contract__in=_contracts(actor, CHANGE))
    return NOTHING


def _contractor_person(actor):
    return actor.person if actor.role == Role.CONTRACTOR else None


@register_scope(ContractorReport)
def report_scope(actor, action):
    person = _contractor_person(actor)
    if action == VIEW:
        rule = Q(contract__in=_contracts(actor))
        return rule | Q(subcontract__people=person) if person is not None else rule
    if action in (FILE, CHANGE):
        if person is None:
            return NOTHING
        rule = (Q(subcontract__isnull=True, contract__in=_contracts(actor))
                | Q(subcontract__people=person, subcontract__status=Subcontract.Status.APPROVED))
        # change (its files, its sheet): only while the filer may still edit it
        return rule & Q(status__in=EDITABLE) if action == CHANGE else rule
    if action == REVIEW:
        return _reviewer_contracts(actor)
    return NOTHING


def _contract_filing_scope(actor, action):
    """Subcontracts, deletion reports and yearly counts: the contract's readers view, its contractor files."""
    if action == VIEW:
        rule = Q(contract__in=_contracts(actor))
        return rule
    if action in (FILE, CHANGE):
        return Q(contract__in=_contracts(actor)) if _contractor_person(actor) is not None else NOTHING
    if action == REVIEW:
        return _reviewer_contracts(actor)
    return NOTHING


@register_scope(DeletionReport)
def deletion_scope(actor, action):
    rule = _contract_filing_scope(actor, action)
    if action == CHANGE:  # a new certificate only on a returned report
        return rule & Q(status=FilingStatus.RETURNED)
    return rule


@register_scope(Subcontract)
def subcontract_scope(actor, action):
    rule = _contract_filing_scope(actor, action)
    person = _contractor_person(actor)
    if action == VIEW and person is not None:  # the sub-contractor sees its own approval
        rule |= Q(people=person)
    return rule


register_scope(ContractorYearlyCount)(_contract_filing_scope)

# The safety-measure sheet of a report is seen with the report and answered by whoever files it.
register_sheet_owner(ContractorReport, "sheet", actions={CHANGE: FILE})


def may_file(actor, contract) -> bool:
    """The contractor (one of the contract's people, or of its company) may file for ``contract``."""
    return actor.role == Role.CONTRACTOR and restrict(Contract.objects.filter(pk=contract.pk), actor, VIEW).exists()


def may_review(actor, contract) -> bool:
    """The section's officer or the office accepts, returns, approves and confirms the filings."""
    if actor.role == Role.CHIEF:
        return True
    return actor.role == Role.OFFICER and restrict(Contract.objects.filter(pk=contract.pk), actor, CHANGE).exists()
