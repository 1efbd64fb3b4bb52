"""Every write of the self-inspection: templates, campaigns, responses, reviews, corrective actions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

# The template versioning is the checklist engine's; re-exported for this module's views and tests.
from hogokan.checklists.services import (  # noqa: F401
    _items_of_template,
    template_in_use,
    template_item_remove,
    template_item_save,
    template_items,
    template_publish,
    template_revise,
    template_update,
)
from hogokan.core.calendar import body_calendar, fiscal_year, wareki
from hogokan.core.services import (
    notification_send,
    reminder_key,
    reminder_resolve,
    reminder_schedule,
    save_with_history,
)
from hogokan.core.workflow import require_state, send_back, transition
from hogokan.inspections import defaults, rules
from hogokan.inspections.models import (
    Answer,
    Campaign,
    ChecklistItem,
    ChecklistTemplate,
    CorrectiveAction,
    InspectionResponse,
    SectionItem,
    SurveyAnswer,
    SurveyQuestion,
)
from hogokan.org.api import managers_above, officers_of, sections_on

_save = save_with_history
DEFAULTS_REASON = "標準様式の登録"
# The states a section may still answer and submit from; a refusal names the state it is in.
EDITABLE = (InspectionResponse.Status.NOT_STARTED, InspectionResponse.Status.DRAFT,
            InspectionResponse.Status.RETURNED)
SUBMITTED_REFUSAL = "この点検結果は『{state}』のため、提出できません。"


# ---- templates ---------------------------------------------------------------------------------

def templates_load_defaults() -> int:
    """Create version 1 of each default template that does not exist yet; returns how many."""
    created = 0
    for family, name, kind, items, notes in defaults.TEMPLATES:
        if ChecklistTemplate.objects.filter(family=family).exists():
            continue
        # Written by the system (after migrate), so the history names no user but says why.
        template = _save(ChecklistTemplate(family=family, version=1, name=name, kind=kind, notes=notes,
                                           status=ChecklistTemplate.Status.IN_USE, published_at=timezone.now()),
                         None, DEFAULTS_REASON)
        bulk_create_with_history(
            [ChecklistItem(template=template, order=order, number=number, group=group, category=category, text=text,
                           dash_allowed=dash)
             for order, (number, group, category, text, dash) in enumerate(items, start=1)],
            ChecklistItem, default_user=None, default_change_reason=DEFAULTS_REASON,
        )
        created += 1
    return created


# ---- campaigns ----------------------------------------------------------------------------------

def _report_due(year: int, month: int) -> date:
    return rules.report_due(year, month, day=settings.HOGOKAN_INSPECTION_REPORT_DAY, calendar=body_calendar(),
                            months=settings.HOGOKAN_INSPECTION_REPORT_MONTHS)


def campaign_title(kind: str, year: int, month: int) -> str:
    label = {Campaign.Kind.MONTHLY: "情報に関する点検", Campaign.Kind.STRENGTHENING: "情報に関する点検（点検強化月間）",
             Campaign.Kind.SYSTEM: "情報システム管理点検", Campaign.Kind.ADHOC: "臨時調査"}[kind]
    return f"{wareki(date(year, month, 1)).split('月')[0]}月 {label}"


@transaction.atomic
def campaign_create(*, actor, kind: str, year: int, month: int, template: ChecklistTemplate | None = None,
                    units: Iterable | None = None, title: str = "", generated: bool = False,
                    inspection_date: date | None = None, questions: list | None = None) -> Campaign:
    """A campaign with one response per target section, and the officers' reminders."""
    if not 1 <= month <= 12:
        raise ValidationError({"month": "月は1から12で指定してください。"})
    if template is None:
        family = defaults.SYSTEM_FAMILY if kind == Campaign.Kind.SYSTEM else defaults.NAGOYA_FAMILY
        template = template_in_use(family)
    if template is None or template.status != ChecklistTemplate.Status.IN_USE:
        raise ValidationError({"template": "使用中の様式を選んでください。"})
    if template.purpose != ChecklistTemplate.Purpose.SELF_INSPECTION:  # 資料2/6/7 and surveys have owners of their own
        raise ValidationError({"template": "点検（自己点検）の様式を選んでください。"})
    day = inspection_date or rules.inspection_date(year, month, body_calendar())
    campaign = _save(Campaign(
        kind=kind, title=title or campaign_title(kind, year, month), fiscal_year=fiscal_year(date(year, month, 1)),
        year=year, month=month, template=template, inspection_date=day, report_due=max(day, _report_due(year, month)),
        generated=generated, created_by=actor,
    ), actor, "自動作成" if generated else "作成")
    if questions is None and kind == Campaign.Kind.STRENGTHENING:
        questions = defaults.survey_questions_for(month)
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(campaign=campaign, order=order, number=number, heading=heading, text=text, kind=qkind,
                       choices=list(choices), text_label=text_label)
        for order, (number, heading, text, qkind, choices, text_label) in enumerate(questions or [], start=1)
    )
    targets = list(units) if units is not None else list(sections_on(day))
    if not targets:
        raise ValidationError({"units": "対象の課・公所がありません。"})
    # With their history rows (未着手), so that each response's history starts where it was created.
    bulk_create_with_history([InspectionResponse(campaign=campaign, unit=unit) for unit in targets], InspectionResponse,
                             default_user=actor, default_change_reason="点検の作成")
    for response in campaign.responses.select_related("unit"):
        response_schedule_reminders(response)
    return campaign


