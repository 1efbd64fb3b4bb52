"""What other modules (the dashboard, disclosures, purpose_uses, reports) may use of the registers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse

from hogokan.core.dashboard import DueItem
from hogokan.core.forms import PlainSelect
from hogokan.core.permissions import VIEW, restrict
from hogokan.org.models import Role
from hogokan.registers.council import register_council_subject
from hogokan.registers.models import PIA, EvaluationRound, HandlingAffair, PersonalInfoFile
from hogokan.registers.rules import PiaLevel, pia_level

__all__ = ["FileChoice", "HandlingAffair", "PersonalInfoFile", "PiaLevel", "affairs_for", "dashboard_items",
           "file_choices", "files_for", "pia_level", "register_council_subject", "ConsultationPaper",
           "consultation_paper", "evaluation_round_for"]

PIA_HORIZON_DAYS = 60


def files_for(actor, *, include_retired: bool = False) -> QuerySet[PersonalInfoFile]:
    """The 個人情報ファイル簿 entries ``actor`` may see (scoped), retired ones only when asked."""
    files = restrict(PersonalInfoFile.objects.select_related("organ", "unit"), actor, VIEW)
    if not include_retired:
        files = files.exclude(status=PersonalInfoFile.Status.RETIRED)
    return files.order_by("organ__display_order", "unit__code", "name")


FILE_INVALID = "選んだ個人情報ファイル簿は選べません。一覧にある（閲覧できる範囲の）個人情報ファイル簿から選んでください。"


class FileChoice(forms.ModelChoiceField):
    """An optional 個人情報ファイル簿 among those the actor may see (set ``queryset`` to ``file_choices``)."""

    widget = PlainSelect

    def __init__(self, **kwargs):
        super().__init__(label="個人情報ファイル簿", queryset=PersonalInfoFile.objects.none(), required=False,
                         empty_label="（選ばない）", error_messages={"invalid_choice": FILE_INVALID}, **kwargs)

    def label_from_instance(self, file):
        return f"{file.name}（{file.organ.name} {file.unit.name}）"


def file_choices(actor, current_id: int | None = None) -> QuerySet[PersonalInfoFile]:
    """The files offered to ``actor`` in other modules' forms: those it may see, and the one already
    linked even if retired since."""
    files = files_for(actor, include_retired=True).only("name", "organ__name", "unit__name")
    retired = PersonalInfoFile.Status.RETIRED
    return files.exclude(status=retired) if current_id is None else files.exclude(
        Q(status=retired) & ~Q(pk=current_id))


def affairs_for(actor, *, on: date | None = None) -> QuerySet[HandlingAffair]:
    """The 個人情報取扱事務 ``actor`` may see; with ``on``, only those in force that day."""
    affairs = restrict(HandlingAffair.objects.select_related("organ", "unit"), actor, VIEW)
    if on is not None:
        affairs = affairs.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    return affairs.order_by("organ__display_order", "unit__code", "name")


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: drafts to submit, files waiting for approval or publication, PIA dates coming up."""
    if actor is None or not actor.is_authenticated or actor.role in (Role.CONTRACTOR, Role.ADMIN):
        return []
    items: list[DueItem] = []
    files = restrict(PersonalInfoFile.objects.all(), actor, VIEW)
    if actor.role == Role.OFFICER:
        drafts = files.filter(status=PersonalInfoFile.Status.DRAFT).count()
        if drafts:
            items.append(DueItem(f"作成中の個人情報ファイル簿 {drafts} 件（承認に回してください）",
                                 reverse("registers:file_list") + "?status=draft", None, False))
    if actor.role == Role.CHIEF:
        for status, label in ((PersonalInfoFile.Status.PENDING, "承認待ち"),
                              (PersonalInfoFile.Status.APPROVED, "公表待ち")):
            count = files.filter(status=status).count()
            if count:
                items.append(DueItem(f"{label}の個人情報ファイル簿 {count} 件",
                                     reverse("registers:file_list") + f"?status={status}", None, False))
    if actor.role in (Role.OFFICER, Role.STAFF, Role.MANAGER, Role.CHIEF):
        horizon = today + timedelta(days=PIA_HORIZON_DAYS)
        pias = (restrict(PIA.objects.select_related("file"), actor, VIEW)
                .exclude(file__status=PersonalInfoFile.Status.RETIRED)
                .filter(Q(review_due__lte=horizon) | Q(reevaluation_due__lte=horizon)).order_by("reevaluation_due")[:10])
        for pia in pias:
            due = min(day for day in (pia.review_due, pia.reevaluation_due) if day)
            what = "再評価" if pia.reevaluation_due == due else "見直し"
            items.append(DueItem(f"特定個人情報保護評価の{what}: {pia.file.name}",
                                 reverse("registers:pia_detail", args=[pia.pk]), due, due < today))
    return items


# ---- for the reports (issue 16): the register at a day, its changes in a fiscal year, the PIAs ----------

def _in_register(files, day: date):
    return files.filter(registered_on__lte=day).filter(Q(retired_on__isnull=True) | Q(retired_on__gt=day))


