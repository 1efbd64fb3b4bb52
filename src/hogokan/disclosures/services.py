"""Every write of the data-subject requests: receipt, 補正, extension, 特例, hearings, decisions, appeals.

Each write validates, keeps the history (actor and reason), recomputes the deadlines with
``rules.request_deadline`` and re-arms the reminder of the request.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hogokan.core import numbering
from hogokan.core.calendar import body_calendar, fiscal_year, wareki
from hogokan.core.history import link_change, with_links
from hogokan.core.services import (
    notification_send,
    reminder_key,
    reminder_resolve,
    reminder_schedule,
    save_with_history,
)
from hogokan.core.workflow import lock
from hogokan.disclosures import rules
from hogokan.disclosures.models import (
    ANY_KIND_DECISIONS,
    DECISIONS_BY_KIND,
    DISCLOSING,
    GROUNDS,
    WITH_GROUNDS,
    Appeal,
    Correction,
    DataSubjectRequest,
    Decision,
    Hearing,
    RequestUnit,
)
from hogokan.org.api import chiefs_on, officers_of
from hogokan.org.models import OrgUnit

_save = save_with_history


def deadline_of(request: DataSubjectRequest, today: date | None = None) -> rules.RequestDeadline:
    corrections = [rules.CorrectionPeriod(c.requested_on, c.received_on) for c in request.corrections.all()]
    return rules.request_deadline(
        request.kind, request.received_on, corrections,
        extended=bool(request.extension_days), extension_days=request.extension_days or rules.MAX_EXTENSION,
        period_days=settings.HOGOKAN_DISCLOSURE_PERIOD_DAYS, calendar=body_calendar(),
        closed_day_policy=settings.HOGOKAN_DISCLOSURE_DEADLINE_ON_CLOSED_DAY,
        today=today or timezone.localdate(),
    )


def is_decided(request: DataSubjectRequest) -> bool:
    """Every handling unit has a decision (or the request is withdrawn)."""
    if request.withdrawn_on:
        return True
    unit_ids = set(request.units.values_list("unit_id", flat=True))
    decided = set(request.decisions.values_list("unit_id", flat=True))
    return bool(unit_ids) and unit_ids <= decided


def _refresh(request: DataSubjectRequest, actor, reason: str) -> DataSubjectRequest:
    """Recompute the stored deadlines and the reminder after any change."""
    try:
        deadline = deadline_of(request)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    request.due_date, request.extended_due_date = deadline.due, deadline.extended_due
    request.recommended_by = deadline.recommended_by
    request.is_open = not is_decided(request)
    _save(request, actor, reason, validate=False)
    # One reminder per stretch of the clock: a 補正 stops it (法77③), its receipt starts a new reminder.
    corrections = list(request.corrections.all())
    received = sum(1 for correction in corrections if correction.received_on)
    keys = [reminder_key(request, "decision")] + [
        reminder_key(request, "decision", f"after-correction-{n}") for n in range(1, received + 1)]
    waiting = len(corrections) > received
    for old_key in keys[:-1]:
        reminder_resolve(key=old_key)
    key = keys[-1]
    if not request.is_open or waiting:
        reminder_resolve(key=key)
        return request
    units = list(OrgUnit.objects.filter(pk__in=request.units.values_list("unit_id", flat=True)))
    today = timezone.localdate()
    recipients = [user for unit in units for user in officers_of(unit, today)] or chiefs_on(today)
    reminder_schedule(
        key=key, subject=f"{request.get_kind_display()} {request.number} の決定期限",
        body=f"推奨決定日: {wareki(deadline.recommended_by)}", due_date=deadline.effective_due,
        recipients=recipients, escalate_to=chiefs_on(today),
        url=reverse("disclosures:detail", args=[request.pk]), related=request,
        remind_days_before=settings.HOGOKAN_DISCLOSURE_REMIND_DAYS,
    )
    return request


def _name_from_file(request: DataSubjectRequest) -> None:
    """A chosen 個人情報ファイル簿 gives its name when no name was typed."""
    if request.personal_info_file_id and not request.file_or_affair_name.strip():
        request.file_or_affair_name = request.personal_info_file.name


def _next_number(received_on: date) -> str:
    """受付番号 "YYYY-NNNN": the fiscal year of receipt, counted across the body."""
    year = fiscal_year(received_on)
    sequence = numbering.next_number("disclosures.request", year, initial=lambda: numbering.highest_sequence(
        DataSubjectRequest.objects.filter(number__startswith=f"{year}-").values_list("number", flat=True)))
    return numbering.format_number(year, sequence, width=4)


@transaction.atomic
def request_receive(*, actor, units: list[OrgUnit], **fields) -> DataSubjectRequest:
    """Register a request received by the office with the units that must decide on it."""
    if not units:
        raise ValidationError({"units": "担当課を1つ以上選んでください。"})
    organ_ids = {unit.organ_id for unit in units}
    if fields.get("organ") is not None and organ_ids != {fields["organ"].pk}:
        raise ValidationError({"units": "担当課は請求を受けた実施機関の組織から選んでください。"})
    request = DataSubjectRequest(**fields)
    _name_from_file(request)
    if request.received_on and request.received_on > timezone.localdate():
        raise ValidationError({"received_on": "受付日が未来の日付です。"})
    if not request.number and request.received_on:
        request.number = _next_number(request.received_on)
    _save(request, actor, "受付")
    for unit in units:
        _save(RequestUnit(request=request, unit=unit), actor, "担当課の指定")
    request = _refresh(request, actor, "期限の計算")
    _tell_units(request, units)
    return request


def due_text(request: DataSubjectRequest) -> str:
    """「決定期限 令和8年12月27日（日）（推奨決定日 12月25日（金））」: a due date on a closed day never alone."""
    due = request.extended_due_date or request.due_date
    if due is None:
        return ""
    text = f"決定期限 {wareki(due, weekday=True)}"
    if request.recommended_by and request.recommended_by != due:
        text += f"（休庁日のため {wareki(request.recommended_by, weekday=True)} までの決定を推奨）"
    return text


def _tell_units(request: DataSubjectRequest, units) -> None:
    """The 担当課 hear of a new request at once, not only in the last days before its due date."""
    today = timezone.localdate()
    recipients = [user for unit in units for user in officers_of(unit, today)]
    if recipients:
        notification_send(recipients=recipients, related=request,
                          subject=f"【新しい{request.get_kind_display()}】{request.number} の決定をお願いします",
                          body=f"受付日 {wareki(request.received_on)}。{due_text(request)}。",
                          url=reverse("disclosures:detail", args=[request.pk]))


@transaction.atomic
def request_update(*, actor, request: DataSubjectRequest, units: list[OrgUnit] | None = None,
                   reason: str = "", **fields) -> DataSubjectRequest:
    for name, value in fields.items():
        setattr(request, name, value)
    _name_from_file(request)
    units_change = ""
    if units is not None:
        if not units:
            raise ValidationError({"units": "担当課を1つ以上選んでください。"})
        if {unit.organ_id for unit in units} != {request.organ_id}:
            raise ValidationError({"units": "担当課は請求を受けた実施機関の組織から選んでください。"})
        keep = {unit.pk for unit in units}
        decided = set(request.decisions.values_list("unit_id", flat=True))
        if decided - keep:
            raise ValidationError({"units": "決定を記録した担当課は外せません。"})
        before = [link.unit.name for link in request.units.select_related("unit")]
        units_change = link_change("担当課", before, [unit.name for unit in units])
    _save(request, actor, with_links(reason or "修正", units_change))
    if units is not None:
        # A unit with no decision is a mere link: its removal is in the request's history (above)
        # and in the link's own 削除 row with the actor and reason.
        for link in request.units.exclude(unit_id__in=keep):
            link._history_user, link._change_reason = actor, "担当課の解除"
            link.delete()
        existing = set(request.units.values_list("unit_id", flat=True))
        for unit in units:
            if unit.pk not in existing:
                _save(RequestUnit(request=request, unit=unit), actor, "担当課の追加")
    return _refresh(request, actor, "期限の再計算")


def _check_date(request: DataSubjectRequest, day: date | None, field: str, label: str) -> None:
    if day and day < request.received_on:
        raise ValidationError({field: f"{label}が請求の受付日（{wareki(request.received_on)}）より前です。"})


@transaction.atomic
def correction_request(*, actor, request: DataSubjectRequest, requested_on: date, content: str = "",
                       received_on: date | None = None) -> Correction:
    """補正を求める (法77③); the days until the correction arrives, both included, stop the clock."""
    _check_date(request, requested_on, "requested_on", "補正を求めた日")
    correction = _save(Correction(request=request, requested_on=requested_on, received_on=received_on,
                                  content=content), actor, "補正の求め")
    _refresh(request, actor, "補正により期限を再計算")
    return correction


@transaction.atomic
def correction_receive(*, actor, correction: Correction, received_on: date) -> Correction:
    correction.received_on = received_on
    _save(correction, actor, "補正の受領")
    _refresh(correction.request, actor, "補正により期限を再計算")
    return correction


@transaction.atomic
def request_extend(*, actor, request: DataSubjectRequest, days: int, reason: str,
                   notified_on: date | None) -> DataSubjectRequest:
    """法83②: at most 30 days, the reason and the period notified in writing."""
    article = rules.ARTICLES[request.kind][1]
    if not 1 <= days <= rules.MAX_EXTENSION:
        raise ValidationError({"days": f"延長できるのは1日以上{rules.MAX_EXTENSION}日以下です（{article}）。"})
    if not reason.strip():
        raise ValidationError({"reason": f"延長の理由を入力してください（{article}、書面で通知します）。"})
    _check_date(request, notified_on, "notified_on", "延長の通知日")
    due = deadline_of(request).due
    if notified_on and notified_on > due:
        raise ValidationError({"notified_on": f"延長の通知は当初の期限（{wareki(due)}）までに行う必要があります。"})
    request.extension_days, request.extension_reason, request.extension_notified_on = days, reason, notified_on
    return _refresh(request, actor, f"期限の延長（{days}日）")


@transaction.atomic
def request_special(*, actor, request: DataSubjectRequest, reason: str, notified_on: date | None,
                    remaining_by: date | None) -> DataSubjectRequest:
    """特例 (法84/95/103): notice within the first period, the rest within a 相当の期間."""
    article = rules.ARTICLES[request.kind][2]
    if not reason.strip():
        raise ValidationError({"reason": f"特例（{article}）を適用する理由を入力してください。"})
    _check_date(request, notified_on, "notified_on", "特例の通知日")
    notice_by = deadline_of(request).special_notice_by
    if notified_on and notified_on > notice_by:
        raise ValidationError({"notified_on": f"特例の通知は{wareki(notice_by)}までに行う必要があります（{article}）。"})
    if remaining_by and remaining_by <= notice_by:
        raise ValidationError({"remaining_by": "残りの部分の期限は当初の期限より後の日にしてください。"})
    request.special_reason, request.special_notified_on = reason, notified_on
    request.special_remaining_by = remaining_by
    return _refresh(request, actor, f"特例（{article}）の適用")


@transaction.atomic
def hearing_add(*, actor, request: DataSubjectRequest, hearing: Hearing | None = None, **fields) -> Hearing:
    """Record (or update, e.g. with the answer) a third party's hearing (法86)."""
    hearing = hearing or Hearing(request=request)
    for name, value in fields.items():
        setattr(hearing, name, value)
    _check_date(request, hearing.sent_on, "sent_on", "意見照会日")
    if hearing.answered_on and hearing.answered_on < hearing.sent_on:
        raise ValidationError({"answered_on": "意見書の受領日が意見照会日より前です。"})
    return _save(hearing, actor, "第三者への意見照会（法86）" if hearing._state.adding else "意見照会の更新")


