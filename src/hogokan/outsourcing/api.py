"""What other modules (incidents, the dashboard) may use of the contracts."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import VIEW, restrict
from hogokan.outsourcing.models import Company, Contract

__all__ = ["Company", "Contract", "contract_get", "contract_ids_of_person", "contracts_for", "dashboard_items"]


def contracts_for(actor) -> QuerySet:
    """The contracts ``actor`` may see (a contractor: only those of its company or naming it)."""
    return restrict(Contract.objects.select_related("unit", "company"), actor, VIEW).order_by("-period_start", "title")


def contract_ids_of_person(person) -> list[int]:
    """The contracts on which ``person`` works for the contractor (for incidents' scope rules)."""
    if person is None:
        return []
    return list(Contract.objects.filter(Q(contractor_people=person) | Q(company__people=person))
                .values_list("pk", flat=True).distinct().order_by("pk"))


def contract_get(pk: int) -> Contract | None:
    return Contract.objects.select_related("unit", "company").filter(pk=pk).first()


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク of the contracts (inspections due, improvement reports to review: outsourcing.tasks) and the
    contractor's filings waiting for the section (報告書・再委託・削除・返却報告: services_filings)."""
    from hogokan.outsourcing import services_filings
    from hogokan.outsourcing.tasks import dashboard_items as items

    return items(actor, today) + services_filings.review_items(actor, today)
