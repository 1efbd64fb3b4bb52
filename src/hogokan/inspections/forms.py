"""Validation of the inspection pages: a section's response as typed, reviews, actions, 個別点検項目.

``ResponseEntry`` is the paper form (様式7-1) as posted: it keeps every value the user typed, so a
page with errors is shown again with nothing lost, and hands the service its plain inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from hogokan.core.calendar import date_range_error, parse_date, wareki
from hogokan.core.forms import AccessibleForm
from hogokan.inspections import rules
from hogokan.inspections.models import CorrectiveAction, SectionItem, SurveyAnswer, SurveyQuestion
from hogokan.inspections.services import ActionInput, response_items
from hogokan.org.models import Assignment, Person

# (value posted, mark printed, what it means) — the three answers of 備考1・2
MARK_CHOICES = ((rules.OK, "○", "できている"), (rules.NG, "×", "できていない"), (rules.NA, "－", "該当なし"))
REMARK_MAX = 500
SECTION_GROUP = "個別点検項目"


@dataclass
class ErrorLine:
    """One line of the error summary: the message and the field it links to (GOV.UK)."""

    message: str
    anchor: str = ""


@dataclass
class ItemRow:
    """One item of the checklist (template item or 個別点検項目) with what was typed for it."""

    key: str
    item: object
    value: str = ""
    remark: str = ""
    action: CorrectiveAction | None = None
    description: str = ""
    assignee: str = ""
    due: str = ""
    saved: bool = False
    errors: list[str] = field(default_factory=list)
    remark_errors: list[str] = field(default_factory=list)
    action_errors: dict[str, list[str]] = field(default_factory=dict)
    missing: bool = False
    new_category: bool = False

    @property
    def is_section_item(self) -> bool:
        return isinstance(self.item, SectionItem)

    @property
    def label(self) -> str:
        return f"{SECTION_GROUP}{self.item.number}" if self.is_section_item else f"項目{self.item.number}"

    @property
    def mark(self) -> str:
        return rules.MARKS.get(self.value, "")

    @property
    def choices(self) -> list[tuple[str, str, str]]:
        return [choice for choice in MARK_CHOICES if choice[0] != rules.NA or self.item.dash_allowed]

    @property
    def action_editable(self) -> bool:
        return self.action is None or self.action.status != CorrectiveAction.Status.DONE

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.remark_errors or self.action_errors or self.missing)


@dataclass
class SurveyRow:
    question: SurveyQuestion
    selected: list[str] = field(default_factory=list)
    text: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"q{self.question.pk}"

    @property
    def input_type(self) -> str:
        return "radio" if self.question.kind == SurveyQuestion.Kind.SINGLE else "checkbox"

    @property
    def options(self) -> list[tuple[int, str, bool]]:
        return [(index, choice, choice in self.selected) for index, choice in enumerate(self.question.choices)]

    @property
    def has_text(self) -> bool:
        return bool(self.question.text_label) or self.question.kind == SurveyQuestion.Kind.TEXT

    @property
    def anchor(self) -> str:
        return f"{self.key}-0" if self.question.choices else f"{self.key}-text"


def assignee_choices(response, today: date) -> list[Person]:
    """The people assigned to the section today, and anyone already named on one of its actions."""
    people = {a.person.pk: a.person for a in Assignment.objects.current_on(today)
              .filter(unit=response.unit, person__is_active=True).select_related("person").order_by("person__name")}
    for action in response.actions.select_related("assignee"):
        if action.assignee_id and action.assignee_id not in people:
            people[action.assignee_id] = action.assignee
    return list(people.values())


class ResponseEntry:
    """The response form: rows, survey questions and errors, from the database or from a POST."""

    def __init__(self, response, data=None, *, today: date):
        self.response = response
        self.today = today
        self.people = assignee_choices(response, today)
        self.errors: list[ErrorLine] = []
        self.problems: list[str] = []  # what keeps a saved draft from being submitted
        saved = {(f"i{a.item_id}" if a.item_id else f"s{a.section_item_id}"): a for a in response.answers.all()}
        actions = {action.answer_id: action for action in response.actions.select_related("assignee")}
        self.rows: list[ItemRow] = []
        for key, item in response_items(response):
            answer = saved.get(key)
            row = ItemRow(key=key, item=item, action=actions.get(answer.pk) if answer else None,
                          saved=answer is not None)
            if data is None:
                if answer is not None:
                    row.value, row.remark = answer.value, answer.remark
                if row.action is not None:
                    row.description = row.action.description
                    row.assignee = str(row.action.assignee_id or "")
                    row.due = row.action.due_date.isoformat() if row.action.due_date else ""
            else:
                row.value = data.get(key, "").strip()
                row.remark = data.get(f"{key}-remark", "")
                row.description = data.get(f"{key}-description", "")
                row.assignee = data.get(f"{key}-assignee", "").strip()
                row.due = data.get(f"{key}-due", "").strip()
            self.rows.append(row)
        survey_saved = {a.question_id: a for a in SurveyAnswer.objects.filter(response=response)}
        self.survey: list[SurveyRow] = []
        for question in response.campaign.questions.all():
            row = SurveyRow(question=question)
            if data is None:
                if question.pk in survey_saved:
                    row.selected, row.text = list(survey_saved[question.pk].selected), survey_saved[question.pk].text
            else:
                row.selected = [value for value in data.getlist(row.key) if value != ""]
                row.text = data.get(f"{row.key}-text", "")
            self.survey.append(row)
        self._group_rows()

    # ---- what the template shows ----------------------------------------------------------------

    def _group_rows(self) -> None:
        groups: list[dict] = []
        for row in self.rows:
            title = SECTION_GROUP if row.is_section_item else (row.item.group or "点検項目")
            if not groups or groups[-1]["title"] != title:
                groups.append({"title": title, "rows": []})
            rows = groups[-1]["rows"]
            row.new_category = bool(row.item.category) and (not rows or rows[-1].item.category != row.item.category)
            rows.append(row)
        self.groups = groups

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @property
    def ng_rows(self) -> list[ItemRow]:
        return [row for row in self.rows if row.value == rules.NG]

    # ---- validation -----------------------------------------------------------------------------

    def _row_error(self, row: ItemRow, message: str) -> None:
        row.errors.append(message)
        self.errors.append(ErrorLine(message, f"{row.key}-{row.choices[0][0]}"))

    def _action_error(self, row: ItemRow, name: str, message: str) -> None:
        row.action_errors.setdefault(name, []).append(message)
        self.errors.append(ErrorLine(message, f"{row.key}-{name}"))

    def is_valid(self) -> bool:
        """Checks what the page itself can check; the service checks everything again when saving."""
        people = {str(person.pk) for person in self.people}
        for row in self.rows:
            try:
                mark = rules.parse_mark(row.value)
                rules.check_mark(mark, dash_allowed=row.item.dash_allowed, label=f"項目{row.item.number}")
            except ValueError as exc:
                self._row_error(row, str(exc))
                continue
            row.value = mark
            if len(row.remark.strip()) > REMARK_MAX:
                message = f"{row.label}の備考は{REMARK_MAX}文字以内で入力してください。"
                row.remark_errors.append(message)
                self.errors.append(ErrorLine(message, f"{row.key}-remark"))
            if mark != rules.NG or not row.action_editable:
                continue
            if row.assignee and row.assignee not in people:
                self._action_error(row, "assignee", f"{row.label}の是正措置の担当者は一覧から選んでください。")
            if row.due:
                due = parse_date(row.due)
                if due is None:
                    self._action_error(row, "due", f"{row.label}の是正措置の期限は日付で入力してください（例: 2026-12-15）。")
                elif message := date_range_error(due, label=f"{row.label}の是正措置の期限"):
                    self._action_error(row, "due", message)
                elif due < self.today and (row.action is None or row.action.due_date != due):
                    # a deadline already past is a typing error when it is set, not a plan
                    self._action_error(row, "due", f"{row.label}の是正措置の期限に過去の日付（{wareki(due)}）は設定できません。")
        return not self.errors

    def add_service_error(self, error: ValidationError) -> None:
        """The service's errors ("i12", "s3", "q5", "__all__") shown at their fields and in the summary."""
        rows = {row.key: row for row in self.rows}
        survey = {row.key: row for row in self.survey}
        if not hasattr(error, "error_dict"):
            self.errors.extend(ErrorLine(message) for message in error.messages)
            return
        for key, messages in error.message_dict.items():
            for message in messages:
                if key in rows:
                    rows[key].errors.append(message)
                    self.errors.append(ErrorLine(message, f"{key}-{rows[key].choices[0][0]}"))
                elif key in survey:
                    survey[key].errors.append(message)
                    self.errors.append(ErrorLine(message, survey[key].anchor))
                else:
                    self.errors.append(ErrorLine(message))

    def add_submit_problems(self, messages: list[str]) -> None:
        """Submitting failed but the draft is saved: list why, and flag the unanswered items."""
        self.problems = list(messages)
        for row in self.rows:
            row.missing = not row.value

    # ---- what the service receives --------------------------------------------------------------

    def answers(self) -> dict[str, tuple[str, str]]:
        return {row.key: (row.value, row.remark) for row in self.rows if row.value or row.remark.strip() or row.saved}

    def actions(self) -> dict[str, ActionInput]:
        people = {str(person.pk): person for person in self.people}
        return {
            row.key: ActionInput(description=row.description, assignee=people.get(row.assignee),
                                 due_date=parse_date(row.due) if row.due else None)
            for row in self.rows if row.value == rules.NG and row.action_editable
        }

    def survey_input(self) -> dict[int, tuple[list[str], str]]:
        return {row.question.pk: (row.selected, row.text) for row in self.survey}


