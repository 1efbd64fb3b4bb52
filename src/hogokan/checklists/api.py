"""The checklist engine as other modules use it (outsourcing's 資料2/6/7, audits' surveys, stocktakes).

Other modules hold a foreign key to ``AnswerSheet`` (and may point at ``ChecklistTemplate``) and
use only what is named here; they never write the models themselves.

An owner module:

1. gives its record a sheet: ``sheet = models.OneToOneField("checklists.AnswerSheet", on_delete=PROTECT, …)``
   and registers it in its scoping.py: ``register_sheet_owner(Contract, "precheck_sheet")`` — a sheet
   is then visible/changeable exactly when its owner record is (``restrict``); without a registration
   nothing is (fails closed);
2. creates it: ``sheet_create(template_in_use("contract_precheck"), actor=user, reason="契約前確認の開始")``;
3. shows the form in its own page, inside its own ``<form method="post" enctype="multipart/form-data">``::

       form = sheet_form(sheet, request.POST or None, request.FILES or None, partial="save" in request.POST)
       if request.method == "POST" and form.is_valid():
           sheet_save(sheet, form, actor=request.user)       # ValidationError → add_service_errors(form, exc)
           if "submit" in request.POST:
               sheet_submit(sheet, actor=request.user)

   with ``{% include "checklists/includes/sheet_form.html" with form=form %}`` (fields only: the owner
   adds csrf, its buttons and the action), and the read-only, printable answers with
   ``{% include "checklists/includes/sheet_view.html" with view=view %}`` (``view = sheet_view(sheet)``);
4. reviews: ``sheet_confirm(sheet, actor=…)`` or ``sheet_return(sheet, actor=…, reason=…)``; reads
   ``is_confirmed(sheet)`` and ``failing_items(sheet)`` for its own rules (a contract cannot reach 契約済
   before its 資料2 is confirmed; a 否 asks for an improvement report);
5. counts: ``tally(sheets, template)`` → ``core.exports.Table`` per item, for a results page
   (``includes/statistics_tables.html``) and its downloads (``core.exports.tables_export``).

The permission checks are the owner's: these functions write what they are asked to, each with
the actor and a reason in the history.
"""

from __future__ import annotations

from dataclasses import dataclass

from hogokan.checklists.forms import SheetForm
from hogokan.checklists.models import (
    MARK_SETS,
    NA,
    NG,
    OK,
    AnswerSheet,
    ChecklistItem,
    ChecklistTemplate,
    SheetAnswer,
)
from hogokan.checklists.scoping import register_sheet_owner
from hogokan.checklists.services import (
    missing_items,
    sheet_confirm,
    sheet_create,
    sheet_return,
    sheet_save,
    sheet_submit,
    template_in_use,
    templates_create_defaults,
)
from hogokan.checklists.tally import failing, tally
from hogokan.core.services import attachments_of

Purpose = ChecklistTemplate.Purpose
AnswerKind = ChecklistItem.AnswerKind
SheetStatus = AnswerSheet.Status

__all__ = [
    "MARK_SETS", "NA", "NG", "OK", "AnswerKind", "AnswerSheet", "ChecklistItem", "ChecklistTemplate", "Purpose",
    "SheetAnswer", "SheetForm", "SheetRow", "SheetStatus", "SheetView", "failing_items", "is_confirmed",
    "missing_items", "register_sheet_owner", "sheet_confirm", "sheet_create", "sheet_form", "sheet_return", "sheet_view",
    "sheet_save", "sheet_submit", "tally", "template_in_use", "templates_create_defaults",
]


def sheet_form(sheet: AnswerSheet, data=None, files=None, *, partial: bool = False) -> SheetForm:
    """The form of ``sheet``: bound when ``data`` is given; ``partial=True`` for 一時保存 (required items may wait)."""
    return SheetForm(sheet, data, files, partial=partial)


def is_confirmed(sheet: AnswerSheet | None) -> bool:
    return sheet is not None and sheet.status == AnswerSheet.Status.CONFIRMED


def failing_items(sheet: AnswerSheet) -> list[SheetAnswer]:
    """The answers 否/×/いいえ of ``sheet`` (each with ``.item``), in the template's order."""
    answers = sheet.answers.select_related("item").order_by("item__order")
    return failing(answers)


@dataclass
class SheetRow:
    """One line of the read-only sheet: the item, what was answered (as printed), remark, files."""

    item: ChecklistItem
    category: str
    answer: str
    remark: str
    failing: bool
    attachments: list
    skipped: bool = False  # after a 「⇒終了」 answer: no answer needed


@dataclass
class SheetView:
    """What ``checklists/includes/sheet_view.html`` prints (``view``): the sheet, its rows, which columns."""

    sheet: AnswerSheet
    rows: list[SheetRow]
    show_category: bool
    show_remark: bool
    show_files: bool


def _shown(item: ChecklistItem, answer: SheetAnswer | None) -> str:
    if answer is None or answer.is_blank:
        return ""
    labels = dict(item.options())
    if item.answer_kind == AnswerKind.MULTIPLE:
        return "、".join(labels.get(code, code) for code in answer.selected)
    if item.answer_kind == AnswerKind.NUMBER:
        return f"{answer.number:,}"
    if item.answer_kind == AnswerKind.TEXT:
        return answer.text
    return labels.get(answer.value, answer.value)


def sheet_view(sheet: AnswerSheet) -> SheetView:
    """The read-only sheet for ``{% include "checklists/includes/sheet_view.html" with view=… %}``."""
    template = sheet.template
    answers = {answer.item_id: answer for answer in sheet.answers.all()}
    rows, ended = [], False
    for item in template.items.order_by("order"):
        item.template = template
        answer = answers.get(item.pk)
        files = list(attachments_of(answer)) if template.evidence and answer is not None else []
        shown = _shown(item, answer)
        rows.append(SheetRow(item, " ".join(part for part in (item.group, item.category) if part),
                             shown, answer.remark if answer else "",
                             bool(answer and failing([answer])), files, skipped=ended and not shown))
        if item.ends_sheet_on and answer is not None and answer.value == item.ends_sheet_on:
            ended = True
    return SheetView(sheet, rows, any(row.category for row in rows), any(row.remark for row in rows),
                     any(row.attachments for row in rows))
