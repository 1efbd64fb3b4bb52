"""Every write of the 評価書, their evaluation rounds (再実施) and the 審議会 register (issue 22 §3),
and the public 取扱事務 choice (§5).

``actor`` is the acting user (its history row names them); the views have checked the scope (scoping.py).
``by_office``: the actor acts as the office (総括保護管理者・事務局), who alone may publish a 全項目評価書 before
the 答申 (with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from hogokan.core.history import link_change, with_links
from hogokan.core.services import save_with_history
from hogokan.core.workflow import transition
from hogokan.registers import rules
from hogokan.registers.models import (
    PIA,
    CouncilAgendaItem,
    CouncilMeeting,
    EvaluationChange,
    EvaluationDocument,
    EvaluationRound,
    EvaluationVersion,
    HandlingAffair,
)

Status = EvaluationRound.Status


@dataclass(frozen=True)
class ChangeRow:
    """One row of the 変更箇所 table as entered."""

    item: str
    before: str
    after: str


# ---- 評価書 --------------------------------------------------------------------------------------

def _check_number(document: EvaluationDocument) -> None:
    clash = EvaluationDocument.objects.filter(number=document.number).exclude(pk=document.pk)
    if clash.exists():
        raise ValidationError({"number": f"評価書番号「{document.number}」の評価書は既に登録されています。"})


@transaction.atomic
def document_save(*, actor, pia: PIA, number: str, name: str, kind: str, published_on: date | None = None,
                  document: EvaluationDocument | None = None) -> EvaluationDocument:
    """Register a 評価書 of the PIA (with ``published_on``: a document already published before, its 第1版),
    or correct its number, name and kind."""
    if document is None:
        document = EvaluationDocument(pia=pia)
    else:
        document = EvaluationDocument.objects.select_for_update().get(pk=document.pk)
    document.number, document.name, document.kind = (number or "").strip(), (name or "").strip(), kind
    adding = document._state.adding
    if adding and published_on:
        document.published_on = published_on
    _check_number(document)
    document.full_clean()
    save_with_history(document, actor, "評価書の登録" if adding else "評価書の修正", validate=False)
    if adding and published_on:
        version = EvaluationVersion(document=document, number=1, published_on=published_on,
                                    note="登録時に公表済みの評価書")
        save_with_history(version, actor, "第1版（登録時に公表済み）")
    return document


# ---- evaluation rounds (評価の実施・再実施) -------------------------------------------------------------

def _clean_rows(rows) -> list[ChangeRow]:
    return [ChangeRow(row.item.strip(), row.before.strip(), row.after.strip()) for row in rows
            if row.item.strip() or row.before.strip() or row.after.strip()]


def _check_round(round: EvaluationRound, documents, rows: list[ChangeRow]) -> None:
    errors = {}
    if not documents:
        errors["documents"] = "評価を行う評価書を1つ以上選んでください。"
    if round.kind == EvaluationRound.Kind.REEVALUATION and not rows:
        errors["changes"] = "再実施では変更箇所（項目・変更前の記載・変更後の記載）を1行以上入力してください。"
    for number, row in enumerate(rows, start=1):
        if not row.item or not row.after:
            errors["changes"] = f"変更箇所の{number}行目: 項目と変更後の記載を入力してください。"
            break
    errors.update(rules.consultation_errors(round.consulted_on, round.answered_on))
    if errors:
        raise ValidationError(errors)


def _save_rows(round: EvaluationRound, rows: list[ChangeRow], actor) -> None:
    existing = list(round.changes.order_by("position", "pk"))
    for position, row in enumerate(rows, start=1):
        change = existing[position - 1] if position <= len(existing) else EvaluationChange(round=round)
        if change.pk and (change.item, change.before, change.after, change.position) == (
                row.item, row.before, row.after, position):
            continue
        change.position, change.item, change.before, change.after = position, row.item, row.before, row.after
        save_with_history(change, actor, "変更箇所の入力" if change._state.adding else "変更箇所の修正")
    for change in existing[len(rows):]:
        change._history_user = actor
        change._change_reason = "変更箇所の削除"
        change.delete()


@transaction.atomic
def round_save(*, actor, kind: str, title: str, unit, reason: str, planned_on: date, documents, changes=(),
               consulted_on: date | None = None, answered_on: date | None = None, opinion: str = "",
               round: EvaluationRound | None = None) -> EvaluationRound:
    """Create or edit an evaluation round while it is not published; the 変更箇所 table is replaced by ``changes``."""
    if round is None:
        round = EvaluationRound()
    else:
        round = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if not round.editable:
            raise ValidationError("公表済みの評価の実施は編集できません。")
    documents = list(documents)
    rows = _clean_rows(changes)
    round.kind, round.title, round.unit = kind, (title or "").strip(), unit
    round.reason, round.planned_on = (reason or "").strip(), planned_on
    round.consulted_on, round.answered_on, round.opinion = consulted_on, answered_on, (opinion or "").strip()
    round.full_clean()
    _check_round(round, documents, rows)
    adding = round._state.adding
    before = [] if adding else [document.title for document in round.documents.all()]
    links = link_change("評価書", before, [document.title for document in documents])
    save_with_history(round, actor, with_links("登録" if adding else "編集", links), validate=False)
    round.documents.set(documents)
    _save_rows(round, rows, actor)
    return round


@transaction.atomic
def round_publish(*, actor, round: EvaluationRound, published_on: date, early_reason: str = "",
                  by_office: bool = False) -> EvaluationRound:
    """Mark the evaluation 公表: each of its 評価書 gets a new version published that day; a 再実施 also records
    the re-evaluation on the PIAs (their open 重要な変更 are settled, the 5 years start again)."""
    from hogokan.registers import services

    def check(round: EvaluationRound) -> None:
        kinds = [document.kind for document in round.documents.all()]
        errors = rules.publication_errors(document_kinds=kinds, published_on=published_on,
                                          consulted_on=round.consulted_on, answered_on=round.answered_on,
                                          early_reason=early_reason, by_office=by_office)
        if not kinds:
            errors["documents"] = "評価を行う評価書がありません。"
        if errors:
            raise ValidationError(errors)

    early = early_reason.strip()
    answered = round.answered_on is not None and published_on is not None and round.answered_on <= published_on
    reason = f"答申前の公表: {early}" if early and not answered else ""
    transition(round, actor=actor, to=Status.PUBLISHED, allowed=[Status.DRAFT], action="公表", reason=reason,
               check=check, refused="この評価の実施は既に公表されています。",
               changes={"published_on": published_on, "early_publication_reason": "" if answered else early})
    pias = {}
    for document in round.documents.select_for_update().order_by("pk"):
        last = document.versions.order_by("-number").first()
        version = EvaluationVersion(document=document, number=(last.number + 1) if last else 1,
                                    published_on=published_on, round=round,
                                    note=round.get_kind_display())
        save_with_history(version, actor, f"第{version.number}版の公表（{round.get_kind_display()}）")
        document.published_on = published_on
        save_with_history(document, actor, f"第{version.number}版の公表", validate=False)
        pias[document.pia_id] = document.pia
    for pia in pias.values():
        if round.kind == EvaluationRound.Kind.REEVALUATION and pia.published_on and published_on >= pia.published_on:
            services.pia_reevaluate(actor=actor, pia=pia, published_on=published_on, persons=pia.persons,
                                    handlers=pia.handlers, serious_accident=pia.serious_accident)
        elif pia.published_on is None:
            services.pia_save(actor=actor, pia=pia, file=pia.file, persons=pia.persons, handlers=pia.handlers,
                              serious_accident=pia.serious_accident, published_on=published_on, level=pia.level,
                              last_reviewed_on=pia.last_reviewed_on, note=pia.note)
    round.refresh_from_db()
    return round


# ---- 審議会 ----------------------------------------------------------------------------------------

@transaction.atomic
def meeting_save(*, actor, session: str, held_on: date, place: str = "", note: str = "",
                 meeting: CouncilMeeting | None = None) -> CouncilMeeting:
    meeting = CouncilMeeting() if meeting is None else CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.session, meeting.held_on = (session or "").strip(), held_on
    meeting.place, meeting.note = (place or "").strip(), (note or "").strip()
    adding = meeting._state.adding
    save_with_history(meeting, actor, "審議会の登録" if adding else "審議会の修正")
    return meeting


@transaction.atomic
def agenda_item_save(*, actor, meeting: CouncilMeeting, number: int, kind: str, title: str, subject: str,
                     unit=None, evaluation: EvaluationRound | None = None, related=None,
                     fiscal_year: int | None = None, outcome: str = "",
                     item: CouncilAgendaItem | None = None) -> CouncilAgendaItem:
    """One 日程 of a meeting, tied to what it concerns (``subject``): an evaluation round, another module's record
    (``related``, e.g. a 目的外利用), the annual report of ``fiscal_year``, or nothing else."""
    from django.contrib.contenttypes.models import ContentType

    Subject = CouncilAgendaItem.Subject
    if item is None:
        item = CouncilAgendaItem(meeting=meeting, recorded_by=actor)
    else:
        item = CouncilAgendaItem.objects.select_for_update().get(pk=item.pk)
    errors = {}
    if subject == Subject.EVALUATION and evaluation is None:
        errors["evaluation"] = "関係する評価の実施（再実施）を選んでください。"
    if subject == Subject.RECORD and related is None:
        errors["related"] = "関係する記録を選んでください。"
    if subject == Subject.ANNUAL and not fiscal_year:
        errors["fiscal_year"] = "報告の対象年度を入力してください。"
    clash = CouncilAgendaItem.objects.filter(meeting=meeting, number=number).exclude(pk=item.pk)
    if number and clash.exists():
        errors["number"] = f"日程第{number}はこの審議会に既にあります。別の番号にしてください。"
    if errors:
        raise ValidationError(errors)
    item.number, item.kind, item.title, item.subject, item.unit = number, kind, (title or "").strip(), subject, unit
    item.evaluation = evaluation if subject == Subject.EVALUATION else None
    if subject == Subject.RECORD:
        item.content_type, item.object_id = ContentType.objects.get_for_model(related), related.pk
    else:
        item.content_type, item.object_id = None, None
    item.fiscal_year = fiscal_year if subject == Subject.ANNUAL else None
    item.outcome = (outcome or "").strip()
    adding = item._state.adding
    save_with_history(item, actor, f"日程第{number}の登録" if adding else f"日程第{number}の修正")
    return item


# ---- the public 取扱事務 list (§5) -------------------------------------------------------------------

@transaction.atomic
def affair_publication(*, actor, affair: HandlingAffair, public: bool, withheld: dict[str, str]) -> HandlingAffair:
    """Choose whether the affair is on the public 取扱事務 list, and which of its items are withheld (with why)."""
    affair = HandlingAffair.objects.select_for_update().get(pk=affair.pk)
    unknown = set(withheld) - set(HandlingAffair.WITHHOLDABLE)
    if unknown:
        raise ValidationError({"withheld": "公表しない項目に選べない項目が含まれています。"})
    blank = [HandlingAffair.WITHHOLDABLE[key] for key, reason in withheld.items() if not str(reason).strip()]
    if blank:
        raise ValidationError({"withheld": f"公表しない項目（{'、'.join(blank)}）の理由を入力してください。"})
    if public and affair.ended_on:
        raise ValidationError({"public": "廃止された事務は公表できません。"})
    changed = affair.public != public
    affair.public = public
    affair.withheld = {key: str(reason).strip() for key, reason in withheld.items()}
    reason = ("公表する" if public else "公表をやめる") if changed else "公表する項目の変更"
    save_with_history(affair, actor, reason, validate=False)
    return affair
