"""Every write of a contract goes through here and records who changed what (変更履歴)."""

from __future__ import annotations

from django.db import transaction

from hogokan.core.history import link_change, with_links
from hogokan.core.services import save_with_history
from hogokan.outsourcing.models import Contract

FIELDS = ("title", "unit", "contractor_name", "period_start", "period_end", "designated_manager",
          "persons_handled", "handles_my_number", "subcontracting")


@transaction.atomic
def contract_save(*, actor, contract: Contract | None = None, contractor_people=None, reason: str = "",
                  **values) -> Contract:
    """Create (``contract`` None) or update a contract; ``contractor_people`` replaces the list when given."""
    contract = contract or Contract()
    before = set(contract.contractor_people.values_list("name", flat=True)) if contract.pk else set()
    for name, value in values.items():
        if name not in FIELDS:
            raise TypeError(f"unknown contract field {name}")
        setattr(contract, name, value)
    reason = reason or ("登録" if contract.pk is None else "変更")
    after = {person.name for person in contractor_people} if contractor_people is not None else before
    save_with_history(contract, actor, with_links(reason, link_change("受託者の担当者", before, after)))
    if contractor_people is not None:
        contract.contractor_people.set(contractor_people)
    return contract