def response_url(response: InspectionResponse) -> str:
    return reverse("inspections:response", args=[response.pk])


def response_schedule_reminders(response: InspectionResponse) -> None:
    """Remind the section's officers before and on the day; escalate to the managers above once late."""
    campaign = response.campaign
    officers = officers_of(response.unit, campaign.inspection_date)
    if not officers:
        return
    reminder_schedule(
        key=reminder_key(response, "submit"), subject=f"{campaign.title}（{response.unit.name}）の提出",
        body=f"点検日 {wareki(campaign.inspection_date)} までに点検結果を提出してください。",
        url=response_url(response), related=response, due_date=campaign.inspection_date,
        recipients=officers, escalate_to=managers_above(response.unit, campaign.inspection_date),
        remind_days_before=(3, 0), escalate_after_days=1,
    )


def monthly_campaigns_generate(today: date) -> list[Campaign]:
    """The worker's job: this month's campaign (and next month's from the 20th), if missing."""
    wanted = [(today.year, today.month)]
    if today.day >= 20:
        wanted.append((today.year + (today.month == 12), today.month % 12 + 1))
    created = []
    strengthening = set(settings.HOGOKAN_INSPECTION_STRENGTHENING_MONTHS)
    for year, month in wanted:
        kind = Campaign.Kind.STRENGTHENING if month in strengthening else Campaign.Kind.MONTHLY
        exists = Campaign.objects.filter(year=year, month=month,
                                         kind__in=[Campaign.Kind.MONTHLY, Campaign.Kind.STRENGTHENING]).exists()
        if not exists and template_in_use(defaults.NAGOYA_FAMILY) is not None:
            created.append(campaign_create(actor=None, kind=kind, year=year, month=month, generated=True))
    return created


# ---- a section's response -----------------------------------------------------------------------

@dataclass
class ActionInput:
    description: str = ""
    assignee: object = None
    due_date: date | None = None


def response_items(response: InspectionResponse) -> list:
    """The rows the section answers: the template's items, then its own active 個別点検項目."""
    rows = [(f"i{item.pk}", item) for item in _items_of_template(response.campaign.template_id)]
    rows += [(f"s{item.pk}", item) for item in SectionItem.objects.filter(unit_id=response.unit_id, active=True)
             .order_by("number")]
    return rows