def register_counts(year: int, *, as_of: date | None = None) -> dict:
    """{"files", "computer", "manual", "specific", "registered", "retired", "pias"}: the files in the register
    at the end of ``year`` (or ``as_of``), those added and removed during the year, the PIAs in force."""
    from hogokan.core.calendar import fiscal_year_range
    from hogokan.core.history import records_as_of

    start, end = fiscal_year_range(year)
    day = min(end, as_of) if as_of else end
    files = records_as_of(PersonalInfoFile, as_of)
    current = _in_register(files, day)
    return {"files": current.count(),
            "computer": current.filter(processing=PersonalInfoFile.Processing.COMPUTER).count(),
            "manual": current.filter(processing=PersonalInfoFile.Processing.MANUAL).count(),
            "specific": current.filter(is_specific=True).count(),
            "registered": files.filter(registered_on__range=(start, day)).count(),
            "retired": files.filter(retired_on__range=(start, day)).count(),
            "pias": records_as_of(PIA, as_of).filter(file_id__in=current.values("id")).count()}


def register_tables(year: int, *, as_of: date | None = None):
    """個人情報ファイル簿 per organ (in the register, 電算/マニュアル, 要配慮, added and removed in the year) and
    特定個人情報保護評価 by level (core.exports.Table)."""
    from collections import Counter

    from hogokan.core.calendar import fiscal_year_range, wareki, wareki_fiscal_year
    from hogokan.core.exports import Table
    from hogokan.core.history import records_as_of
    from hogokan.org.models import Organ
    from hogokan.registers.rules import LEVEL_LABELS

    start, end = fiscal_year_range(year)
    day = min(end, as_of) if as_of else end
    files = records_as_of(PersonalInfoFile, as_of)
    current = list(_in_register(files, day).values_list("organ_id", "processing", "has_sensitive", "kind"))
    added = Counter(files.filter(registered_on__range=(start, day)).values_list("organ_id", flat=True))
    removed = Counter(files.filter(retired_on__range=(start, day)).values_list("organ_id", flat=True))
    rows, total = [], [0] * 7
    computer = PersonalInfoFile.Processing.COMPUTER
    statutory = PersonalInfoFile.Kind.STATUTORY
    for organ in Organ.objects.order_by("display_order", "code"):
        mine = [row for row in current if row[0] == organ.pk]
        values = [len(mine), sum(1 for r in mine if r[1] == computer), sum(1 for r in mine if r[1] != computer),
                  sum(1 for r in mine if r[3] == statutory), sum(1 for r in mine if r[2]),
                  added[organ.pk], removed[organ.pk]]
        total = [a + b for a, b in zip(total, values, strict=True)]
        rows.append([organ.name, *values])
    rows.append(["計", *total])
    label = wareki_fiscal_year(year)
    register = Table("register_files", f"個人情報ファイル簿の状況（{wareki(day)}現在）",
                     ["実施機関", "ファイル数", "電算処理", "マニュアル処理", "法定（法75①）", "要配慮個人情報を含む",
                      f"{label}の登載", f"{label}の削除"], rows, "単位: ファイル")
    pias = Counter(records_as_of(PIA, as_of).filter(file_id__in=_in_register(files, day).values("id"))
                   .values_list("level", flat=True))
    reviewed = records_as_of(PIA, as_of).filter(last_reviewed_on__range=(start, day)).count()
    pia = Table("pias", f"特定個人情報保護評価の実施状況（{wareki(day)}現在）", ["実施した評価", "件数"],
                [[text, pias[level]] for level, text in LEVEL_LABELS.items()] + [["計", sum(pias.values())],
                                                                                [f"{label}に見直したもの", reviewed]],
                "単位: 特定個人情報ファイル")
    return [register, pia]


# ---- the 諮問 paper of an evaluation round (reports prints it: reports/evaluation.py) -------------------

@dataclass
class ConsultationPaper:
    """The 諮問 of a (re-)evaluation as 箕面市 sends it to its 審議会 (seeds/003): the items and the 別紙."""

    round: EvaluationRound
    items: list[tuple[str, str]]
    document_kinds_label: str
    changes: list[tuple[str, str, str]]


def evaluation_round_for(actor, pk: int) -> EvaluationRound:
    """The round ``actor`` may see (404 otherwise)."""
    from django.http import Http404

    round = restrict(EvaluationRound.objects.select_related("unit"), actor, VIEW).filter(pk=pk).first()
    if round is None:
        raise Http404("評価の実施（再実施）が見つかりません。")
    return round


def consultation_paper(round: EvaluationRound) -> ConsultationPaper:
    documents = list(round.documents.order_by("number", "pk"))
    names = "\n".join(f"（{document.number}）{document.title}" for document in documents)
    re_run = round.kind == EvaluationRound.Kind.REEVALUATION
    kinds = "・".join(dict.fromkeys(document.get_kind_display() for document in documents)) or "評価書"
    items = [
        ("１．業務の名称", round.title),
        ("２．業務所管課", round.unit.name),
        ("３．業務の目的", round.reason),
        (f"４．{'再実施を行う' if re_run else '評価を行う'}評価書名（括弧内は評価書番号）", names),
        ("５．変更箇所", "別紙のとおり" if round.changes.exists() else "なし"),
        ("６．実施時期", round.planned_label),
    ]
    changes = [(change.item, change.before or "（記載なし）", change.after) for change in round.changes.all()]
    return ConsultationPaper(round, items, kinds, changes)
