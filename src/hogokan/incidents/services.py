"""Every write of an incident, a measure or a near miss: validated, with history, a timeline line,
the PPC decision recomputed from the facts, the search index and the reminders kept in step."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hogokan.core import numbering
from hogokan.core.calendar import fiscal_year, wareki
from hogokan.core.history import display_name, link_change, with_links
from hogokan.core.services import (
    notification_send,
    reminder_key,
    reminder_resolve,
    reminder_schedule,
    save_with_history,
)
from hogokan.core.workflow import transition
from hogokan.incidents import ppc, rules, search
from hogokan.incidents.catalogue import DEFAULT_ITEMS
from hogokan.incidents.models import DataItem, Incident, NearMiss, PpcReport, PreventiveMeasure, TimelineEntry
from hogokan.org.api import chiefs_on, managers_above, officers_of

STATUS_ORDER = [Incident.Status.RECEIVED, Incident.Status.INVESTIGATING, Incident.Status.RESPONDING,
                Incident.Status.PREVENTING, Incident.Status.CLOSED]
FACT_FIELDS = ("title", "unit", "occurred_on", "learned_on", "learned_how", "discoverer", "discovered_by",
               "discovered_how", "discovered_at", "summary", "data_items_note",
               "persons", "persons_is_estimate", "medium", "kind", "cause", "cause_detail", "initial_response",
               "secondary_damage_status", "secondary_damage", "contractor_involved", "contract", "contractor_name", "strongly_encrypted",
               "malicious", "published_on_web", "my_number_system", "fact_answers")
NOTICE_FIELDS = ("notice_status", "notice_date", "notice_method", "notice_exemption", "substitute_measure",
                 "notice_exemption_reason", "published_on", "publication_note")
REPORT_FIELDS = ("preliminary_reported_on", "final_reported_on")
MEASURE_FIELDS = ("description", "owner", "due_date", "status", "done_on", "evidence", "evaluation", "review_due",
                  "reviewed_on")


def catalogue_ensure() -> None:
    """The default item catalogue, when an empty database (a fresh test, a flushed DB) has none."""
    if DataItem.objects.exists():
        return
    for order, (name, sensitive, ordinance, prop, my_number) in enumerate(DEFAULT_ITEMS, start=1):
        DataItem.objects.get_or_create(name=name, defaults={
            "sensitive": sensitive, "ordinance_sensitive": ordinance, "property_risk": prop,
            "my_number": my_number, "order": order * 10})


# ---- the decision ---------------------------------------------------------------------------------

def facts_of(incident: Incident, items=None) -> rules.BreachFacts:
    """The facts the rules use, read from the record and its item list (the catalogue's marks)."""
    if items is None:
        items = list(incident.data_items.all()) if incident.pk else []
    answers = incident.fact_answers or {}
    known = {
        "sensitive": any(item.sensitive for item in items) or answers.get("sensitive") == "yes",
        "property_risk": any(item.property_risk for item in items) or answers.get("property_risk") == "yes",
        "my_number": (any(item.my_number for item in items) or incident.my_number_system != "none"
                      or answers.get("my_number") == "yes"),
        "malicious": incident.malicious or answers.get("malicious") == "yes",
        "strongly_encrypted": incident.strongly_encrypted or answers.get("strongly_encrypted") == "yes",
    }
    # A fact is unknown while the first report said 「分からない」 and nothing since has established it.
    unknown = frozenset(name for name, value in answers.items() if value == "unknown" and not known.get(name))
    return rules.BreachFacts(
        learned_on=incident.learned_on, persons=incident.persons, persons_is_estimate=incident.persons_is_estimate,
        sensitive=known["sensitive"], ordinance_sensitive=any(item.ordinance_sensitive for item in items),
        property_risk=known["property_risk"], malicious=known["malicious"],
        strongly_encrypted=known["strongly_encrypted"], my_number=known["my_number"],
        my_number_system=incident.my_number_system, published_on_web=incident.published_on_web, unknown=unknown,
    )


def decision_of(incident: Incident, items=None) -> rules.BreachDecision:
    return rules.decide(facts_of(incident, items), rules.timing_from_settings())


def _apply_decision(incident: Incident, items=None) -> rules.BreachDecision:
    decision = decision_of(incident, items)
    incident.report_required, incident.report_pending = decision.report_required, decision.pending
    incident.report_laws, incident.report_grounds = decision.laws, decision.grounds
    incident.preliminary_due, incident.final_due = decision.preliminary_due, decision.final_due
    return decision


def _decision_summary(incident: Incident) -> str:
    if incident.report_pending:
        return f"判定未了（未確認の事実があります。報告が必要な場合の速報の目安 {wareki(incident.preliminary_due)}）"
    if not incident.report_required:
        return "報告不要"
    grounds = "、".join(incident.ground_labels) or "ガイドラインに基づく報告"
    return f"報告が必要（{grounds}）、確報期限 {wareki(incident.final_due)}"


# ---- people to tell ---------------------------------------------------------------------------

def _responsible(incident: Incident, day: date) -> list:
    return officers_of(incident.unit, day) + chiefs_on(day)


def _url(incident: Incident) -> str:
    return reverse("incidents:detail", args=[incident.pk])


def _schedule_reminders(incident: Incident) -> None:
    """速報 target and 確報 due reach the section head and the chief; overdue goes to the managers too."""
    keys = (reminder_key(incident, "preliminary"), reminder_key(incident, "final"))
    if incident.report_pending and incident.status != Incident.Status.CLOSED:
        # 判定未了: the facts must be established before the 速報 target; no 確報 is due yet.
        reminder_resolve(key=keys[1])
        today = timezone.localdate()
        reminder_schedule(key=keys[0], subject=f"判定未了の事案: 事実を確認してください（{incident.title}）",
                          due_date=incident.preliminary_due, recipients=_responsible(incident, today),
                          escalate_to=chiefs_on(today), url=_url(incident), related=incident,
                          remind_days_before=(2, 0), escalate_after_days=0)
        return
    if not incident.report_required or incident.status == Incident.Status.CLOSED:
        for key in keys:
            reminder_resolve(key=key)
        return
    today = timezone.localdate()
    recipients = _responsible(incident, today)
    escalate = managers_above(incident.unit, today) + chiefs_on(today)
    if incident.preliminary_reported_on or incident.final_reported_on:
        reminder_resolve(key=keys[0])
    else:
        reminder_schedule(key=keys[0], subject=f"個人情報保護委員会への速報（{incident.title}）",
                          due_date=incident.preliminary_due, recipients=recipients, escalate_to=escalate,
                          url=_url(incident), related=incident, remind_days_before=(2, 0), escalate_after_days=0)
    if incident.final_reported_on:
        reminder_resolve(key=keys[1])
    else:
        reminder_schedule(key=keys[1], subject=f"個人情報保護委員会への確報（{incident.title}）",
                          due_date=incident.final_due, recipients=recipients, escalate_to=escalate,
                          url=_url(incident), related=incident, remind_days_before=(14, 7, 3, 1, 0),
                          escalate_after_days=0)


# ---- timeline -----------------------------------------------------------------------------------

def _log(incident: Incident, actor, text: str, source: str = TimelineEntry.Source.SYSTEM) -> TimelineEntry:
    return TimelineEntry.objects.create(incident=incident, at=timezone.now(), actor=actor, source=source, text=text)


@transaction.atomic
def timeline_add(*, actor, incident: Incident, text: str, at=None) -> TimelineEntry:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "経過の内容を入力してください。"})
    if len(text) > 2000:
        raise ValidationError({"text": "経過の内容は2000文字以内で入力してください。"})
    entry = TimelineEntry(incident=incident, at=at or timezone.now(), actor=actor,
                          source=TimelineEntry.Source.MANUAL, text=text)
    entry.full_clean()
    entry.save()
    return entry


