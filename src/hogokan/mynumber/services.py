"""Every write of the 番号法 administration, validated, with history naming the actor and a reason."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from hogokan.core.calendar import wareki
from hogokan.core.services import (
    notification_send,
    reminder_key,
    reminder_resolve,
    reminder_schedule,
    save_with_history,
)
from hogokan.mynumber import rules
from hogokan.mynumber.models import Designation, LedgerEntry
from hogokan.mynumber.selectors import facts_of, gaps_on
from hogokan.org.api import assignment_periods, chiefs_on, officers_of
from hogokan.org.models import OrgUnit

REMINDER_PURPOSE = "mynumber-designee"


# ---- 事務取扱担当者 -----------------------------------------------------------------------------------

@transaction.atomic
def designation_create(*, actor, person, unit: OrgUnit, start: date, file=None, affair=None,
                       reason: str = "") -> Designation:
    """Name ``person`` 事務取扱担当者 of ``unit`` from ``start`` (for one file or affair, or for the whole unit).

    The person must work in the unit on ``start``; the same person cannot be named twice for the same scope."""
    designation = Designation(person=person, unit=unit, start=start, file=file, affair=affair, created_by=actor)
    designation.full_clean()
    periods = assignment_periods([person.pk], [unit.pk]).get((person.pk, unit.pk), [])
    if not any(rules.Span(begin, until).covers(start) for begin, until in periods):
        raise ValidationError({"person": f"{person.name}は{wareki(start)}に{unit.name}に配属されていません。"
                                         "所属の職員を指定してください。"})
    overlapping = Designation.objects.filter(person=person, unit=unit, file=file, affair=affair).filter(
        Q(end__isnull=True) | Q(end__gte=start))
    if overlapping.exists():
        raise ValidationError({"person": f"{person.name}は既にこの範囲の事務取扱担当者に指定されています。"})
    save_with_history(designation, actor, reason or "事務取扱担当者の指定", validate=False)
    _gap_reminders_refresh(unit, start)
    return designation


@transaction.atomic
def designation_end(*, actor, designation: Designation, end: date, reason: str = "",
                    end_reason: str = Designation.EndReason.LIFTED) -> Designation:
    """End a designation on ``end`` (the last day in office)."""
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    if designation.end is not None:
        raise ValidationError({"end": f"この指定は{wareki(designation.end)}に終了しています。"})
    if end < designation.start:
        raise ValidationError({"end": f"終了日は指定日（{wareki(designation.start)}）以降の日付にしてください。"})
    designation.end, designation.end_reason = end, end_reason
    default = "事務取扱担当者の指定の解除" if end_reason == Designation.EndReason.LIFTED else \
        "人事異動（所属での配属の終了）による指定の終了"
    save_with_history(designation, actor, reason or default)
    return designation


def designations_close_departed(*, today: date, actor=None, person_ids=None) -> list[Designation]:
    """End every open designation whose person no longer works in its unit (人事異動) on the last day of the
    assignment, and tell the unit's 保護責任者 (課長). Idempotent; run by the worker and after each 人事異動."""
    open_ones = Designation.objects.filter(end__isnull=True, start__lte=today).select_related("person", "unit")
    if person_ids is not None:
        open_ones = open_ones.filter(person_id__in=list(person_ids))
    open_ones = list(open_ones)
    facts = facts_of(open_ones)
    ended = []
    for designation in open_ones:
        last_day = rules.assignment_end_for(designation.start, facts[designation.pk].assignments)
        if not facts[designation.pk].assignments or (last_day is not None and last_day < today):
            last_day = max(designation.start, last_day or designation.start)
            ended.append(designation_end(actor=actor, designation=designation, end=last_day,
                                         end_reason=Designation.EndReason.ASSIGNMENT_ENDED))
            unit = designation.unit
            notification_send(
                recipients=officers_of(unit, today), related=designation,
                subject=f"事務取扱担当者の指定が終了しました: {designation.person.name}（{unit.name}）",
                body=f"{designation.person.name}の{unit.name}での配属が{wareki(last_day)}で終了したため、"
                     "事務取扱担当者の指定を終了しました。後任を指定してください。",
                url=reverse("mynumber:designation_list") + f"?unit={unit.pk}")
            _gap_reminders_refresh(unit, today)
    return ended


