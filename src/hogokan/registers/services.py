"""Every write of the registers: files and their life cycle, handling affairs' 届出, PIAs.

``actor`` is the acting user (its history row names them); the views and the API have checked the
scope (scoping.py) before calling.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hogokan.core.calendar import wareki
from hogokan.core.history import link_change, with_links
from hogokan.core.services import (
    notification_send,
    reminder_key,
    reminder_resolve,
    reminder_schedule,
    save_with_history,
)
from hogokan.core.workflow import require_state, send_back, transition
from hogokan.org.api import chiefs_on, managers_above, officers_of
from hogokan.registers import items, rules
from hogokan.registers.models import (
    PIA,
    AffairEvent,
    FileVersion,
    HandlingAffair,
    PersonalInfoFile,
    PIAChange,
)

FILE_FIELDS = [
    "name", "organ", "unit", "purpose", "record_items", "record_scope", "collection_method", "has_sensitive",
    "has_ordinance_sensitive", "regular_recipients", "request_office", "special_procedures", "processing",
    "anonymization_target", "proposal_office", "proposal_period", "remarks", "kind", "exemption", "exemption_note",
    "is_specific", "withheld",
]
Status = PersonalInfoFile.Status


# ---- files -------------------------------------------------------------------------------------

def _check_name(file: PersonalInfoFile) -> None:
    """A name is unique among the organ's files still on the register (the public finds files by name)."""
    clash = (PersonalInfoFile.objects.filter(organ_id=file.organ_id, name=file.name.strip())
             .exclude(status=Status.RETIRED).exclude(pk=file.pk))
    if clash.exists():
        raise ValidationError({"name": f"「{file.name}」という名称のファイルはこの実施機関に既にあります。"})


def _apply(file: PersonalInfoFile, data: dict) -> list[HandlingAffair] | None:
    affairs = data.pop("handling_affairs", None)
    for key, value in data.items():
        if key not in FILE_FIELDS:
            raise ValueError(f"unknown field {key}")
        if isinstance(value, str):
            value = value.strip()
        setattr(file, key, value)
    if file.kind == PersonalInfoFile.Kind.STATUTORY:
        file.exemption_note = file.exemption_note if file.exemption else ""
    return affairs


def _check_affairs(file: PersonalInfoFile, affairs) -> None:
    if affairs is None:
        return
    wrong = [a.name for a in affairs if a.organ_id != file.organ_id]
    if wrong:
        raise ValidationError({"handling_affairs": f"別の実施機関の事務は関連付けられません（{'、'.join(wrong)}）。"})


def _affairs_change(file: PersonalInfoFile, affairs) -> str:
    """The link change to 事務 in words for the history (the links have no history rows of their own)."""
    if affairs is None:
        return ""
    before = file.handling_affairs.values_list("name", flat=True) if file.pk else []
    return link_change("関連する事務", before, [affair.name for affair in affairs])


@transaction.atomic
def file_create(*, actor, reason: str = "新規作成", **data) -> PersonalInfoFile:
    file = PersonalInfoFile(status=Status.DRAFT)
    affairs = _apply(file, data)
    file.full_clean()
    _check_name(file)
    _check_affairs(file, affairs)
    save_with_history(file, actor, with_links(reason, _affairs_change(file, affairs)), validate=False)
    if affairs is not None:
        file.handling_affairs.set(affairs)
    return file


@transaction.atomic
def file_update(*, actor, file: PersonalInfoFile, reason: str = "", **data) -> PersonalInfoFile:
    """Edit the working copy; a published or approved file becomes a new draft revision (the public
    register keeps showing the last published version until the next one is published)."""
    file = PersonalInfoFile.objects.select_for_update().get(pk=file.pk)
    if not file.editable:
        raise ValidationError("承認待ちまたは削除済みのファイル簿は編集できません。")
    affairs = _apply(file, data)
    file.full_clean()
    _check_name(file)
    _check_affairs(file, affairs)
    revising = file.status != Status.DRAFT
    file.status = Status.DRAFT
    reason = reason or ("改訂（新しい版の作成）" if revising else "編集")
    save_with_history(file, actor, with_links(reason, _affairs_change(file, affairs)), validate=False)
    if affairs is not None:
        file.handling_affairs.set(affairs)
    return file


