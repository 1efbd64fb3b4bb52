"""Every read of scan results, scoped to the acting user."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from hogokan.core.permissions import VIEW, restrict
from hogokan.registers import api as registers
from hogokan.scanner import rules
from hogokan.scanner.models import FileStatus, PathRule, PreSendCheck, ScannedFile, ScanRun

PII = Q(total__gt=0)
COUNTS = {
    "files": Count("pk"),
    "with_pii": Count("pk", filter=PII),
    "with_my_number": Count("pk", filter=Q(my_number__gt=0)),
    "encrypted": Count("pk", filter=PII & Q(status=FileStatus.ENCRYPTED)),
    "unprotected": Count("pk", filter=PII & ~Q(status=FileStatus.ENCRYPTED)),
}


def runs_for(actor) -> QuerySet[ScanRun]:
    return restrict(ScanRun.objects.all(), actor, VIEW).order_by("-received_at", "-pk")


def files_for(actor) -> QuerySet[ScannedFile]:
    return restrict(ScannedFile.objects.select_related("unit"), actor, VIEW)


def checks_for(actor) -> QuerySet[PreSendCheck]:
    return restrict(PreSendCheck.objects.select_related("user", "unit"), actor, VIEW)


def rules_for(actor) -> QuerySet[PathRule]:
    return restrict(PathRule.objects.select_related("unit"), actor, VIEW)


def unit_table(actor, run: ScanRun) -> list[dict]:
    """Per unit of one run: files, with personal information, with My Numbers, encrypted or not."""
    rows = (files_for(actor).filter(run=run).values("unit_id", "unit__name", "unit__code")
            .annotate(**COUNTS).order_by("unit__code"))
    return list(rows)


def trend(actor, *, unit=None, limit: int = 12) -> list[dict]:
    """Per run (newest first), the counts of the actor's files (of one unit when given)."""
    files = files_for(actor)
    if unit is not None:
        files = files.filter(unit=unit)
    rows = files.values("run_id", "run__received_at", "run__host").annotate(**COUNTS).order_by("-run__received_at",
                                                                                               "-run_id")
    return list(rows[:limit])


def latest_run_of(actor, unit) -> ScanRun | None:
    run_id = files_for(actor).filter(unit=unit).order_by("-run__received_at", "-run_id").values_list(
        "run_id", flat=True).first()
    return ScanRun.objects.filter(pk=run_id).first() if run_id else None


def register_gaps(actor, unit, files: list[ScannedFile]) -> tuple[list[dict], list[ScannedFile]]:
    """(candidates to register: files whose kinds of data no ファイル簿 entry or 取扱事務 of the unit records,
    My Number files outside the places the unit's 特定個人情報ファイル allow)."""
    today = timezone.localdate()
    register_files = list(registers.files_for(actor).filter(unit=unit).values_list("record_items", "is_specific"))
    affairs = list(registers.affairs_for(actor, on=today).filter(unit=unit).values_list("record_items", flat=True))
    items = [text for text, _specific in register_files] + affairs
    has_specific = any(specific for _text, specific in register_files)
    candidates = []
    for scanned in files:
        missing = rules.uncovered_categories(scanned.findings, items, has_specific=has_specific)
        if missing:
            candidates.append({"file": scanned, "missing": [rules.CATEGORY_LABELS[c] for c in missing]})
    misplaced = [scanned for scanned in files if scanned.my_number and not (has_specific and scanned.my_number_allowed)]
    return candidates, misplaced
