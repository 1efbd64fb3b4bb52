"""Counting sheets: per item, how many chose each mark or option, how many left it blank (京都市 shape).

The shape of the 京都市 audit report tables: one table per item, a row per option with the number
of sheets (所属) and its share, then 無回答 and 合計 (単位：所属，％). A multiple-choice item counts
every option chosen, so its shares are of the sheets it applied to (those that chose at least one
option) and it has no 合計 row. Numbers give their count, sum, mean, least and greatest; texts the
number of sheets that wrote one. The counting is one query per template (GROUP BY is not needed:
a template has tens of items, a tally hundreds of sheets).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from hogokan.checklists.models import NG, AnswerSheet, ChecklistItem, ChecklistTemplate, SheetAnswer
from hogokan.core.exports import Table

Kind = ChecklistItem.AnswerKind
NO_ANSWER = "無回答"
TOTAL = "合計"


def percent(count: int, base: int) -> str:
    """70.6% (one decimal, as the reports print it), or — when there is nothing to divide by."""
    return "—" if not base else f"{count * 100 / base:.1f}%"


def _sheet_ids(sheets: Iterable[AnswerSheet] | object, template: ChecklistTemplate) -> list[int]:
    if hasattr(sheets, "values_list"):  # a queryset: no rows loaded
        rows = list(sheets.values_list("pk", "template_id"))
    else:
        rows = [(sheet.pk, sheet.template_id) for sheet in sheets]
    if any(template_id != template.pk for _pk, template_id in rows):
        raise ValueError("集計する回答票は、すべて同じ様式（同じ版）のものにしてください。")
    return [pk for pk, _template_id in rows]


def tally(sheets, template: ChecklistTemplate, *, unit: str = "所属") -> list[Table]:
    """One ``core.exports.Table`` per item of ``template`` over ``sheets`` (a queryset or a list of that version).

    ``unit`` names what a sheet stands for in the headers and the note (所属, 事業者, システム …).
    """
    ids = _sheet_ids(sheets, template)
    total = len(ids)
    items = list(template.items.order_by("order"))
    answers: dict[int, list[SheetAnswer]] = {item.pk: [] for item in items}
    for answer in SheetAnswer.objects.filter(sheet_id__in=ids).only("item_id", "value", "selected", "number", "text"):
        if answer.item_id in answers:
            answers[answer.item_id].append(answer)
    note = f"（単位：{unit}，％）回答票 {total} 件"
    tables = []
    for item in items:
        item.template = template
        rows = _rows(item, answers[item.pk], total, unit)
        tables.append(Table(
            key=f"item-{item.order}", title=f"{item.number} {item.text}", sheet=f"項目{item.number}"[:31],
            header=["回答", f"{unit}数", "割合"] if item.answer_kind != Kind.NUMBER else ["集計", "値", ""],
            rows=rows, note=note + ("（複数回答：割合は回答のあった" + unit + "に対する割合）"
                                    if item.answer_kind == Kind.MULTIPLE else "")))
    return tables


def _rows(item: ChecklistItem, answers: list[SheetAnswer], total: int, unit: str) -> list[list]:
    if item.answer_kind in (Kind.MARK, Kind.SINGLE):
        counts = Counter(answer.value for answer in answers if answer.value)
        answered = sum(counts.values())
        rows = [[label, counts.get(code, 0), percent(counts.get(code, 0), total)] for code, label in item.options()]
        unknown = answered - sum(counts.get(code, 0) for code, _label in item.options())
        if unknown:  # an option removed in a later version cannot be here (same version), but never hide a count
            rows.append(["その他の回答", unknown, percent(unknown, total)])
        rows.append([NO_ANSWER, total - answered, percent(total - answered, total)])
        rows.append([TOTAL, total, percent(total, total)])
        return rows
    if item.answer_kind == Kind.MULTIPLE:
        counts = Counter(code for answer in answers for code in (answer.selected or []))
        applied = sum(1 for answer in answers if answer.selected)
        rows = [[label, counts.get(code, 0), percent(counts.get(code, 0), applied)] for code, label in item.options()]
        rows.append([f"回答のあった{unit}", applied, percent(applied, total)])
        rows.append([NO_ANSWER, total - applied, percent(total - applied, total)])
        return rows
    if item.answer_kind == Kind.NUMBER:
        numbers = [answer.number for answer in answers if answer.number is not None]
        if not numbers:
            return [["回答数", 0, ""], [NO_ANSWER, total, ""]]
        return [["回答数", len(numbers), ""], ["合計", sum(numbers), ""],
                ["平均", round(sum(numbers) / len(numbers), 1), ""], ["最小", min(numbers), ""],
                ["最大", max(numbers), ""], [NO_ANSWER, total - len(numbers), ""]]
    written = sum(1 for answer in answers if answer.text.strip())
    return [["記述あり", written, percent(written, total)], [NO_ANSWER, total - written, percent(total - written, total)],
            [TOTAL, total, percent(total, total)]]


def failing(answers: Iterable[SheetAnswer]) -> list[SheetAnswer]:
    """The mark answers that say 否/×/いいえ (an item that ends the sheet on that answer is not failing)."""
    return [answer for answer in answers
            if answer.item.answer_kind == Kind.MARK and answer.value == NG and answer.item.ends_sheet_on != NG]