@transaction.atomic
def file_submit(*, actor, file: PersonalInfoFile) -> PersonalInfoFile:
    """The unit's officer sends the draft to the chief for approval."""
    transition(file, actor=actor, to=Status.PENDING, allowed=[Status.DRAFT], action="承認依頼",
               refused="作成中のファイル簿だけを承認に回せます。", validate=True)
    url = reverse("registers:file_detail", args=[file.pk])
    notification_send(recipients=chiefs_on(timezone.localdate()), subject=f"個人情報ファイル簿の承認依頼: {file.name}",
                      body=f"{file.unit.name}から承認の依頼があります。", url=url, related=file)
    return file


@transaction.atomic
def file_return(*, actor, file: PersonalInfoFile, comment: str) -> PersonalInfoFile:
    send_back(file, actor=actor, to=Status.DRAFT, allowed=[Status.PENDING], comment=comment,
              refused="承認待ちのファイル簿だけを差し戻せます。")
    notification_send(recipients=officers_of(file.unit, timezone.localdate()),
                      subject=f"個人情報ファイル簿が差し戻されました: {file.name}", body=comment.strip(),
                      url=reverse("registers:file_detail", args=[file.pk]), related=file)
    return file


def _version_from(file: PersonalInfoFile, actor, number: int, when) -> FileVersion:
    snapshot = items.snapshot_of(file)
    withheld = dict(file.withheld or {})
    return FileVersion(file=file, number=number, snapshot=snapshot, withheld=withheld, approved_at=when,
                       approved_by=actor, organ_id=file.organ_id, unit_id=file.unit_id, name=file.name,
                       kind=file.kind, search_text=items.search_text(snapshot, withheld))


@transaction.atomic
def file_approve(*, actor, file: PersonalInfoFile, on: date | None = None) -> FileVersion:
    """The chief approves: the items as they stand become the next version (法74①「あらかじめ」)."""
    require_state(file, allowed=[Status.PENDING], refused="承認待ちのファイル簿だけを承認できます。")
    file.full_clean()
    last = file.versions.order_by("-number").first()
    version = _version_from(file, actor, (last.number + 1) if last else 1, timezone.now())
    version.save()
    transition(file, actor=actor, to=Status.APPROVED, allowed=[Status.PENDING], action=f"承認（第{version.number}版）",
               locked=True, changes={"registered_on": file.registered_on or on or timezone.localdate()})
    return version


@transaction.atomic
def file_publish(*, actor, file: PersonalInfoFile, on: date | None = None) -> FileVersion:
    """Publish the approved version (法75①「遅滞なく」): it replaces the one the public sees."""
    require_state(file, allowed=[Status.APPROVED], refused="承認済みのファイル簿だけを公表できます。")
    version = file.versions.order_by("-number").first()
    # A register published before it came into Hogokan (an import, the demo) keeps its own 公表日.
    when = timezone.now() if on is None or on >= timezone.localdate() else \
        timezone.make_aware(datetime.combine(on, time(0, 0)))
    FileVersion.objects.filter(file=file, public=True).update(public=False)
    version.published_at = when
    version.public = True
    version.save(update_fields=["published_at", "public"])
    transition(file, actor=actor, to=Status.PUBLISHED, allowed=[Status.APPROVED], action=f"公表（第{version.number}版）",
               locked=True, changes={"published_on": file.published_on or on or timezone.localdate()})
    return version


@transaction.atomic
def file_retire(*, actor, file: PersonalInfoFile, retired_on: date, reason: str) -> PersonalInfoFile:
    """Remove the file from the register (法74①「遅滞なく」): the public no longer sees any version."""

    def check(file: PersonalInfoFile) -> None:
        errors = {}
        if not reason.strip():
            errors["reason"] = "削除の理由を入力してください。"
        if retired_on is None:
            errors["retired_on"] = "削除日を入力してください。"
        elif file.registered_on and retired_on < file.registered_on:
            errors["retired_on"] = f"削除日は登載日（{wareki(file.registered_on)}）以後の日付にしてください。"
        if errors:
            raise ValidationError(errors)

    transition(file, actor=actor, to=Status.RETIRED, allowed=[s for s in Status.values if s != Status.RETIRED],
               action="ファイル簿から削除", reason=reason, check=check, refused="このファイル簿は既に削除されています。",
               changes={"retired_on": retired_on, "retire_reason": reason.strip()})
    FileVersion.objects.filter(file=file).update(public=False)
    return file