def _display(incident: Incident, name: str, value) -> str:
    field = Incident._meta.get_field(name)
    if value in (None, ""):
        return "（なし）"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{wareki(local.date())} {local:%H:%M}"
    if isinstance(value, date):
        return wareki(value)
    return str(value)


def _changes(incident: Incident, before: dict, names) -> list[str]:
    lines = []
    for name in names:
        old, new = before.get(name), getattr(incident, name)
        if old == new:
            continue
        label = Incident._meta.get_field(name).verbose_name
        if isinstance(new, str) and len(new) > 60 or isinstance(old, str) and len(old or "") > 60:
            lines.append(f"{label}を更新")
        else:
            lines.append(f"{label}: {_display(incident, name, old)} → {_display(incident, name, new)}")
    return lines


def _reindex(incident: Incident) -> None:
    search.index(search.INCIDENT, incident.pk, search.incident_text(incident))


# ---- incidents ------------------------------------------------------------------------------------

def _next_number(learned_on: date) -> str:
    """事案番号 "YYYY-NNN": the fiscal year of the day the incident was learned of, counted across the body."""
    year = fiscal_year(learned_on)
    sequence = numbering.next_number("incidents.incident", year, initial=lambda: numbering.highest_sequence(
        Incident.objects.filter(number__startswith=f"{year}-").values_list("number", flat=True)))
    return numbering.format_number(year, sequence, width=3)