def _check_grounds(decision_type: str, grounds: list[str]) -> list[str]:
    grounds = sorted({str(ground) for ground in grounds})
    unknown = [ground for ground in grounds if ground not in GROUNDS]
    if unknown:
        raise ValidationError({"grounds": f"法78①の号は1〜7で指定してください（{'、'.join(unknown)}）。"})
    if decision_type in WITH_GROUNDS and not grounds:
        raise ValidationError({"grounds": "部分開示・不開示・存否応答拒否のときは不開示情報（法78①の号）を選んでください。"})
    if decision_type not in WITH_GROUNDS and grounds:
        raise ValidationError({"grounds": "この決定の種類では不開示情報（法78①の号）は選べません。"})
    return grounds


@transaction.atomic
def decision_record(*, actor, request: DataSubjectRequest, unit: OrgUnit, type: str, decided_on: date,
                    grounds: list[str] = (), notified_on: date | None = None, reason: str = "",
                    decision: Decision | None = None) -> Decision:
    """One decision per unit (法82, 93, 101): type, 法78 grounds, decision and notice dates."""
    if not request.units.filter(unit=unit).exists():
        raise ValidationError({"unit": "この請求の担当課ではありません。"})
    allowed = DECISIONS_BY_KIND[request.kind] | ANY_KIND_DECISIONS
    if type not in allowed:
        raise ValidationError({"type": f"{request.get_kind_display()}に対しては選べない決定の種類です。"})
    _check_date(request, decided_on, "decided_on", "決定日")
    if notified_on and notified_on < decided_on:
        raise ValidationError({"notified_on": "通知日が決定日より前です。"})
    grounds = _check_grounds(type, list(grounds))
    if decision is None:
        if request.decisions.filter(unit=unit).exists():
            raise ValidationError({"unit": f"{unit.name}の決定はすでに記録されています（修正は決定の編集から）。"})
        decision = Decision(request=request, unit=unit)
    decision.type, decision.decided_on, decision.grounds = type, decided_on, grounds
    decision.notified_on, decision.reason = notified_on, reason
    _save(decision, actor, "決定の記録")
    _refresh(request, actor, "決定の記録")
    return decision