@transaction.atomic
def file_load_published(*, actor, on: date | None = None, **data) -> PersonalInfoFile:
    """An existing register's entry (the import's 「公表中として取り込む」): created, approved, published."""
    file = file_create(actor=actor, reason="一括取込", **data)
    transition(file, actor=actor, to=Status.PENDING, allowed=[Status.DRAFT], action="一括取込（公表中として）")
    file_approve(actor=actor, file=file, on=on)
    file_publish(actor=actor, file=file, on=on)
    file.refresh_from_db()
    return file


# ---- handling affairs (届出) ---------------------------------------------------------------------

def _event(affair, kind, effective_on, filed_on, note, actor) -> AffairEvent:
    event = AffairEvent(affair=affair, kind=kind, effective_on=effective_on, filed_on=filed_on or timezone.localdate(),
                        note=(note or "").strip(), recorded_by=actor)
    save_with_history(event, actor, event.get_kind_display())
    return event


@transaction.atomic
def affair_start(*, actor, organ, unit, name: str, started_on: date, purpose: str = "", record_items: str = "",
                 filed_on: date | None = None, note: str = "") -> HandlingAffair:
    """開始届: the affair exists from ``started_on``."""
    if started_on is None:
        raise ValidationError({"started_on": "開始日を入力してください。"})
    name = (name or "").strip()
    clash = HandlingAffair.objects.filter(organ=organ, name=name, ended_on__isnull=True)
    if name and clash.exists():
        raise ValidationError({"name": f"「{name}」という事務はこの実施機関に既にあります。"})
    affair = HandlingAffair(organ=organ, unit=unit, name=name, purpose=purpose.strip(),
                            record_items=record_items.strip(), started_on=started_on)
    save_with_history(affair, actor, "開始届")
    _event(affair, AffairEvent.Kind.START, started_on, filed_on, note, actor)
    return affair


@transaction.atomic
def affair_change(*, actor, affair: HandlingAffair, effective_on: date, note: str, filed_on: date | None = None,
                  **changes) -> HandlingAffair:
    """変更届: the changes take effect on ``effective_on``; what changed is kept in the note and history."""
    affair = HandlingAffair.objects.select_for_update().get(pk=affair.pk)
    if affair.ended_on:
        raise ValidationError("廃止された事務は変更できません。")
    if effective_on is None:
        raise ValidationError({"effective_on": "効力発生日を入力してください。"})
    if effective_on < affair.started_on:
        raise ValidationError({"effective_on": "効力発生日は開始日以後の日付にしてください。"})
    if not (note or "").strip():
        raise ValidationError({"note": "変更の内容を入力してください。"})
    for key in ("name", "unit", "purpose", "record_items"):
        if key in changes and changes[key] is not None:
            value = changes[key]
            setattr(affair, key, value.strip() if isinstance(value, str) else value)
    save_with_history(affair, actor, "変更届")
    _event(affair, AffairEvent.Kind.CHANGE, effective_on, filed_on, note, actor)
    return affair


@transaction.atomic
def affair_end(*, actor, affair: HandlingAffair, ended_on: date, note: str = "",
               filed_on: date | None = None) -> HandlingAffair:
    """廃止届: the affair is no longer in force from ``ended_on``."""
    affair = HandlingAffair.objects.select_for_update().get(pk=affair.pk)
    if affair.ended_on:
        raise ValidationError("この事務は既に廃止されています。")
    if ended_on is None:
        raise ValidationError({"ended_on": "廃止日を入力してください。"})
    affair.ended_on = ended_on
    save_with_history(affair, actor, "廃止届")
    _event(affair, AffairEvent.Kind.END, ended_on, filed_on, note, actor)
    return affair


# ---- 特定個人情報保護評価 ---------------------------------------------------------------------------

def _pia_dates(pia: PIA) -> None:
    if pia.published_on is None:
        pia.review_due = pia.reevaluation_due = None
        return
    pia.review_due = rules.review_due(pia.published_on, pia.last_reviewed_on)
    open_changes = [c.planned_on for c in pia.changes.filter(reevaluated_on__isnull=True)] if pia.pk else []
    pia.reevaluation_due = rules.reevaluation_due(pia.published_on, open_changes)