@transaction.atomic
def incident_report(*, actor, title: str, unit, learned_on: date, persons: int, summary: str = "",
                    persons_is_estimate: bool = False, contract=None, data_items=(), **facts) -> Incident:
    """第一報: the first facts (what, when, how many, which unit); the section head and the chief hear at once."""
    incident = Incident(title=title, unit=unit, learned_on=learned_on, persons=persons, summary=summary,
                        persons_is_estimate=persons_is_estimate, reported_by=actor, contract=contract)
    if contract is not None:
        incident.contractor_involved = True
        incident.contractor_name = contract.contractor_name
    for name, value in facts.items():
        if name not in FACT_FIELDS:
            raise TypeError(f"unknown incident field {name}")
        setattr(incident, name, value)
    incident.full_clean(exclude=["number"])
    _apply_decision(incident, list(data_items))
    incident.number = _next_number(learned_on)
    reason = with_links("第一報", link_change("個人情報の項目", [], [item.name for item in data_items]))
    save_with_history(incident, actor, reason, validate=False)
    if data_items:
        incident.data_items.set(data_items)
    who = display_name(actor)
    _log(incident, actor, f"第一報を受付（報告者: {who}、本人の数: {persons}人"
                          f"{'（概数）' if persons_is_estimate else ''}）。判定: {_decision_summary(incident)}")
    _reindex(incident)
    today = timezone.localdate()
    notification_send(recipients=_responsible(incident, today) + managers_above(incident.unit, today),
                      subject=f"【事故の第一報】{incident.unit.name}: {incident.title}",
                      body=f"判明日 {wareki(learned_on)}、本人の数 {persons}人。{_decision_summary(incident)}",
                      url=_url(incident), related=incident)
    _schedule_reminders(incident)
    return incident


