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
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from hogokan.checklists.models import AnswerSheet, ChecklistItem, ChecklistTemplate, SheetAnswer
from hogokan.core.services import attachment_add, save_with_history
from hogokan.core.workflow import require_state, send_back, transition

_save = save_with_history


# ---- templates ---------------------------------------------------------------------------------

def template_in_use(purpose_or_family: str) -> ChecklistTemplate | None:
    """The version in use of a family (``"yachiyo-contract-precheck"``), or of the first family with
    that purpose (``"contract_precheck"``); None when there is none."""
    in_use = ChecklistTemplate.objects.filter(status=ChecklistTemplate.Status.IN_USE)
    if purpose_or_family in ChecklistTemplate.Purpose.values:
        return in_use.filter(purpose=purpose_or_family).order_by("family").first()
    return in_use.filter(family=purpose_or_family).first()


@transaction.atomic
def template_revise(*, actor, template: ChecklistTemplate) -> ChecklistTemplate:
    """A new draft version, copied from ``template``; the version in use stays until it is published."""
    if ChecklistTemplate.objects.filter(family=template.family, status=ChecklistTemplate.Status.DRAFT).exists():
        raise ValidationError("この様式には作成中の版がすでにあります。その版を編集してください。")
    latest = ChecklistTemplate.objects.filter(family=template.family).order_by("-version").first()
    reason = f"第{template.version}版から改訂"
    draft = _save(ChecklistTemplate(family=template.family, version=latest.version + 1, name=template.name,
                                    purpose=template.purpose, kind=template.kind, marks=template.marks,
                                    evidence=template.evidence, notes=template.notes), actor, reason)
    bulk_create_with_history(
        [ChecklistItem(template=draft, order=item.order, number=item.number, group=item.group, category=item.category,
                       text=item.text, explanation=item.explanation, dash_allowed=item.dash_allowed,
                       answer_kind=item.answer_kind, choices=item.choices, required=item.required,
                       ends_sheet_on=item.ends_sheet_on)
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


# ---- answer sheets -------------------------------------------------------------------------------

S = AnswerSheet.Status
EDITABLE = (S.DRAFT, S.RETURNED)


@transaction.atomic
def sheet_create(template: ChecklistTemplate, *, actor, reason: str) -> AnswerSheet:
    """A blank sheet (記入中) of a template version in use; ``reason`` goes into its history."""
    if template.status != ChecklistTemplate.Status.IN_USE:
        raise ValidationError({"template": "使用中の様式ではないため、回答票を作成できません。"})
    return _save(AnswerSheet(template=template), actor, (reason or "").strip() or "回答票の作成")


@transaction.atomic
def sheet_save(sheet: AnswerSheet, form, *, actor) -> AnswerSheet:
    """Store the answers of a valid ``form`` (記入中 or 差戻し only); each changed answer gets a history row."""
    if form.sheet.pk != sheet.pk:
        raise ValueError("the form belongs to another sheet")
    require_state(sheet, allowed=EDITABLE, refused="この回答票は『{state}』のため、変更できません。")
    if not form.is_valid():
        raise ValidationError(form.errors)
    stored = {answer.item_id: answer for answer in sheet.answers.select_for_update()}
    created, changed = [], []
    for item_pk, fields in form.answers().items():
        answer = stored.get(item_pk)
        if answer is None:
            answer = SheetAnswer(sheet=sheet, item_id=item_pk, **fields)
            if not answer.is_blank or answer.remark:
                created.append(answer)
            continue
        if any(getattr(answer, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(answer, name, value)
            changed.append(answer)
    reason = "回答の記入" if sheet.status == S.DRAFT else "差戻し後の回答の修正"
    if created:
        bulk_create_with_history(created, SheetAnswer, default_user=actor, default_change_reason=reason)
    if changed:
        bulk_update_with_history(changed, SheetAnswer, ["value", "selected", "number", "text", "remark"],
                                 default_user=actor, default_change_reason=reason)
    files = form.evidence_files()
    if files:
        answers = {answer.item_id: answer for answer in sheet.answers.all()}
        for item_pk, uploaded in files.items():
            answer = answers.get(item_pk)
            if answer is None:  # a file for an item left blank: keep the file on an empty answer
                answer = _save(SheetAnswer(sheet=sheet, item_id=item_pk), actor, reason, validate=False)
            try:
                attachment_add(actor=actor, target=answer, uploaded_file=uploaded)
            except ValidationError as exc:
                raise ValidationError({f"a{item_pk}_evidence": exc.messages}) from exc
    return sheet


def missing_items(sheet: AnswerSheet) -> list[ChecklistItem]:
    """The required items a sheet has not answered (the items after a 「⇒終了」 answer need none)."""
    answers = {answer.item_id: answer for answer in sheet.answers.all()}
    missing = []
    for item in sheet.template.items.order_by("order"):
        answer = answers.get(item.pk)
        if item.required and (answer is None or answer.is_blank):
            missing.append(item)
        if item.ends_sheet_on and answer is not None and answer.value == item.ends_sheet_on:
            break
    return missing


@transaction.atomic
def sheet_submit(sheet: AnswerSheet, *, actor, check=None) -> AnswerSheet:
    """記入中・差戻し → 提出済み, when every required item is answered; ``check(sheet)`` is the owner's own rule."""

    def complete(locked):
        missing = missing_items(locked)
        if missing:
            raise ValidationError("未回答の必須項目があります: " + "、".join(f"項目{item.number}" for item in missing))
        if check is not None:
            check(locked)

    return transition(sheet, actor=actor, to=S.SUBMITTED, allowed=EDITABLE, action="提出", check=complete,
                      refused="この回答票は『{state}』のため、提出できません。",
                      changes={"submitted_at": timezone.now(), "submitted_by": actor, "return_reason": ""})


@transaction.atomic
def sheet_confirm(sheet: AnswerSheet, *, actor, reason: str = "") -> AnswerSheet:
    """提出済み → 確認済み (the reviewing section or the inspecting officer)."""
    return transition(sheet, actor=actor, to=S.CONFIRMED, allowed=[S.SUBMITTED], action="確認", reason=reason,
                      refused="この回答票は『{state}』のため、確認できません。",
                      changes={"confirmed_at": timezone.now(), "confirmed_by": actor})


@transaction.atomic
def sheet_return(sheet: AnswerSheet, *, actor, reason: str) -> AnswerSheet:
    """提出済み → 差戻し with a required reason; the answerer corrects and submits again."""
    return send_back(sheet, actor=actor, to=S.RETURNED, allowed=[S.SUBMITTED], comment=reason,
                     reason_field="reason", refused="この回答票は『{state}』のため、差し戻せません。",
                     changes={"return_reason": (reason or "").strip()})


@transaction.atomic
def templates_create_defaults(templates, *, reason: str) -> int:
    """Version 1, in use, of each ``(family, name, purpose, marks, evidence, notes, items)`` whose family is new.

    Written by the system (the history names no user but says why). Items are
    ``(number, category, text, explanation, dash allowed, ends the sheet on)``.
    """
    created = 0
    for family, name, purpose, marks, evidence, notes, items in templates:
        if ChecklistTemplate.objects.filter(family=family).exists():
            continue
        template = _save(ChecklistTemplate(family=family, version=1, name=name, purpose=purpose, marks=marks,
                                           evidence=evidence, notes=notes, status=ChecklistTemplate.Status.IN_USE,
                                           published_at=timezone.now()), None, reason)
        bulk_create_with_history(
            [ChecklistItem(template=template, order=order, number=number, category=category, text=text,
                           explanation=explanation, dash_allowed=dash, ends_sheet_on=ends)
             for order, (number, category, text, explanation, dash, ends) in enumerate(items, start=1)],
            ChecklistItem, default_user=None, default_change_reason=reason)
        created += 1
    return created