def _require_editable(response: InspectionResponse) -> None:
    if response.is_locked:
        raise ValidationError("提出済みの点検結果は変更できません。訂正が必要な場合は差戻しを依頼してください。")
    if response.campaign.status == Campaign.Status.CLOSED:
        raise ValidationError("この点検は締め切られています。")


@dataclass
class ResponseState:
    """A response's rows and everything it holds, loaded once and kept current by the writes below.

    The API builds its reply from it instead of reading back what was just written.
    """

    rows: list  # (key, item) as response_items
    answers: dict[str, Answer]  # row key (i<pk> / s<pk>) → answer, every answer of the response
    actions: dict[int, CorrectiveAction]  # answer id → its corrective action
    questions: list[SurveyQuestion]
    survey_answers: dict[int, SurveyAnswer]  # question id → answer


def _answer_key(answer: Answer) -> str:
    return f"i{answer.item_id}" if answer.item_id else f"s{answer.section_item_id}"


def _load_state(response: InspectionResponse, rows: list) -> ResponseState:
    """What the response holds now, with each answer's item and each action's answer attached.

    A response still 未着手 holds nothing: the services are its only writers and the first save
    makes it 作成中, so its answers, actions and survey answers are not queried.
    """
    questions = list(response.campaign.questions.all())
    if response.status == InspectionResponse.Status.NOT_STARTED:
        return ResponseState(rows, {}, {}, questions, {})
    items = {item.pk: item for key, item in rows if key.startswith("i")}
    answers = {}
    for answer in response.answers.select_related("section_item"):
        if answer.item_id in items:
            answer.item = items[answer.item_id]
        answers[_answer_key(answer)] = answer
    by_pk = {answer.pk: answer for answer in answers.values()}
    actions = {}
    for action in CorrectiveAction.objects.filter(response=response).select_related("assignee__user"):
        action.answer = by_pk[action.answer_id]
        actions[action.answer_id] = action
    survey_answers = {answer.question_id: answer for answer in response.survey_answers.all()}
    return ResponseState(rows, answers, actions, questions, survey_answers)


def _checked(state: ResponseState, answers: dict[str, tuple[str, str]],
             survey: dict[int, tuple[list[str], str]] | None) -> dict[str, str]:
    """Every typed value checked (all errors at once); the answers' marks by row key."""
    errors: dict[str, list[str]] = {}
    rows = dict(state.rows)
    parsed: dict[str, str] = {}
    remark_max = Answer._meta.get_field("remark").max_length or 500
    for key, (value, remark) in answers.items():
        item = rows.get(key)
        if item is None:
            errors.setdefault("__all__", []).append("この点検表にない項目への回答が含まれています。")
            continue
        if len((remark or "").strip()) > remark_max:  # refused with a word, never cut
            errors.setdefault(key, []).append(f"項目{item.number}の備考は{remark_max}文字以内で入力してください。")
        try:
            mark = rules.parse_mark(value)
            rules.check_mark(mark, dash_allowed=item.dash_allowed, label=f"項目{item.number}")
            parsed[key] = mark
        except ValueError as exc:
            errors.setdefault(key, []).append(str(exc))
    questions = {question.pk: question for question in state.questions}
    for question_id, (selected, _text) in (survey or {}).items():
        question = questions.get(question_id)
        if question is None:
            errors.setdefault("__all__", []).append("この点検にない設問への回答が含まれています。")
        elif any(choice not in question.choices for choice in selected):
            errors.setdefault(f"q{question_id}", []).append(f"設問{question.number}の選択肢にない回答があります。")
        elif question.kind == SurveyQuestion.Kind.SINGLE and len(selected) > 1:
            errors.setdefault(f"q{question_id}", []).append(f"設問{question.number}は1つだけ選んでください。")
    if errors:
        raise ValidationError(errors)
    return parsed