def pia_reminders(pia: PIA) -> None:
    """Remind the unit's officers before the yearly review and the re-evaluation (the chief on overdue)."""
    from django.conf import settings

    today = timezone.localdate()
    url = reverse("registers:pia_detail", args=[pia.pk])
    recipients = officers_of(pia.file.unit, today)
    escalate = managers_above(pia.file.unit, today) + chiefs_on(today)
    steps = settings.HOGOKAN_PIA_REMIND_DAYS
    for purpose, due, subject in (
        ("review", pia.review_due, f"特定個人情報保護評価の見直し（{pia.file.name}）"),
        ("reevaluation", pia.reevaluation_due, f"特定個人情報保護評価の再評価（{pia.file.name}）"),
    ):
        key = reminder_key(pia, purpose)
        if due is None or pia.file.status == Status.RETIRED:
            reminder_resolve(key=key)
            continue
        reminder_schedule(key=key, subject=subject, due_date=due, recipients=recipients, url=url,
                          related=pia, escalate_to=escalate, remind_days_before=steps)


@transaction.atomic
def pia_save(*, actor, file: PersonalInfoFile, persons: int, handlers: int, serious_accident: bool,
             published_on: date | None, level: str | None = None, last_reviewed_on: date | None = None,
             note: str = "", pia: PIA | None = None) -> PIA:
    """Create or update the PIA of a 特定個人情報ファイル; without ``level`` the computed one is recorded."""
    if not file.is_specific:
        raise ValidationError({"file": "特定個人情報ファイルにだけ保護評価を登録できます。"})
    if pia is None:
        if PIA.objects.filter(file=file).exists():
            raise ValidationError({"file": "このファイルの保護評価は既に登録されています。"})
        pia = PIA(file=file)
    else:
        pia = PIA.objects.select_for_update().get(pk=pia.pk)
    pia.persons, pia.handlers, pia.serious_accident = persons, handlers, serious_accident
    pia.level = level or rules.pia_level(persons, handlers, serious_accident).level
    pia.published_on, pia.last_reviewed_on, pia.note = published_on, last_reviewed_on, (note or "").strip()
    if published_on and last_reviewed_on and last_reviewed_on < published_on:
        raise ValidationError({"last_reviewed_on": "見直し日は公表日以後の日付にしてください。"})
    _pia_dates(pia)
    save_with_history(pia, actor, "保護評価の登録" if pia._state.adding else "保護評価の更新")
    pia_reminders(pia)
    return pia


@transaction.atomic
def pia_review(*, actor, pia: PIA, reviewed_on: date) -> PIA:
    """The yearly review is done: the next one is a year later."""
    pia = PIA.objects.select_for_update().get(pk=pia.pk)
    if pia.published_on is None:
        raise ValidationError("評価書の公表日を登録してから見直しを記録してください。")
    if reviewed_on is None or reviewed_on < pia.published_on:
        raise ValidationError({"reviewed_on": "見直し日は公表日以後の日付で入力してください。"})
    pia.last_reviewed_on = reviewed_on
    _pia_dates(pia)
    save_with_history(pia, actor, "見直しの実施")
    pia_reminders(pia)
    return pia


@transaction.atomic
def pia_change_record(*, actor, pia: PIA, description: str, planned_on: date) -> PIAChange:
    """重要な変更: re-evaluation is due before the change takes effect."""
    change = PIAChange(pia=pia, description=(description or "").strip(), planned_on=planned_on, recorded_by=actor)
    save_with_history(change, actor, "重要な変更の登録")
    pia = PIA.objects.select_for_update().get(pk=pia.pk)
    _pia_dates(pia)
    save_with_history(pia, actor, f"重要な変更: {change.description[:60]}")
    pia_reminders(pia)
    return change


@transaction.atomic
def pia_reevaluate(*, actor, pia: PIA, published_on: date, persons: int, handlers: int,
                   serious_accident: bool) -> PIA:
    """A new evaluation is published: open changes are settled, the 5 years start again."""
    pia = PIA.objects.select_for_update().get(pk=pia.pk)
    if published_on is None:
        raise ValidationError({"published_on": "再評価の公表日を入力してください。"})
    if pia.published_on and published_on < pia.published_on:
        raise ValidationError({"published_on": "再評価の公表日は前回の公表日以後の日付にしてください。"})
    for change in pia.changes.filter(reevaluated_on__isnull=True):
        change.reevaluated_on = published_on
        save_with_history(change, actor, "再評価で対応", validate=False)
    pia.persons, pia.handlers, pia.serious_accident = persons, handlers, serious_accident
    pia.level = rules.pia_level(persons, handlers, serious_accident).level
    pia.published_on, pia.last_reviewed_on = published_on, None
    _pia_dates(pia)
    save_with_history(pia, actor, "再評価の公表")
    pia_reminders(pia)
    return pia
