"""Who sees what of the checklist engine.

Templates: every staff member reads them (a form is no secret); the chief and the system
administrator manage them ("change"/"manage"). Contractors reach a template only through a sheet
their owner record lets them answer.

Sheets and their answers have no scope of their own: a sheet is reached through the record that
owns it in another module (a contract, a contractor inspection, a survey response). The owner
module calls ``hogokan.checklists.api.register_sheet_owner(OwnerModel, "sheet_field")`` once (in its
scoping.py); then ``restrict(AnswerSheet…, actor, "view")`` is the sheets of the owner records the
actor may view, and the same for "change". A direct query with no owner registered shows nothing.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q

from hogokan.checklists.models import AnswerSheet, ChecklistTemplate, SheetAnswer
from hogokan.core.permissions import CHANGE, NOTHING, VIEW, register_scope, restrict
from hogokan.org.models import Role

MANAGE = "manage"


@register_scope(ChecklistTemplate)
def template_scope(actor, action):
    if action == VIEW:
        return NOTHING if actor.role == Role.CONTRACTOR else Q()
    if action in (CHANGE, MANAGE):
        return Q() if actor.role in (Role.CHIEF, Role.ADMIN) else NOTHING
    return NOTHING


# ---- sheets: reached through their owner record ----------------------------------------------------
# An owner module registers its model (``api.register_sheet_owner``); a sheet is visible or changeable
# exactly when the actor may see or change a record that owns it. With no owner, nothing (fails closed).

_OWNERS: list[tuple[type[Model], str, dict[str, str]]] = []


def register_sheet_owner(owner_model: type[Model], sheet_field: str, actions: dict[str, str] | None = None) -> None:
    """``owner_model.<sheet_field>`` is a ForeignKey/OneToOneField to ``AnswerSheet``.

    ``actions`` maps a sheet action to the owner's (default: the same name, e.g. "view" → "view",
    "change" → "change"); an action the map leaves out is the owner's action of the same name.
    """
    field = owner_model._meta.get_field(sheet_field)
    if field.related_model is not AnswerSheet:
        raise ImproperlyConfigured(f"{owner_model.__name__}.{sheet_field} is not a relation to AnswerSheet")
    query_name = field.related_query_name()
    if query_name.endswith("+"):
        raise ImproperlyConfigured(f"{owner_model.__name__}.{sheet_field}: give it a related_name (not '+') so that "
                                   "the sheet scope can reach the owner")
    entry = (owner_model, query_name, dict(actions or {}))
    if entry not in _OWNERS:
        _OWNERS.append(entry)


@register_scope(AnswerSheet)
def sheet_scope(actor, action):
    rule = NOTHING
    for model, query_name, actions in _OWNERS:
        owners = restrict(model._default_manager.all(), actor, actions.get(action, action))
        rule |= Q(**{f"{query_name}__in": owners.values("pk")})
    return rule


@register_scope(SheetAnswer)
def sheet_answer_scope(actor, action):
    return Q(sheet__in=restrict(AnswerSheet.objects.all(), actor, action).values("pk"))
