"""What other modules (incidents, the dashboard) may use of the contracts."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import VIEW, restrict
from hogokan.outsourcing.models import Contract


def contracts_for(actor) -> QuerySet:
    """The contracts ``actor`` may see (a contractor: only those naming them among its people)."""
    return restrict(Contract.objects.select_related("unit"), actor, VIEW).order_by("-period_start", "title")


def contract_ids_of_person(person) -> list[int]:
    """The contracts on which ``person`` works for the contractor (for incidents' scope rules)."""
    if person is None:
        return []
    return list(Contract.objects.filter(contractor_people=person).values_list("pk", flat=True))


def contract_get(pk: int) -> Contract | None:
    return Contract.objects.select_related("unit").filter(pk=pk).first()


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: nothing yet (contractor inspections come with the full outsourcing module)."""
    return []