def _write(actor, response: InspectionResponse, state: ResponseState, parsed: dict[str, str],
           answers: dict[str, tuple[str, str]], actions: dict[str, ActionInput] | None,
           survey: dict[int, tuple[list[str], str]] | None) -> None:
    """Write checked answers, their corrective actions and the survey; ``state`` follows."""
    # Answers are written in bulk, each with its history row naming ``actor`` (who answered what,
    # when, before and after), because every section submits on the same morning.
    rows = dict(state.rows)
    created, changed = [], []
    for key, (_value, remark) in answers.items():
        item, remark = rows[key], (remark or "").strip()
        answer = state.answers.get(key)
        if answer is None:
            answer = Answer(response=response, campaign_id=response.campaign_id, unit_id=response.unit_id,
                            item=item if key.startswith("i") else None,
                            section_item=item if key.startswith("s") else None, value=parsed[key], remark=remark)
            created.append((key, answer))
        elif answer.value != parsed[key] or answer.remark != remark:
            answer.value, answer.remark = parsed[key], remark
            changed.append(answer)
    if created:
        saved = bulk_create_with_history([answer for _key, answer in created], Answer, default_user=actor,
                                         default_change_reason="回答")
        for (key, _answer), answer in zip(created, saved, strict=True):
            state.answers[key] = answer
    if changed:
        bulk_update_with_history(changed, Answer, ["value", "remark"], default_user=actor,
                                 default_change_reason="回答の変更")
    actions = actions or {}
    for key in answers:
        answer = state.answers[key]
        if answer.value == rules.NG or key in actions or answer.pk in state.actions:
            _sync_action(actor, response, answer, actions.get(key), state.actions)
    for question_id, (selected, text) in (survey or {}).items():
        survey_answer = state.survey_answers.get(question_id) or SurveyAnswer(response=response,
                                                                               question_id=question_id)
        survey_answer.selected, survey_answer.text = list(selected), (text or "").strip()
        state.survey_answers[question_id] = _save(survey_answer, actor, "設問への回答")


@transaction.atomic
def response_save(*, actor, response: InspectionResponse, answers: dict[str, tuple[str, str]],
                  actions: dict[str, ActionInput] | None = None,
                  survey: dict[int, tuple[list[str], str]] | None = None) -> InspectionResponse:
    """Save a draft: every typed value is checked; on any error nothing is written."""
    _require_editable(response)
    state = _load_state(response, response_items(response))
    parsed = _checked(state, answers, survey)
    _write(actor, response, state, parsed, answers, actions, survey)
    if response.status == InspectionResponse.Status.NOT_STARTED:
        response.status = InspectionResponse.Status.DRAFT
    return _save(response, actor, "一時保存", validate=False)


def _sync_action(actor, response, answer: Answer, action_input: ActionInput | None,
                 actions: dict[int, CorrectiveAction]) -> None:
    action = actions.get(answer.pk)
    if answer.value == rules.NG:
        if action is None:
            action = CorrectiveAction(response=response, answer=answer)
        elif action.status == CorrectiveAction.Status.CANCELLED:
            action.status = CorrectiveAction.Status.OPEN
        if action_input is not None:
            action.description = action_input.description.strip()
            action.assignee = action_input.assignee
            action.due_date = action_input.due_date
        actions[answer.pk] = _save(action, actor, "是正措置の入力")
    elif action is not None and action.status == CorrectiveAction.Status.OPEN:
        action.status = CorrectiveAction.Status.CANCELLED
        _save(action, actor, "回答の訂正により取消し")


def _missing(state: ResponseState) -> list[str]:
    unanswered = [item.number for key, item in state.rows
                  if key not in state.answers or not state.answers[key].value]
    problems = []
    if unanswered:
        problems.append(f"未回答の項目があります: {'、'.join(unanswered)}")
    order = {key: index for index, (key, _item) in enumerate(state.rows)}
    open_actions = sorted((action for action in state.actions.values()
                           if action.status == CorrectiveAction.Status.OPEN),
                          key=lambda action: (order.get(_answer_key(action.answer), len(order)), action.pk))
    for action in open_actions:
        item = action.answer.item or action.answer.section_item
        lacking = [label for label, value in (("是正の内容", action.description), ("担当者", action.assignee_id),
                                              ("期限", action.due_date)) if not value]
        if lacking:
            problems.append(f"項目{item.number}は「×」のため、是正措置の{'・'.join(lacking)}を入力してください。")
    return problems


