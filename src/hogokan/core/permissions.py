"""One permission layer: every queryset a view or API call shows goes through ``restrict``.

Each module registers, per model, a function ``(actor, action) -> Q`` that says which rows the
acting user may see ("view") or change ("change"). An unregistered model shows nothing, so a
forgotten registration fails closed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

VIEW = "view"
CHANGE = "change"
NOTHING = Q(pk__in=[])

ScopeRule = Callable[[object, str], Q]


def units_q(actor, field: str = "unit_id") -> Q:
    """Rows whose ``field`` is one of the actor's units; no condition for body-wide roles (unit_ids None)."""
    return Q() if actor.unit_ids is None else Q(**{f"{field}__in": actor.unit_ids})


_RULES: dict[type[Model], ScopeRule] = {}


def register_scope(model: type[Model]):
    def decorator(rule: ScopeRule) -> ScopeRule:
        _RULES[model] = rule
        return rule

    return decorator


def restrict(queryset: QuerySet, actor, action: str = VIEW) -> QuerySet:
    """The rows of ``queryset`` that ``actor`` may ``action`` (NetBox RestrictedQuerySet.restrict)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return queryset.none()
    rule = _RULES.get(queryset.model)
    if rule is None:
        return queryset.none()
    return queryset.filter(rule(actor, action)).distinct()


def require(allowed: bool, message: str = "この操作を行う権限がありません。") -> None:
    """403 with ``message`` unless ``allowed`` (a named check on the actor: ``require(actor.is_office, …)``)."""
    if not allowed:
        raise PermissionDenied(message)


def get_for_actor(queryset: QuerySet, actor, *, action: str = VIEW, **lookup):
    """The one object, 404 when the actor may not see it, 403 when they may see but not change it."""
    visible = restrict(queryset, actor, VIEW)
    try:
        obj = visible.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
    if action != VIEW and not restrict(queryset.filter(pk=obj.pk), actor, action).exists():
        raise PermissionDenied("この記録を変更する権限がありません。")
    return obj


def can(actor, obj, action: str = VIEW) -> bool:
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), actor, action).exists()


AttachmentCheck = Callable[[object, Model], bool]
_ATTACHMENT_CHECKS: dict[type[Model], AttachmentCheck] = {}


def register_attachment_check(model: type[Model]):
    """A stricter test than "may view the record" for its attached files (e.g. a requester's
    identity papers on a data-subject request are not for everyone who sees the request)."""

    def decorator(check: AttachmentCheck) -> AttachmentCheck:
        _ATTACHMENT_CHECKS[model] = check
        return check

    return decorator


def may_see_attachments(actor, obj: Model) -> bool:
    """True when ``actor`` may list and download the files of ``obj`` (already known to be visible)."""
    check = _ATTACHMENT_CHECKS.get(type(obj))
    return True if check is None else bool(check(actor, obj))
