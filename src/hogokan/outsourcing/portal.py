"""受託者ポータル: what a contractor sees of its own contracts and what it has to do for them.

Everything here starts from ``restrict(Contract, actor, VIEW)`` (a contractor: its own company's
contracts) or from the sub-contracts naming the actor, so nothing of another company or of the
body's other records can appear. The task list is the filings' own tasks plus those of every
``PORTAL_TASK_PROVIDERS`` entry (inspections to answer, improvement reports, incidents …).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from hogokan.core.calendar import fiscal_year
from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import VIEW, restrict
from hogokan.outsourcing import services_filings as filings
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.models_filings import FilingStatus, Subcontract

S = FilingStatus


def company_name(contract: Contract) -> str:
    company = getattr(contract, "company", None)
    return company.name if company is not None else getattr(contract, "contractor_name", "")


def own_contracts(actor):
    return restrict(Contract.objects.select_related("unit"), actor, VIEW).order_by("-period_start", "title")


def own_subcontracts(actor):
    person = actor.person if actor.is_contractor else None
    if person is None:
        return Subcontract.objects.none()
    return Subcontract.objects.filter(people=person, status=Subcontract.Status.APPROVED).select_related("contract")


def _report_task(contract: Contract, subcontract: Subcontract | None, today: date) -> DueItem | None:
    """The report still to file or to correct (none while one waits for the section or one is in force)."""
    latest = filings.reports_of(contract, subcontract).first()
    name = f"（{subcontract.company_name}）" if subcontract is not None else ""
    if latest is None:
        if contract.period_end < today:
            return None
        url = reverse("outsourcing:portal")
        return DueItem(f"管理体制等報告書{name}を提出する: {contract.title}", url, contract.period_start)
    url = reverse("outsourcing:report_edit", args=[latest.pk])
    if latest.status == S.RETURNED:
        return DueItem(f"差し戻された管理体制等報告書{name}を修正する: {contract.title}", url, today, overdue=True)
    if latest.status == S.DRAFT:
        return DueItem(f"管理体制等報告書{name}（記入中）を提出する: {contract.title}", url, contract.period_start)
    return None


def filing_tasks(actor, today: date) -> list[DueItem]:
    """The filings' own tasks: reports, deletion reports, yearly counts (a PORTAL_TASK_PROVIDERS entry)."""
    if not actor.is_contractor:
        return []
    items = []
    for contract in own_contracts(actor):
        task = _report_task(contract, None, today)
        if task is not None:
            items.append(task)
        if contract.period_end < today and not filings.deletion_confirmed(contract):
            returned = contract.deletion_reports.filter(status=S.RETURNED).first()
            if returned is not None:
                items.append(DueItem(f"差し戻された削除・返却報告を修正する: {contract.title}",
                                     reverse("outsourcing:deletion_edit", args=[returned.pk]), today, overdue=True))
            elif not contract.deletion_reports.filter(status=S.SUBMITTED).exists():
                items.append(DueItem(f"削除・返却報告を提出する: {contract.title}",
                                     reverse("outsourcing:contract_deletion_create", args=[contract.pk]),
                                     filings.deletion_due(contract)))
        last_year = fiscal_year(today) - 1
        if (fiscal_year(contract.period_start) <= last_year <= fiscal_year(contract.period_end)
                and not contract.yearly_counts.filter(fiscal_year=last_year).exists()):
            items.append(DueItem(f"{last_year}年度の取扱件数を報告する: {contract.title}",
                                 reverse("outsourcing:contract_counts", args=[contract.pk]), None))
    for subcontract in own_subcontracts(actor):
        task = _report_task(subcontract.contract, subcontract, today)
        if task is not None:
            task.url = task.url if "edit" in task.url else reverse("outsourcing:subcontract_detail",
                                                                   args=[subcontract.pk])
            items.append(task)
    return items


def tasks(actor, today: date) -> list[DueItem]:
    """Every task of the contractor from every PORTAL_TASK_PROVIDERS entry (these filings' among them)."""
    from hogokan.outsourcing import services

    return services.portal_tasks(actor, today)


@dataclass
class ContractRow:
    contract: Contract
    company: str
    report: object
    in_force: object
    deletions: int
    deletion_confirmed: bool


def contract_rows(actor, today: date) -> list[ContractRow]:
    rows = []
    for contract in own_contracts(actor):
        rows.append(ContractRow(contract, company_name(contract), filings.reports_of(contract).first(),
                                filings.accepted_report(contract), contract.deletion_reports.count(),
                                filings.deletion_confirmed(contract)))
    return rows


def subcontract_rows(actor) -> list[Subcontract]:
    rows = list(own_subcontracts(actor))
    for subcontract in rows:
        subcontract.latest_report = filings.reports_of(subcontract.contract, subcontract).first()
    return rows


# ---- inspections (issue 13 §4): what to answer, improvement reports --------------------------------------

def own_inspections(actor):
    from hogokan.outsourcing.models_inspections import ContractInspection

    rows = ContractInspection.objects.exclude(status=ContractInspection.Status.CANCELLED).select_related("contract")
    return restrict(rows, actor, VIEW).order_by("-fiscal_year", "due_on", "pk")


def own_improvements(actor):
    from hogokan.outsourcing.models_inspections import ImprovementReport

    rows = ImprovementReport.objects.select_related("inspection", "inspection__contract")
    return restrict(rows, actor, VIEW).order_by("-created_at")


def inspection_tasks(actor, today: date) -> list[DueItem]:
    """Document inspections to answer and improvement reports to file (a PORTAL_TASK_PROVIDERS entry)."""
    if not actor.is_contractor:
        return []
    from hogokan.outsourcing.models_inspections import ContractInspection, ImprovementReport

    items = []
    for inspection in own_inspections(actor).filter(kind=ContractInspection.Kind.DOCUMENT,
                                                    status=ContractInspection.Status.ANSWERING):
        label = "差し戻された書面検査の回答を修正する" if inspection.return_reason else "書面検査（遵守状況検査書）に回答する"
        items.append(DueItem(f"{label}: {inspection.contract.title}（{inspection.fiscal_year}年度）",
                             reverse("outsourcing:inspection_answer", args=[inspection.pk]), inspection.due_on,
                             overdue=inspection.due_on < today))
    open_states = [ImprovementReport.Status.REQUESTED, ImprovementReport.Status.RETURNED]
    for report in own_improvements(actor).filter(status__in=open_states):
        label = ("差し戻された改善報告を修正する" if report.status == ImprovementReport.Status.RETURNED
                 else "改善報告を提出する")
        items.append(DueItem(f"{label}: {report.inspection.contract.title}",
                             reverse("outsourcing:improvement_edit", args=[report.pk]), report.due_on,
                             overdue=report.due_on < today))
    return items
