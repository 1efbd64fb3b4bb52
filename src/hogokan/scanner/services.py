"""Every write of the scanner module: path rules, the runs the agent posts, the pre-send checks."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.db import transaction

from hogokan.core.services import save_with_history
from hogokan.org.access import Actor
from hogokan.scanner import rules
from hogokan.scanner.extract import DEFAULT_LIMITS, scan_bytes
from hogokan.scanner.models import FileStatus, PathRule, PreSendCheck, ScannedFile, ScanRun

MAX_CHECK_BYTES = 50 << 20  # the pre-send check holds the upload in memory


def path_rule_save(*, actor, prefix: str, unit, my_number_allowed: bool = False, note: str = "",
                   rule: PathRule | None = None) -> PathRule:
    prefix = prefix.strip()
    if not prefix:
        raise ValidationError({"prefix": "フォルダを入力してください。"})
    creating = rule is None
    rule = rule or PathRule()
    rule.prefix, rule.unit, rule.my_number_allowed, rule.note = prefix, unit, my_number_allowed, note
    with transaction.atomic():
        return save_with_history(rule, actor, "対応フォルダを登録" if creating else "対応フォルダを変更")


def _location(root: str, path: str) -> str:
    return root.rstrip("/") + "/" + path.lstrip("/")


@transaction.atomic
def run_record(*, actor, host: str, roots: list[str], files: list[dict], summary: dict) -> ScanRun:
    """Store a posted run: each file goes to the unit of the longest matching path rule."""
    run = save_with_history(ScanRun(host=host, roots=roots, posted_by=actor, files=len(files),
                                    bytes=summary.get("bytes", sum(item["size"] for item in files)),
                                    seconds=summary.get("seconds", 0)),
                            actor, f"検査結果を受信（{len(files)} ファイル）")
    _store_files(run, files)
    return run


@transaction.atomic
def run_add_files(*, actor, run: ScanRun, files: list[dict]) -> ScanRun:
    """More files of a run (the agent sends a big share in parts)."""
    run = ScanRun.objects.select_for_update().get(pk=run.pk)
    _store_files(run, files)
    run.files += len(files)
    return save_with_history(run, actor, f"検査結果を追加受信（{len(files)} ファイル）", validate=False)


def _store_files(run: ScanRun, files: list[dict]) -> None:
    path_rules = list(PathRule.objects.values_list("prefix", "unit_id", "my_number_allowed"))
    rows = []
    for item in files:
        location = _location(item["root"], item["path"])
        unit_id, allowed = rules.unit_for_location(location, path_rules)
        findings = {category: int(item["findings"].get(category, 0)) for category in rules.CATEGORIES}
        rows.append(ScannedFile(
            run=run, unit_id=unit_id, location=location[:2000], size=item["size"], status=item["status"],
            reason=(item.get("reason") or "")[:300], findings=findings, samples=_masked_only(item.get("samples")),
            total=sum(count for category, count in findings.items() if category != "corporate_number"),
            my_number=findings["my_number"], my_number_allowed=allowed))
    ScannedFile.objects.bulk_create(rows, batch_size=2000)


def _masked_only(samples) -> dict:
    """Samples as the engine masks them; anything longer than a mask is dropped (never a raw value)."""
    if not isinstance(samples, dict):
        return {}
    kept = {}
    for category, values in samples.items():
        if category in rules.CATEGORIES and isinstance(values, list):
            masked = [value[:60] for value in values[:3] if isinstance(value, str) and ("*" in value or "＊" in value)]
            if masked:
                kept[category] = masked
    return kept


def presend_check(*, actor: Actor, file_name: str, data: bytes) -> tuple[PreSendCheck, dict]:
    """Check one file before it is sent: the findings with masked samples; the check is logged, the file not kept."""
    if len(data) > MAX_CHECK_BYTES:
        raise ValidationError({"file": f"ファイルが大きすぎます（{MAX_CHECK_BYTES >> 20} MB まで）。"})
    started = time.perf_counter()
    result = scan_bytes(file_name, data, DEFAULT_LIMITS)
    findings = result.findings.as_counts()
    check = PreSendCheck.objects.create(
        user=actor.user, unit=actor.assignment.unit if actor.assignment else None, file_name=file_name[:255],
        size=len(data), status=result.status, findings=findings,
        total=sum(count for category, count in findings.items() if category != "corporate_number"))
    return check, {
        "id": check.pk, "file_name": check.file_name, "size": check.size, "status": result.status,
        "reason": result.reason, "findings": findings, "in_context": result.findings.as_context_counts(),
        "samples": result.findings.samples, "seconds": round(time.perf_counter() - started, 3),
        "has_personal_information": check.total > 0, "status_label": FileStatus(result.status).label}
