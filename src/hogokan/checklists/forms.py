"""SheetForm: one answer sheet as a plain HTML form, every check with a Japanese message.

One field per item (``a<item pk>``: radios for marks and single choice, check boxes for multiple
choice, a number or a text box), its remark (``a<pk>_remark``, ≤ 500 characters: longer is
refused, never cut) and, where the template allows it, an evidence file (``a<pk>_evidence``).
Required items must be answered unless the form is ``partial`` (一時保存) or an earlier item ended
the sheet (資料2 №1 「いいえ」⇒終了).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings

from hogokan.checklists.models import AnswerSheet, ChecklistItem, SheetAnswer
from hogokan.core.forms import AccessibleForm, wire_aria

Kind = ChecklistItem.AnswerKind
REMARK_MAX = SheetAnswer._meta.get_field("remark").max_length or 500
TEXT_MAX = 4000
NUMBER_MAX = 10**12


class _GroupIds:
    """Radios and check boxes named by their group: the fieldset carries the field's id, so the
    support text, the error text and the error summary's link (#id_a12) have one target each."""

    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


class Radios(_GroupIds, forms.RadioSelect):
    pass


class Checkboxes(_GroupIds, forms.CheckboxSelectMultiple):
    pass


@dataclass
class SheetRow:
    """What the template renders for one item: a heading when the group/category changes, the fields."""

    item: ChecklistItem
    heading: str
    field: forms.BoundField
    remark: forms.BoundField
    evidence: forms.BoundField | None


def item_label(item: ChecklistItem) -> str:
    return f"項目{item.number}"


def _answer_field(item: ChecklistItem, required: bool) -> forms.Field:
    label = f"{item.number} {item.text}"
    name = item_label(item)
    required_message = f"{name}に回答してください。"
    options = item.options()
    shown = "・".join(option_label for _code, option_label in options)
    if item.answer_kind in (Kind.MARK, Kind.SINGLE):
        return forms.ChoiceField(
            label=label, required=required, choices=options, widget=Radios, help_text=item.explanation,
            error_messages={"required": required_message,
                            "invalid_choice": f"{name}の回答「%(value)s」は選べません（{shown}のいずれか）。"})
    if item.answer_kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label, required=required, choices=options, widget=Checkboxes,
            help_text=item.explanation or "当てはまるものをすべて選んでください。",
            error_messages={"required": f"{name}は当てはまるものを1つ以上選んでください。",
                            "invalid_choice": f"{name}の選択肢「%(value)s」はありません。",
                            "invalid_list": f"{name}の回答の形式が正しくありません。"})
    if item.answer_kind == Kind.NUMBER:
        message = f"{name}は0以上{NUMBER_MAX:,}以下の整数で入力してください。"
        return forms.IntegerField(
            label=label, required=required, min_value=0, max_value=NUMBER_MAX, help_text=item.explanation,
            error_messages={"required": required_message, "invalid": message, "min_value": message,
                            "max_value": message})
    return forms.CharField(
        label=label, required=required, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=item.explanation or f"{TEXT_MAX}文字以内",
        error_messages={"required": required_message, "max_length": f"{name}は{TEXT_MAX}文字以内で入力してください。"})


class SheetForm(AccessibleForm):
    """The answers of ``sheet``; ``initial`` comes from its stored answers. See ``hogokan.checklists.api``."""

    def __init__(self, sheet: AnswerSheet, data=None, files=None, *, partial: bool = False):
        self.sheet = sheet
        self.partial = partial
        self.items = list(sheet.template.items.order_by("order"))
        for item in self.items:
            item.template = sheet.template  # options() reads the mark set without a query per item
        stored = {answer.item_id: answer for answer in sheet.answers.all()} if sheet.pk else {}
        self.stored = stored
        super().__init__(data=data, files=files, initial=self._initial(stored))
        ended = False
        for item in self.items:
            key = f"a{item.pk}"
            required = item.required and not partial and not ended
            self.fields[key] = _answer_field(item, required)
            self.fields[f"{key}_remark"] = forms.CharField(
                label=f"{item.number} の備考", required=False, max_length=REMARK_MAX,
                widget=forms.Textarea(attrs={"rows": 2}), help_text=f"{REMARK_MAX}文字以内",
                error_messages={"max_length": f"{item_label(item)}の備考は{REMARK_MAX}文字以内で入力してください"
                                              f"（%(show_value)d文字入力されています）。"})
            if sheet.template.evidence:
                self.fields[f"{key}_evidence"] = forms.FileField(
                    label=f"{item.number} の添付資料", required=False,
                    help_text=f"添付できる種類: {'、'.join(settings.HOGOKAN_ATTACHMENT_TYPES)}"
                              f"（上限 {settings.HOGOKAN_ATTACHMENT_MAX_MB} MB）")
            if item.ends_sheet_on and self._raw(item) == item.ends_sheet_on:
                ended = True  # 「⇒終了」: the items after this one need no answer
        wire_aria(self)

    def _initial(self, stored: dict[int, SheetAnswer]) -> dict:
        initial = {}
        for item in self.items:
            answer = stored.get(item.pk)
            if answer is None:
                continue
            key = f"a{item.pk}"
            initial[key] = {Kind.MULTIPLE: answer.selected, Kind.NUMBER: answer.number,
                            Kind.TEXT: answer.text}.get(item.answer_kind, answer.value)
            initial[f"{key}_remark"] = answer.remark
        return initial

    def _raw(self, item: ChecklistItem) -> str:
        key = f"a{item.pk}"
        if self.is_bound:
            return str(self.data.get(key, "") or "")
        return str(self.initial.get(key) or "")

    def rows(self) -> list[SheetRow]:
        rows, last = [], None
        for item in self.items:
            key = f"a{item.pk}"
            heading = " ".join(part for part in (item.group, item.category) if part)
            rows.append(SheetRow(item, heading if heading != last else "", self[key], self[f"{key}_remark"],
                                 self[f"{key}_evidence"] if f"{key}_evidence" in self.fields else None))
            last = heading
        return rows

    def answers(self) -> dict[int, dict]:
        """item pk → the values to store (after ``is_valid()``)."""
        result = {}
        for item in self.items:
            key = f"a{item.pk}"
            value = self.cleaned_data.get(key)
            fields = {"value": "", "selected": [], "number": None, "text": "",
                      "remark": (self.cleaned_data.get(f"{key}_remark") or "").strip()}
            if item.answer_kind == Kind.MULTIPLE:
                chosen = set(value or [])
                fields["selected"] = [code for code, _label in item.options() if code in chosen]  # template order
            elif item.answer_kind == Kind.NUMBER:
                fields["number"] = value
            elif item.answer_kind == Kind.TEXT:
                fields["text"] = (value or "").strip()
            else:
                fields["value"] = value or ""
            result[item.pk] = fields
        return result

    def evidence_files(self) -> dict[int, object]:
        """item pk → the uploaded file, for the items that got one."""
        return {item.pk: self.cleaned_data[f"a{item.pk}_evidence"] for item in self.items
                if self.cleaned_data.get(f"a{item.pk}_evidence")}
