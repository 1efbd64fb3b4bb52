"""Every write of the audits module: actor and reason on each history row, states through transition()."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hogokan.audits.models import Finding, FindingProgress, FindingSource
from hogokan.core.calendar import wareki
from hogokan.core.history import link_change
from hogokan.core.services import reminder_key, reminder_resolve, reminder_schedule, save_with_history
from hogokan.core.workflow import send_back, transition
from hogokan.org.api import chiefs_on, managers_above, officers_of

S = Finding.Status
FINDING_FIELDS = ("number", "category", "text", "response", "due_date")
UNIT_REQUIRED = "担当課を1つ以上選んでください（指摘事項には対応する課が必要です）。"


def _url(finding: Finding) -> str:
    return reverse("audits:finding_detail", args=[finding.pk])


# ---- sources --------------------------------------------------------------------------------------

@transaction.atomic
def source_save(*, actor, source: FindingSource | None = None, **values) -> FindingSource:
    """Register (``source`` None) or change where findings come from."""
    creating = source is None
    source = source or FindingSource(created_by=actor)
    for name, value in values.items():
        if name not in ("kind", "title", "fiscal_year", "held_on", "note"):
            raise TypeError(f"unknown source field {name}")
        setattr(source, name, value)
    return save_with_history(source, actor, "出典の登録" if creating else "出典の変更")


# ---- findings -------------------------------------------------------------------------------------

def _unit_names(units) -> list[str]:
    return sorted(unit.name for unit in units)


def next_number(source: FindingSource) -> int:
    last = source.findings.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def finding_save(*, actor, source: FindingSource | None = None, finding: Finding | None = None,
                 units: Iterable | None = None, reason: str = "", **values) -> Finding:
    """Register a finding (``source`` given) or change one; ``units`` (担当課) are required, at least one."""
    creating = finding is None
    if creating:
        if source is None:
            raise ValidationError({"source": "出典を選んでください。"})
        FindingSource.objects.select_for_update().filter(pk=source.pk).values_list("pk", flat=True).get()
        finding = Finding(source=source)
        if not values.get("number"):
            values["number"] = next_number(source)
    for name, value in values.items():
        if name not in FINDING_FIELDS:
            raise TypeError(f"unknown finding field {name}")
        setattr(finding, name, value)
    before = [] if creating else _unit_names(finding.units.all())
    if units is None and creating:
        units = []
    if units is not None:
        units = list(units)
        if not units:
            raise ValidationError({"units": UNIT_REQUIRED})
    finding.full_clean(validate_unique=False, validate_constraints=False)
    if Finding.objects.filter(source=finding.source, number=finding.number).exclude(pk=finding.pk).exists():
        raise ValidationError({"number": f"項番{finding.number}はこの出典で既に使われています。"})
    after = _unit_names(units) if units is not None else before
    changed = link_change("担当課", before, after) if before != after else ""
    base = reason or ("指摘事項の登録" if creating else "指摘事項の変更")
    finding = save_with_history(finding, actor, f"{base}（{changed}）" if changed else base, validate=False)
    if units is not None:
        finding.units.set(units)
    schedule_reminder(finding)
    return finding


def due_key(finding: Finding) -> str:
    """The due-date reminder's key; a finding sent back gets a new one (a resolved reminder stays resolved)."""
    reopened = finding.history.filter(history_change_reason__startswith="差戻し").count()
    return reminder_key(finding, "due", *([f"reopened-{reopened}"] if reopened else []))


def schedule_reminder(finding: Finding, today: date | None = None) -> None:
    """An open finding with a due date reminds the responsible units' officers; after it, their managers and
    the office hear of it. Reported or done: no more reminders."""
    key = due_key(finding)
    if finding.status != S.OPEN or finding.due_date is None:
        reminder_resolve(key=key)
        return
    today = today or timezone.localdate()
    units = list(finding.units.all())
    recipients = [user for unit in units for user in officers_of(unit, today)]
    escalate = [user for unit in units for user in managers_above(unit, today)] + chiefs_on(today)
    reminder_schedule(key=key, subject=f"指摘事項への対応の期限（{finding.source.title} 項番{finding.number}）",
                      due_date=finding.due_date, recipients=recipients or chiefs_on(today), escalate_to=escalate,
                      url=_url(finding), related=finding, remind_days_before=(30, 7, 1, 0))


@transaction.atomic
def progress_add(*, actor, finding: Finding, recorded_on: date, text: str, response: str | None = None) -> FindingProgress:
    """A dated progress entry; ``response`` (対応内容) replaces the finding's summary of the response when given."""
    if not (text or "").strip():
        raise ValidationError({"text": "対応の経過を入力してください。"})
    if finding.status == S.DONE:
        raise ValidationError("済みの指摘事項には経過を追加できません。")
    entry = FindingProgress(finding=finding, recorded_on=recorded_on, text=text.strip(), recorded_by=actor)
    save_with_history(entry, actor, "対応の経過の記録")
    if response is not None and response.strip() != finding.response:
        finding.response = response.strip()
        save_with_history(finding, actor, "対応内容の更新")
    return entry


@transaction.atomic
def finding_report_done(*, actor, finding: Finding, response: str = "") -> Finding:
    """完了報告: the responsible section says the response is complete; the office confirms (済み) or returns it."""
    response = (response or "").strip() or finding.response
    if not response.strip():
        raise ValidationError({"response": "対応内容を入力してから完了を報告してください。"})
    transition(finding, actor=actor, to=S.REPORTED, allowed=[S.OPEN], action="完了報告",
               changes={"response": response, "reported_on": timezone.localdate()})
    schedule_reminder(finding)
    return finding


@transaction.atomic
def finding_confirm(*, actor, finding: Finding, note: str = "") -> Finding:
    """済み: the office confirms the response (from a 完了報告, or directly for a response it checked itself)."""
    def check(obj):
        if not obj.response.strip():
            raise ValidationError({"response": "対応内容のない指摘事項は済みにできません。"})

    transition(finding, actor=actor, to=S.DONE, allowed=[S.OPEN, S.REPORTED], action="済み（事務局の確認）",
               reason=note, check=check,
               changes={"confirmed_on": timezone.localdate(), "confirmed_by": actor})
    schedule_reminder(finding)
    return finding


@transaction.atomic
def finding_return(*, actor, finding: Finding, comment: str) -> Finding:
    """差戻し of a 完了報告 (or of 済み, reopened by the office) with a required comment."""
    send_back(finding, actor=actor, to=S.OPEN, allowed=[S.REPORTED, S.DONE], comment=comment,
              changes={"reported_on": None, "confirmed_on": None, "confirmed_by": None})
    schedule_reminder(finding)
    return finding


def finding_label(finding: Finding) -> str:
    due = f"（期限 {wareki(finding.due_date)}）" if finding.due_date else ""
    return f"{finding.source.title} 項番{finding.number}{due}"
