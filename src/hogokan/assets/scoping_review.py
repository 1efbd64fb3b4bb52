"""Who sees and changes the security reviews of new and changed systems.

- view: the system's 所管課 and the units above it; the body-wide roles all; contractors none.
- change (request, withdraw): the 所管課's 保護責任者 and staff, and the office.
- review (start, fill in the reviewer's checklist, notify the result): the office (the reviewer's side,
  電子情報保護副統括管理者 in 名古屋市's terms). The sheet is seen with the review and changed by the reviewer.
"""

from django.db.models import Q

from hogokan.assets.models_review import SystemReview
from hogokan.checklists.api import register_sheet_owner
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, units_q

REVIEW = "review"


@register_scope(SystemReview)
def system_review_scope(actor, action):
    if not actor.is_staff_member:
        return NOTHING
    if action == VIEW:
        return units_q(actor, "system__unit_id")
    if action == CHANGE:
        if actor.is_office:
            return Q()
        return units_q(actor, "system__unit_id") if actor.is_section_member else NOTHING
    if action == REVIEW:
        return Q() if actor.is_office else NOTHING
    return NOTHING


register_sheet_owner(SystemReview, "sheet", actions={CHANGE: REVIEW})


def may_review(actor) -> bool:
    return actor.is_office


def may_request_review(actor) -> bool:
    """The 所管課 (its section head and staff) asks for the review; the office may record one too."""
    return actor.is_office or actor.is_section_member
