"""One way to move a record from one workflow state to another (提出・承認・差戻し・公表・完了 …).

Every module's status change goes through ``transition()``: registers (files), purpose_uses,
inspections (responses, corrective actions, campaigns), incidents, and the modules to come
(contracts, audits, findings, access reviews). A status change written by hand is a bug: it
skips the lock, the allowed-source check or the history row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.transaction import TransactionManagementError

from hogokan.core.services import save_with_history

RETURN_REASON_MESSAGE = "差し戻す理由を入力してください。"


def state_label(obj: models.Model, state: str, status_field: str = "status") -> str:
    """The Japanese label of ``state`` on ``obj``'s status field (the code itself if it has none)."""
    choices = dict(obj._meta.get_field(status_field).flatchoices)
    return str(choices.get(state, state))


def _refusal(obj, current: str, seen: str, refused, status_field: str) -> str:
    label = state_label(obj, current, status_field)
    if seen != current:  # the page the user acted on was out of date
        return f"この記録は他の操作で『{label}』に変更されました。最新の状態を読み込んでからやり直してください。"
    if callable(refused):
        return refused(current)
    if refused:
        return refused.format(state=label)
    return f"この記録は『{label}』のため、この操作はできません。"


def _raise(message, error_field: str | None):
    raise ValidationError({error_field: message} if error_field else message)


def lock(obj: models.Model) -> models.Model:
    """Lock ``obj``'s row until the caller's transaction ends and read it again into ``obj``.

    select_for_update: a second request on the same row waits here until the first commits, then
    reads what that request left (no lost update, no double approval). On SQLite, which has no
    row locks, the IMMEDIATE transactions of the settings serialise the writers instead.
    """
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError("lock() holds the row until the service commits: call it inside "
                                         "the service's @transaction.atomic.")
    fresh = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    for field in obj._meta.concrete_fields:
        value = getattr(fresh, field.attname)
        # A related object already loaded stays loaded unless the row now points elsewhere.
        if field.is_relation and field.is_cached(obj) and getattr(obj, field.attname) != value:
            field.delete_cached_value(obj)
        setattr(obj, field.attname, value)
    return obj


def require_state(obj: models.Model, *, allowed: Iterable[str], refused: str | Callable[[str], str] | None = None,
                  status_field: str = "status", error_field: str | None = None) -> models.Model:
    """Lock ``obj``'s row, read it again into ``obj`` and check that its state is one of ``allowed``.

    The first half of ``transition()``, for a service that must refuse before it writes anything
    else (e.g. the answers of a response submitted in one step). Returns ``obj``.
    """
    seen = getattr(obj, status_field)
    lock(obj)
    current = getattr(obj, status_field)
    if current not in set(allowed):
        _raise(_refusal(obj, current, seen, refused, status_field), error_field)
    return obj


def transition(obj: models.Model, *, actor, to: str, allowed: Iterable[str], action: str, reason: str = "",
               reason_required: bool = False, reason_message: str = "理由を入力してください。",
               reason_field: str = "reason", changes: dict | None = None,
               check: Callable[[models.Model], None] | None = None,
               refused: str | Callable[[str], str] | None = None, status_field: str = "status",
               error_field: str | None = None, validate: bool = False, locked: bool = False) -> models.Model:
    """Move ``obj`` to the state ``to`` if it is now in one of the ``allowed`` states; returns ``obj``.

    Call it inside the service's ``@transaction.atomic``: the row stays locked until the service
    commits, so whatever else the service writes (a version, a notification, a reminder) is
    decided on the state it locked. In order:

    1. lock the row (``select_for_update``) and read it again into ``obj``;
    2. refuse (``ValidationError``) unless its state is in ``allowed``. The message names the
       current state: 「この記録は『提出済み』のため、この操作はできません。」, or ``refused``
       (a text where ``{state}`` is the current state's label, or a function of the current
       state's code), or, when ``obj`` was read before another request changed it,
       「この記録は他の操作で『…』に変更されました。…」;
    3. with ``reason_required``, refuse a blank ``reason`` with ``reason_message`` at
       ``reason_field`` (the form field that holds it, e.g. ``"comment"``);
    4. ``check(obj)``, the module's own rule on the locked row (raise ``ValidationError``);
    5. set ``to`` and the ``changes`` (field → value, e.g. ``approved_by``, ``review_comment``);
    6. save with one history row naming ``actor`` and the reason 「{action}: {reason}」
       (just ``action`` when there is no reason), through ``core.services.save_with_history``;
       ``validate=True`` runs ``full_clean()`` first (a submit checks the content it sends).

    ``error_field`` puts the refusal at a form field (e.g. ``"status"``) instead of the top.
    ``locked=True`` when the service called ``require_state(obj, …)`` earlier in the same
    transaction, to refuse before its other writes (steps 1–2 are then skipped).

    A new module (contracts, audits, findings, access reviews) writes one service per step::

        @transaction.atomic
        def finding_close(*, actor, finding, note):
            transition(finding, actor=actor, to=S.CLOSED, allowed=[S.OPEN, S.IN_PROGRESS], action="完了",
                       reason=note, reason_required=True, reason_message="対応の内容を入力してください。",
                       reason_field="note", changes={"closed_on": timezone.localdate()})
            reminder_resolve(key=reminder_key(finding, "due"))

    and ``send_back()`` for a 差戻し.
    """
    if not locked:
        require_state(obj, allowed=allowed, refused=refused, status_field=status_field, error_field=error_field)
    reason = (reason or "").strip()
    if reason_required and not reason:
        raise ValidationError({reason_field: reason_message})
    if check is not None:
        check(obj)
    setattr(obj, status_field, to)
    for name, value in (changes or {}).items():
        setattr(obj, name, value)
    return save_with_history(obj, actor, f"{action}: {reason}" if reason else action, validate=validate)


def send_back(obj: models.Model, *, actor, to: str, allowed: Iterable[str], comment: str,
              action: str = "差戻し", **options) -> models.Model:
    """差戻し: ``transition()`` with a required comment (「差し戻す理由を入力してください。」 at ``comment``)."""
    options.setdefault("reason_message", RETURN_REASON_MESSAGE)
    options.setdefault("reason_field", "comment")
    return transition(obj, actor=actor, to=to, allowed=allowed, action=action, reason=comment,
                      reason_required=True, **options)