@transaction.atomic
def incident_update(*, actor, incident: Incident, data_items=None, reason: str = "", **values) -> Incident:
    """Change facts, the notice or the report dates; the timeline says what changed and the decision follows."""
    allowed = FACT_FIELDS + NOTICE_FIELDS + REPORT_FIELDS
    before = {name: getattr(incident, name) for name in allowed}
    before_items = set(incident.data_items.values_list("name", flat=True))
    before_decision = (incident.report_required, list(incident.report_grounds), incident.final_due)
    for name, value in values.items():
        if name not in allowed:
            raise TypeError(f"unknown incident field {name}")
        setattr(incident, name, value)
    if incident.contract_id and not incident.contractor_name:
        incident.contractor_name = incident.contract.contractor_name
    if data_items is not None:
        incident.data_items.set(data_items)
    incident.full_clean()  # the dates' range (発生日・判明日) before the deadlines are computed from them
    _apply_decision(incident)
    lines = _changes(incident, before, allowed)
    after_items = set(incident.data_items.values_list("name", flat=True))
    if after_items != before_items:
        lines.append(f"個人情報の項目: {'・'.join(sorted(after_items)) or '（なし）'}")
    save_with_history(incident, actor, with_links(reason or "事案の更新",
                                                  link_change("個人情報の項目", before_items, after_items)))
    if lines:
        _log(incident, actor, "；".join(lines))
    if (incident.report_required, list(incident.report_grounds), incident.final_due) != before_decision:
        _log(incident, None, f"報告要否を再判定: {_decision_summary(incident)}")
    for stage, name in (("preliminary", "preliminary_reported_on"), ("final", "final_reported_on")):
        submitted = getattr(incident, name)
        if submitted and submitted != before[name]:
            _keep_submitted(actor, incident, stage, submitted)
    _reindex(incident)
    _schedule_reminders(incident)
    return incident


def _keep_submitted(actor, incident: Incident, stage: str, submitted_on: date) -> PpcReport:
    """The draft as it stands when the 速報 / 確報 is recorded as submitted: kept with the incident for good."""
    draft = ppc.draft_of(incident, stage)
    report = PpcReport(incident=incident, stage=stage, submitted_on=submitted_on, due_on=draft.due_on,
                       items=[item.as_dict() for item in draft.items], text=draft.text(), recorded_by=actor)
    save_with_history(report, actor, f"{draft.stage_label}の提出（報告内容の保存）")
    missing = f"（未確認の項目 {len(draft.missing)} 件）" if draft.missing else ""
    _log(incident, actor, f"{draft.stage_label}を提出（{wareki(submitted_on)}）: 報告内容を保存しました{missing}")
    return report


@transaction.atomic
def incident_recompute(*, incident: Incident) -> bool:
    """Decide again from the stored facts (the catalogue's marks or a setting may have changed).

    Returns True when the decision changed; the change is logged and the reminders follow.
    """
    before = (incident.report_required, list(incident.report_laws), list(incident.report_grounds),
              incident.preliminary_due, incident.final_due)
    _apply_decision(incident)
    after = (incident.report_required, list(incident.report_laws), list(incident.report_grounds),
             incident.preliminary_due, incident.final_due)
    if after == before:
        return False
    save_with_history(incident, None, "報告要否の再判定（項目の区分又は設定の変更）", validate=False)
    _log(incident, None, f"報告要否を再判定（項目の区分又は設定の変更による）: {_decision_summary(incident)}")
    _schedule_reminders(incident)
    return True


@transaction.atomic
def incident_set_status(*, actor, incident: Incident, status: str, note: str = "", may_go_back: bool = False) -> Incident:
    """Move the incident along STATUS_ORDER; back only for the office (``may_go_back``); 完了 needs the
    final report, the notice and every measure done."""
    if status not in Incident.Status.values:
        raise ValidationError({"status": "状態の選択肢から選んでください。"})
    wanted = STATUS_ORDER.index(status)
    allowed = [s for index, s in enumerate(STATUS_ORDER) if index < wanted or (may_go_back and index != wanted)]

    def refused(current: str) -> str:
        if current == status:
            return "現在と同じ状態です。"
        return "前の状態に戻せるのは事務局（総括保護管理者）だけです。"

    before = {}

    def check(incident: Incident) -> None:
        before["label"] = incident.get_status_display()  # read under the lock
        if status != Incident.Status.CLOSED:
            return
        problems = []
        if incident.report_required and not incident.final_reported_on:
            problems.append("個人情報保護委員会への確報の提出日を記録してください。")
        if incident.report_required and incident.notice_status == Incident.Notice.PENDING:
            problems.append("本人への通知の状況（通知済み又は通知しない理由）を記録してください。")
        if incident.measures.filter(status__in=[PreventiveMeasure.Status.PLANNED,
                                                PreventiveMeasure.Status.IN_PROGRESS]).exists():
            problems.append("実施が終わっていない再発防止策があります。")
        if problems:
            raise ValidationError({"status": problems})

    transition(incident, actor=actor, to=status, allowed=allowed, action="状態の変更", reason=note, check=check,
               refused=refused, error_field="status")
    text = f"状態: {before['label']} → {incident.get_status_display()}"
    _log(incident, actor, f"{text}（{note.strip()}）" if note.strip() else text)
    _schedule_reminders(incident)
    return incident