def fee_for(method: str, pages: int | None) -> int:
    if method == Decision.Method.COPY:
        return (pages or 0) * settings.HOGOKAN_DISCLOSURE_FEE_PER_PAGE
    if method == Decision.Method.ELECTRONIC:
        return settings.HOGOKAN_DISCLOSURE_FEE_ELECTRONIC
    return 0


@transaction.atomic
def disclosure_execute(*, actor, decision: Decision, method: str, exercise_requested_on: date | None,
                       disclosed_on: date | None, pages: int | None = None, fee: int | None = None) -> Decision:
    """開示の実施 (法87): the way, the 申出 date, the disclosure date and the fee."""
    if decision.type not in DISCLOSING:
        raise ValidationError({"method": "開示の実施は全部開示・部分開示の決定についてだけ記録できます。"})
    if method not in Decision.Method.values or not method:
        raise ValidationError({"method": "開示の実施方法を選んでください。"})
    if disclosed_on and disclosed_on < decision.decided_on:
        raise ValidationError({"disclosed_on": "開示の実施日が決定日より前です。"})
    if exercise_requested_on and exercise_requested_on < decision.decided_on:
        raise ValidationError({"exercise_requested_on": "実施の申出日が決定日より前です。"})
    objection = decision.request.hearings.filter(objection=True).exists()
    if objection and disclosed_on and disclosed_on < rules.earliest_disclosure_after_objection(decision.decided_on):
        earliest = rules.earliest_disclosure_after_objection(decision.decided_on)
        raise ValidationError({"disclosed_on": f"第三者が反対しているため、開示は{wareki(earliest)}以降に実施してください"
                                               "（法86③: 決定日と実施日の間に2週間以上）。"})
    decision.method, decision.exercise_requested_on, decision.disclosed_on = method, exercise_requested_on, disclosed_on
    decision.pages = pages
    decision.fee = fee if fee is not None else fee_for(method, pages)
    return _save(decision, actor, "開示の実施")


