"""Who sees what of the checklist engine.

Templates: every staff member reads them (a form is no secret); the chief and the system
administrator manage them ("change"/"manage"). Contractors reach a template only through a sheet
their owner record lets them answer.
"""

from django.db.models import Q

from hogokan.checklists.models import ChecklistTemplate
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope
from hogokan.org.models import Role

MANAGE = "manage"


@register_scope(ChecklistTemplate)
def template_scope(actor, action):
    if action == VIEW:
        return NOTHING if actor.role == Role.CONTRACTOR else Q()
    if action in (CHANGE, MANAGE):
        return Q() if actor.role in (Role.CHIEF, Role.ADMIN) else NOTHING
    return NOTHING