# ---- measures -------------------------------------------------------------------------------------

def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@transaction.atomic
def measure_save(*, actor, incident: Incident, measure: PreventiveMeasure | None = None, **values) -> PreventiveMeasure:
    """Add (``measure`` None, numbered ①②③ … in order) or change a recurrence-prevention measure."""
    from django.conf import settings

    creating = measure is None
    if creating:
        # The incident's row lock makes measures added at the same moment wait, so ①②③ are never taken twice.
        Incident.objects.select_for_update().filter(pk=incident.pk).values_list("pk", flat=True).get()
        last = incident.measures.order_by("-number").values_list("number", flat=True).first() or 0
        measure = PreventiveMeasure(incident=incident, number=last + 1)
    old_status = measure.get_status_display() if not creating else ""
    for name, value in values.items():
        if name not in MEASURE_FIELDS:
            raise TypeError(f"unknown measure field {name}")
        setattr(measure, name, value)
    if measure.status == PreventiveMeasure.Status.DONE and measure.done_on and not measure.review_due:
        measure.review_due = _add_months(measure.done_on, settings.HOGOKAN_MEASURE_REVIEW_MONTHS)
    save_with_history(measure, actor, "再発防止策の登録" if creating else "再発防止策の更新")
    if creating:
        _log(incident, actor, f"再発防止策{measure.label}を登録: {measure.description[:60]}")
    elif old_status != measure.get_status_display():
        _log(incident, actor, f"再発防止策{measure.label}: {old_status} → {measure.get_status_display()}")
    _reindex(incident)
    _schedule_measure_reminder(measure)
    return measure


def _schedule_measure_reminder(measure: PreventiveMeasure) -> None:
    key, review_key = reminder_key(measure, "due"), reminder_key(measure, "review")
    incident = measure.incident
    today = timezone.localdate()
    recipients = [measure.owner.user] if measure.owner and measure.owner.user_id else []
    recipients += officers_of(incident.unit, today)
    if measure.status in (PreventiveMeasure.Status.PLANNED, PreventiveMeasure.Status.IN_PROGRESS) and measure.due_date:
        reminder_schedule(key=key, subject=f"再発防止策{measure.label}の期限（{incident.title}）",
                          due_date=measure.due_date, recipients=recipients, url=_url(incident), related=incident,
                          escalate_to=chiefs_on(today))
    elif measure.status == PreventiveMeasure.Status.DONE and measure.review_due and not measure.reviewed_on:
        reminder_resolve(key=key)
        reminder_schedule(key=review_key, subject=f"再発防止策{measure.label}の見直し（{incident.title}）",
                          due_date=measure.review_due, recipients=recipients, url=_url(incident), related=incident)
    else:
        reminder_resolve(key=key)
        reminder_resolve(key=review_key)


# ---- near misses ------------------------------------------------------------------------------------

@transaction.atomic
def near_miss_create(*, actor, title: str, occurred_on: date, description: str, unit=None, medium: str = "",
                     kind: str = "", lesson: str = "", anonymous: bool = False) -> NearMiss:
    near_miss = NearMiss(title=title, occurred_on=occurred_on, description=description, unit=unit, medium=medium,
                         kind=kind, lesson=lesson, anonymous=anonymous, reported_by=None if anonymous else actor)
    # Anonymous reports keep no reporter, not even in the history.
    save_with_history(near_miss, None if anonymous else actor, "ヒヤリ・ハットの共有")
    search.index(search.NEAR_MISS, near_miss.pk, search.near_miss_text(near_miss))
    return near_miss
