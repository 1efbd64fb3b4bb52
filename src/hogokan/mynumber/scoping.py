"""Who sees and changes the 番号法 records.

- 事務取扱担当者: staff see their units' designations (the body-wide roles all); the office (事務局) and the
  unit's 保護責任者 (課長) name and end them. The contractor sees none.
- 取扱状況記録簿: the unit's members (officer, staff) write it, the office anywhere; staff read within scope.
"""

from django.db.models import Q

from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q
from hogokan.mynumber.models import Designation, LedgerEntry


def _unit_records(actor, action: str) -> Q:
    if not actor.is_staff_member:
        return NOTHING
    if action == VIEW:
        return units_q(actor)
    if action == CHANGE:
        if actor.is_office:
            return Q()
        return units_q(actor) if actor.is_section_head else NOTHING
    return NOTHING


@register_scope(Designation)
def designation_scope(actor, action):
    return _unit_records(actor, action)


@register_scope(LedgerEntry)
def ledger_scope(actor, action):
    """The 記録簿 is the unit's: its members write it (the office anywhere); staff above read it."""
    if not actor.is_staff_member:
        return NOTHING
    if action == VIEW:
        return units_q(actor)
    if action == CHANGE:
        if actor.is_office:
            return Q()
        return units_q(actor) if actor.is_section_member else NOTHING
    return NOTHING


def may_keep_ledger(actor) -> bool:
    """A section's 保護責任者 and 保護担当者 keep its 記録簿; the office may write any."""
    return actor.is_office or actor.is_section_member


def may_designate(actor) -> bool:
    """The office anywhere, a section head (課長) in their own units."""
    return actor.is_office or actor.is_section_head


def gap_units(actor):
    """The units whose gaps ``actor`` sees: None (every unit) for the body-wide roles, else its units."""
    return actor.unit_ids