def missing_for_submit(response: InspectionResponse) -> list[str]:
    """Japanese messages for everything that keeps the response from being submitted."""
    return _missing(_load_state(response, response_items(response)))


def _submit(actor, response: InspectionResponse, state: ResponseState, *, locked: bool = False) -> None:
    problems = _missing(state)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    late = rules.is_late(timezone.localdate(now), response.campaign.inspection_date)
    transition(response, actor=actor, to=InspectionResponse.Status.SUBMITTED, allowed=EDITABLE,
               action="提出（期限後）" if late else "提出", refused=SUBMITTED_REFUSAL, locked=locked,
               changes={"submitted_at": now, "submitted_by": actor, "late": late})
    reminder_resolve(key=reminder_key(response, "submit"))
    for action in state.actions.values():
        if action.status == CorrectiveAction.Status.OPEN and action.assignee and action.assignee.user_id:
            reminder_schedule(
                key=reminder_key(action, "due"), subject=f"是正措置の期限（{response.unit.name}）",
                body=action.description, url=response_url(response), related=action, due_date=action.due_date,
                recipients=[action.assignee.user], escalate_to=officers_of(response.unit, action.due_date),
            )


@transaction.atomic
def response_submit(*, actor, response: InspectionResponse) -> InspectionResponse:
    _require_editable(response)
    _submit(actor, response, _load_state(response, response_items(response)))
    return response


@transaction.atomic
def response_save_and_submit(*, actor, response: InspectionResponse, answers: dict[str, tuple[str, str]],
                             actions: dict[str, ActionInput] | None = None,
                             survey: dict[int, tuple[list[str], str]] | None = None,
                             rows: list | None = None) -> ResponseState:
    """提出 in one step (the API): check, write the answers, actions and survey, and submit.

    The same checks and writes as response_save then response_submit, without the intermediate
    一時保存: the response's history goes straight to 提出, and the answers' and actions' history
    rows name ``actor``. On any error nothing is written. ``rows`` are response_items(response)
    when the caller has them already. Returns what the response now holds.
    """
    _require_editable(response)
    # The row stays locked until the commit: a second submit of the same response (a client sending
    # twice) waits, then sees that the status has changed, instead of colliding on the answers.
    require_state(response, allowed=EDITABLE, refused=SUBMITTED_REFUSAL)
    state = _load_state(response, rows if rows is not None else response_items(response))
    parsed = _checked(state, answers, survey)
    _write(actor, response, state, parsed, answers, actions, survey)
    _submit(actor, response, state, locked=True)
    return state


REVIEW_REFUSAL = "提出済みの点検結果だけが承認・差戻しできます。"


def _review_changes(actor, comment: str) -> dict:
    return {"review_comment": comment.strip(), "reviewed_at": timezone.now(), "reviewed_by": actor}


@transaction.atomic
def response_approve(*, actor, response: InspectionResponse, comment: str = "") -> InspectionResponse:
    return transition(response, actor=actor, to=InspectionResponse.Status.APPROVED,
                      allowed=[InspectionResponse.Status.SUBMITTED], action="承認", reason=comment,
                      refused=REVIEW_REFUSAL, changes=_review_changes(actor, comment), validate=True)