@transaction.atomic
def request_withdraw(*, actor, request: DataSubjectRequest, withdrawn_on: date, note: str = "") -> DataSubjectRequest:
    """取下げ: every unit without a decision gets a 取下げ decision (counted in the tables).

    A request has no workflow status (its clock is computed from dates, see ``_refresh``), so this
    uses ``core.workflow.lock`` rather than ``transition()``: a second 取下げ waits, then is refused.
    """
    lock(request)
    if request.withdrawn_on:
        raise ValidationError({"withdrawn_on": "この請求はすでに取り下げられています。"})
    _check_date(request, withdrawn_on, "withdrawn_on", "取下げ日")
    request.withdrawn_on, request.withdrawal_note = withdrawn_on, note
    _save(request, actor, "取下げ")
    decided = set(request.decisions.values_list("unit_id", flat=True))
    for link in request.units.select_related("unit"):
        if link.unit_id not in decided:
            _save(Decision(request=request, unit=link.unit, type=Decision.Type.WITHDRAWN, decided_on=withdrawn_on),
                  actor, "取下げ")
    return _refresh(request, actor, "取下げ")


@transaction.atomic
def appeal_save(*, actor, request: DataSubjectRequest, appeal: Appeal | None = None, **fields) -> Appeal:
    appeal = appeal or Appeal(request=request)
    for name, value in fields.items():
        setattr(appeal, name, value)
    if appeal.decision_id and appeal.decision.request_id != request.pk:
        raise ValidationError({"decision": "この請求の決定を選んでください。"})
    _check_date(request, appeal.filed_on, "filed_on", "審査請求日")
    return _save(appeal, actor, "審査請求")