# ---- the monthly reminder of the gaps -----------------------------------------------------------------

def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def gap_reminders(today: date) -> int:
    """The monthly reminder: each unit without a 事務取扱担当者 this month gets one reminder (its 課長, escalated
    to the office after the month), keyed by unit and month; a unit whose gap closed has its reminder resolved."""
    month = f"{today:%Y-%m}"
    gaps = {gap.unit.pk: gap for gap in gaps_on(today)}
    for gap in gaps.values():
        reminder_schedule(
            key=reminder_key(OrgUnit, REMINDER_PURPOSE, month, pk=gap.unit.pk),
            subject=f"事務取扱担当者の指定: {gap.unit.name}（{gap.reason_label}）",
            body=f"{gap.unit.name}には特定個人情報ファイル{len(gap.files)}件がありますが、"
                 f"{wareki(today)}現在、事務取扱担当者がいません。指定してください。",
            due_date=_month_end(today), recipients=officers_of(gap.unit, today) or chiefs_on(today),
            escalate_to=chiefs_on(today), related=gap.unit, remind_days_before=(31, 7),
            url=reverse("mynumber:designation_list") + f"?unit={gap.unit.pk}")
    from hogokan.core.models import Reminder

    prefix = "org.orgunit:"
    suffix = f":{REMINDER_PURPOSE}:{month}"
    for key in Reminder.objects.filter(key__startswith=prefix, key__endswith=suffix,
                                       resolved_at__isnull=True).values_list("key", flat=True):
        unit_id = int(key[len(prefix):-len(suffix)])
        if unit_id not in gaps:
            reminder_resolve(key=key)
    return len(gaps)


def _gap_reminders_refresh(unit: OrgUnit, day: date) -> None:
    """A designation closed (or opened) a gap: resolve this month's reminder of the unit when it is closed."""
    if not any(gap.unit.pk == unit.pk for gap in gaps_on(day, unit_ids={unit.pk})):
        reminder_resolve(key=reminder_key(OrgUnit, REMINDER_PURPOSE, f"{day:%Y-%m}", pk=unit.pk))


# ---- 取扱状況記録簿 -----------------------------------------------------------------------------------

LEDGER_FIELDS = ("handled_on", "kind", "count", "purpose", "recipient", "handler", "checker", "note")


@transaction.atomic
def ledger_record(*, actor, file, handled_on: date, kind: str, count: int, handler, checker=None,
                  purpose: str = "", recipient: str = "", note: str = "", reason: str = "") -> LedgerEntry:
    """Write one line of the file's 取扱状況記録簿 (append-only: there is no change or delete)."""
    entry = LedgerEntry(file=file, unit_id=file.unit_id if file is not None else None, handled_on=handled_on,
                        kind=kind, count=count, handler=handler, checker=checker, purpose=(purpose or "").strip(),
                        recipient=(recipient or "").strip(), note=(note or "").strip(), recorded_by=actor)
    return save_with_history(entry, actor, reason or f"取扱状況の記録（{entry.get_kind_display()}）")


@transaction.atomic
def ledger_correct(*, actor, entry: LedgerEntry, reason: str, **fields) -> LedgerEntry:
    """A correction is a new line that names the line it corrects and why; the old line stays as written."""
    unknown = set(fields) - set(LEDGER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    values = {name: getattr(entry, name) for name in LEDGER_FIELDS}
    values.update(fields)
    correction = LedgerEntry(file=entry.file, unit=entry.unit, corrects=entry, correction_reason=(reason or "").strip(),
                             recorded_by=actor, **values)
    return save_with_history(correction, actor, f"記録の訂正: {(reason or '').strip()}")