@transaction.atomic
def response_return(*, actor, response: InspectionResponse, comment: str) -> InspectionResponse:
    send_back(response, actor=actor, to=InspectionResponse.Status.RETURNED,
              allowed=[InspectionResponse.Status.SUBMITTED], comment=comment, refused=REVIEW_REFUSAL,
              changes=_review_changes(actor, comment), validate=True)
    notification_send(recipients=officers_of(response.unit, timezone.localdate()),
                      subject=f"{response.campaign.title}（{response.unit.name}）が差し戻されました",
                      body=comment.strip(), url=response_url(response), related=response)
    return response


@transaction.atomic
def action_complete(*, actor, action: CorrectiveAction, note: str) -> CorrectiveAction:
    transition(action, actor=actor, to=CorrectiveAction.Status.DONE, allowed=[CorrectiveAction.Status.OPEN],
               action="完了", reason=note, reason_required=True, reason_field="note",
               reason_message="実施した内容を入力してください。", refused="この是正措置は対応中ではありません。",
               changes={"done_at": timezone.now(), "done_note": note.strip()}, validate=True)
    reminder_resolve(key=reminder_key(action, "due"))
    return action


# ---- 個別点検項目 --------------------------------------------------------------------------------

@transaction.atomic
def section_item_add(*, actor, unit, number: str, text: str, category: str = "",
                     dash_allowed: bool = False) -> SectionItem:
    if SectionItem.objects.filter(unit=unit, number=number.strip(), active=True).exists():
        raise ValidationError({"number": f"番号「{number}」はこの課の個別点検項目ですでに使われています。"})
    return _save(SectionItem(unit=unit, number=number.strip(), text=text.strip(), category=category.strip(),
                             dash_allowed=dash_allowed), actor, "追加")


@transaction.atomic
def section_item_retire(*, actor, item: SectionItem) -> SectionItem:
    item.active = False
    return _save(item, actor, "使用終了")


# ---- management by the chief: template name and notes, closing, reminding now -------------------

def _not_submitted(campaign: Campaign):
    return campaign.responses.exclude(status__in=[InspectionResponse.Status.SUBMITTED,
                                                  InspectionResponse.Status.APPROVED])


@transaction.atomic
def campaign_close(*, actor, campaign: Campaign) -> Campaign:
    """締切: no more answers or submissions (_require_editable), and no more reminders for it."""
    require_state(campaign, allowed=[Campaign.Status.OPEN], refused="この点検はすでに締め切られています。")
    pending = list(_not_submitted(campaign).values_list("pk", flat=True))
    transition(campaign, actor=actor, to=Campaign.Status.CLOSED, allowed=[Campaign.Status.OPEN],
               action=f"締切（未提出 {len(pending)} 件）", validate=True, locked=True)
    for response_id in pending:
        reminder_resolve(key=reminder_key(InspectionResponse, "submit", pk=response_id))
    return campaign


@dataclass
class RemindResult:
    notified: list  # responses whose officers were notified
    without_officer: list  # responses of sections that have no 保護責任者 to notify


@transaction.atomic
def campaign_remind_now(*, actor, campaign: Campaign, today: date) -> RemindResult:
    """「未提出の課に通知」: one notification to the officers of each section that has not submitted."""
    if campaign.status == Campaign.Status.CLOSED:
        raise ValidationError("締め切られた点検では通知できません。")
    result = RemindResult(notified=[], without_officer=[])
    for response in _not_submitted(campaign).select_related("unit").order_by("unit__code"):
        officers = officers_of(response.unit, today)
        if not officers:
            result.without_officer.append(response)
            continue
        notification_send(
            recipients=officers, subject=f"{campaign.title}（{response.unit.name}）の提出のお願い",
            body=f"点検日 {wareki(campaign.inspection_date)} の点検結果が未提出です。入力して提出してください。",
            url=response_url(response), related=response, due_date=campaign.inspection_date,
        )
        result.notified.append(response)
    if not result.notified and not result.without_officer:
        raise ValidationError("未提出の課・公所はありません。")
    _save(campaign, actor, f"未提出の課・公所に通知（{len(result.notified)} 件）")
    return result