# ---- small forms ------------------------------------------------------------------------------

class ReviewForm(AccessibleForm):
    DECISIONS = (("approve", "承認"), ("return", "差戻し"))

    decision = forms.ChoiceField(label="確認の結果", choices=DECISIONS,
                                 error_messages={"required": "承認するか差し戻すかを選んでください。",
                                                 "invalid_choice": "承認するか差し戻すかを選んでください。"})
    comment = forms.CharField(label="コメント", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="差し戻すときは理由を必ず入力してください（承認のときは任意）。",
                              error_messages={"max_length": "コメントは2000文字以内で入力してください。"})


class ActionCompleteForm(AccessibleForm):
    note = forms.CharField(label="実施した内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="例: 全職員に施錠の徹底を周知し、保管庫の鍵の管理簿を作成した。",
                           error_messages={"required": "実施した内容を入力してください。",
                                           "max_length": "実施した内容は2000文字以内で入力してください。"})


ACTION_FILTERS = (("open", "対応中"), ("done", "完了"), ("all", "すべて"))


class ActionFilterForm(AccessibleForm):
    status = forms.ChoiceField(label="状態", choices=ACTION_FILTERS, required=False,
                               error_messages={"invalid_choice": "状態は一覧から選んでください。"})


class SectionItemForm(AccessibleForm):
    number = forms.CharField(label="番号", max_length=10, help_text="例: 個1（10文字以内）",
                             widget=forms.TextInput(attrs={"size": 8}),
                             error_messages={"required": "番号を入力してください。",
                                             "max_length": "番号は10文字以内で入力してください。"})
    category = forms.CharField(label="分類", max_length=50, required=False, help_text="例: 窓口対応（50文字以内）",
                               widget=forms.TextInput(attrs={"size": 30}),
                               error_messages={"max_length": "分類は50文字以内で入力してください。"})
    text = forms.CharField(label="点検項目", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="「〜しているか」の形で、○か×で答えられるように書いてください。",
                           error_messages={"required": "点検項目を入力してください。",
                                           "max_length": "点検項目は1000文字以内で入力してください。"})
    dash_allowed = forms.BooleanField(label="「－」（該当なし）を選べるようにする", required=False)
