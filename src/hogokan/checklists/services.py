"""Every write of the checklist engine: template versions (revise, edit a draft, publish) and, later, answer sheets.

A version in use never changes: ``template_revise`` copies it into a draft of the next version,
``template_item_save`` / ``template_item_remove`` edit only drafts, ``template_publish`` puts the
draft in use and supersedes the version before it. Records that answered a version (campaigns,
sheets) keep pointing at it.
"""

from __future__ import annotations

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from hogokan.checklists.models import ChecklistItem, ChecklistTemplate
from hogokan.core.services import save_with_history

_save = save_with_history


# ---- templates ---------------------------------------------------------------------------------

def template_in_use(family: str) -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.filter(family=family, status=ChecklistTemplate.Status.IN_USE).first()


@transaction.atomic
def template_revise(*, actor, template: ChecklistTemplate) -> ChecklistTemplate:
    """A new draft version, copied from ``template``; the version in use stays until it is published."""
    if ChecklistTemplate.objects.filter(family=template.family, status=ChecklistTemplate.Status.DRAFT).exists():
        raise ValidationError("この様式には作成中の版がすでにあります。その版を編集してください。")
    latest = ChecklistTemplate.objects.filter(family=template.family).order_by("-version").first()
    reason = f"第{template.version}版から改訂"
    draft = _save(ChecklistTemplate(family=template.family, version=latest.version + 1, name=template.name,
                                    kind=template.kind, notes=template.notes), actor, reason)
    bulk_create_with_history(
        [ChecklistItem(template=draft, order=item.order, number=item.number, group=item.group, category=item.category,
                       text=item.text, explanation=item.explanation, dash_allowed=item.dash_allowed)
         for item in template.items.all()],
        ChecklistItem, default_user=actor, default_change_reason=reason,
    )
    return draft


def _require_draft(template: ChecklistTemplate) -> None:
    if not template.editable:
        raise ValidationError("使用中・旧版の様式は変更できません。「改訂版を作成」してから編集してください。")


@transaction.atomic
def template_item_save(*, actor, template: ChecklistTemplate, item: ChecklistItem | None = None,
                       **fields) -> ChecklistItem:
    _require_draft(template)
    if item is None:
        item = ChecklistItem(template=template,
                             order=(template.items.order_by("-order").values_list("order", flat=True).first() or 0) + 1)
    elif item.template_id != template.pk:
        raise ValidationError("この様式の項目ではありません。")
    for name, value in fields.items():
        setattr(item, name, value)
    try:
        return _save(item, actor, "項目の追加" if item._state.adding else "項目の変更")
    except ValidationError as exc:
        if "__all__" in getattr(exc, "message_dict", {}):
            raise ValidationError({"number": f"番号「{item.number}」はこの様式ですでに使われています。"}) from exc
        raise


@transaction.atomic
def template_item_remove(*, actor, item: ChecklistItem) -> None:
    _require_draft(item.template)
    item._history_user, item._change_reason = actor, "項目の削除（作成中の版）"
    item.delete()  # a draft's item has never been answered: its 削除 row keeps what it said


@transaction.atomic
def template_publish(*, actor, template: ChecklistTemplate) -> ChecklistTemplate:
    _require_draft(template)
    if not template.items.exists():
        raise ValidationError("点検項目が1つもない様式は使用開始できません。")
    for old in ChecklistTemplate.objects.filter(family=template.family, status=ChecklistTemplate.Status.IN_USE):
        old.status = ChecklistTemplate.Status.SUPERSEDED
        _save(old, actor, f"第{template.version}版の使用開始により改訂済み")
    template.status = ChecklistTemplate.Status.IN_USE
    template.published_at = timezone.now()
    _items_of_template.cache_clear()
    return _save(template, actor, "使用開始")



@transaction.atomic
def template_update(*, actor, template: ChecklistTemplate, name: str, notes: str) -> ChecklistTemplate:
    """The name and the printed notes (備考) of a draft version."""
    _require_draft(template)
    template.name, template.notes = name.strip(), notes.strip()
    return _save(template, actor, "名称・備考の変更")


@lru_cache(maxsize=64)
def _items_of_template(template_id: int) -> tuple[ChecklistItem, ...]:
    # Only templates in use (or superseded) are answered, and their items never change.
    return tuple(ChecklistItem.objects.filter(template_id=template_id).order_by("order"))


def template_items(template_id: int) -> tuple[ChecklistItem, ...]:
    """The items of a template in use or superseded, in order (cached per process: such items never change)."""
    return _items_of_template(template_id)
