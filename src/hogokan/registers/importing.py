"""Import of an existing 個人情報ファイル簿 (one row per file) from CSV or Excel.

The house pattern (as org's importer, imitated, not imported): read the whole file, check every row
and report errors with their row numbers in Japanese (dry run, nothing written); commit validates
again and creates every row in one transaction — any error writes nothing.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from hogokan.core import tabular
from hogokan.core.tabular import ImportFileError, ImportResult, Issue, PreviewRow, file_format  # noqa: F401  (the views use them from here)
from hogokan.org.models import Organ, OrgUnit
from hogokan.registers import exports, services
from hogokan.registers.items import WITHHOLDABLE
from hogokan.registers.models import HandlingAffair, PersonalInfoFile

MAX_ROWS = 5_000
MAX_COLUMNS = 60
MAX_XLSX_INFLATED_BYTES = 100 * 1024 * 1024
PREVIEW_ROWS = 200
TEXT_LIMITS = {"name": 200, "proposal_period": 200, "exemption_note": 200}
YES = {"該当", "有", "あり", "はい", "○", "〇", "1", "true", "yes", "y"}
NO = {"非該当", "無", "なし", "いいえ", "", "0", "false", "no", "n", "-", "－"}


def _norm(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


def _key(value: str) -> str:
    return "".join(_norm(value).split()).replace("（", "(").replace("）", ")").lower()


def _flag(row: dict, name: str, errors: list[str]) -> bool:
    value = _norm(row.get(name, "")).lower()
    if value in YES:
        return True
    if value in NO:
        return False
    errors.append(f"{exports.SHORT_LABELS[name]}は「該当」か「非該当」で入力してください（「{row[name]}」）。")
    return False


def _from_short(value: str, mapping: dict, label: str, errors: list[str], *, blank_ok: bool = False):
    """A choice from its short label (法定外), its code (non_statutory) or its full label."""
    text = _norm(value)
    if not text and blank_ok:
        return ""
    for code, short in mapping.items():
        if text in (short, str(code), _norm(code.label)):
            return code
    errors.append(f"{label}は{'・'.join(mapping.values())}のいずれかで入力してください（「{value}」）。")
    return None


def _withheld(text: str, errors: list[str]) -> dict:
    by_label = {_key(label): field for field, label in exports.COLUMNS if field in WITHHOLDABLE}
    withheld = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, sep, reason = _norm(line).replace("：", ":").partition(":")
        field_name = by_label.get(_key(label))
        if field_name is None:
            errors.append(f"公表しない項目「{label}」は項目名として読めません（例: 記録範囲: 理由）。")
        elif not sep or not reason.strip():
            errors.append(f"公表しない項目「{label}」の理由（法75③）を「{label}: 理由」の形で入力してください。")
        else:
            withheld[field_name] = reason.strip()
    return withheld


def _validate(filename: str, data: bytes, actor_units) -> tuple[ImportResult, list[tuple[int, dict]]]:
    columns = [label for _key_, label in exports.COLUMNS]
    result = ImportResult(columns=columns)
    by_header = {_key(label): name for name, label in exports.COLUMNS}
    try:
        uploaded = tabular.read_table(filename, data, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS,
                                      max_inflated=MAX_XLSX_INFLATED_BYTES)
    except ImportFileError as exc:
        result.errors.append(Issue(None, str(exc)))
        return result, []
    table, header, header_line = uploaded.rows, uploaded.header, uploaded.header_line
    mapping = {index: by_header[_key(title)] for index, title in enumerate(header) if _key(title) in by_header}
    missing = [exports.SHORT_LABELS[name] for name in exports.REQUIRED if name not in mapping.values()]
    if missing:
        result.errors.append(Issue(header_line, f"必須の列がありません: {'・'.join(missing)}（テンプレートの見出しを使ってください）。"))
        return result, []
    result.rows_parsed = len(table)
    organs = {_norm(o.name): o for o in Organ.objects.all()}
    units = {}
    for unit in OrgUnit.objects.filter(valid_to__isnull=True).select_related("organ"):
        units[(unit.organ_id, _norm(unit.code))] = unit
    affairs = {(a.organ_id, _norm(a.name)): a for a in HandlingAffair.objects.filter(ended_on__isnull=True)}
    existing = set(PersonalInfoFile.objects.exclude(status=PersonalInfoFile.Status.RETIRED)
                   .values_list("organ_id", "name"))
    seen_names: dict[tuple, int] = {}
    plans = []
    for line, cells in table:
        row = {name: cells[index] if index < len(cells) else "" for index, name in mapping.items()}
        errors: list[str] = []
        for name in exports.REQUIRED:
            if not _norm(row.get(name, "")):
                errors.append(f"{exports.SHORT_LABELS[name]}を入力してください。")
        for name, limit in TEXT_LIMITS.items():
            if len(row.get(name, "")) > limit:
                errors.append(f"{exports.SHORT_LABELS[name]}は{limit}文字以内にしてください。")
        organ = organs.get(_norm(row.get("organ", "")))
        unit = None
        if row.get("organ") and organ is None:
            errors.append(f"行政機関等の名称「{row['organ']}」は登録されている実施機関ではありません。")
        elif organ is not None and row.get("unit_code"):
            unit = units.get((organ.pk, _norm(row["unit_code"])))
            if unit is None:
                errors.append(f"組織コード「{row['unit_code']}」は{organ.name}の現存する組織にありません。")
            elif actor_units is not None and unit.pk not in actor_units:
                errors.append(f"組織「{unit.name}」のファイル簿を取り込む権限がありません。")
        name = _norm(row.get("name", ""))
        if organ is not None and name:
            if (organ.pk, name) in existing:
                errors.append(f"「{name}」という名称のファイルは{organ.name}に既にあります。")
            elif (organ.pk, name) in seen_names:
                errors.append(f"「{name}」は{seen_names[(organ.pk, name)]}行目と同じ名称です。")
            else:
                seen_names[(organ.pk, name)] = line
        plan = {field: row.get(field, "").strip() for field in (
            "purpose", "record_items", "record_scope", "collection_method", "regular_recipients", "request_office",
            "special_procedures", "proposal_office", "proposal_period", "remarks", "exemption_note")}
        for flag in ("has_sensitive", "has_ordinance_sensitive", "anonymization_target", "is_specific"):
            plan[flag] = _flag(row, flag, errors)
        plan["processing"] = _from_short(row.get("processing", ""), exports.PROCESSING_SHORT, "電算・マニュアルの別", errors)
        plan["kind"] = _from_short(row.get("kind", ""), exports.KIND_SHORT, "法定・法定外", errors)
        plan["exemption"] = _from_short(row.get("exemption", ""), exports.EXEMPTION_SHORT, "法定外の理由", errors,
                                        blank_ok=True)
        plan["withheld"] = _withheld(row.get("withheld", ""), errors)
        linked = []
        for affair_name in filter(None, (_norm(n) for n in row.get("handling_affairs", "").replace("、", "\n").splitlines())):
            affair = affairs.get((organ.pk if organ else None, affair_name))
            if affair is None:
                errors.append(f"個人情報取扱事務「{affair_name}」は登録されていません（先に開始届を登録してください）。")
            else:
                linked.append(affair)
        plan.update(name=name, organ=organ, unit=unit, handling_affairs=linked)
        if not errors:  # the model's own rules (法定外の理由, 提案募集の組織 …), without writing
            candidate = PersonalInfoFile(**{k: v for k, v in plan.items() if k != "handling_affairs"})
            try:
                candidate.full_clean()
            except ValidationError as exc:
                errors.extend(message for messages in exc.message_dict.values() for message in messages)
        result.errors.extend(Issue(line, message) for message in errors)
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append(PreviewRow(line, [row.get(name, "") for name, _label in exports.COLUMNS], errors))
        plans.append((line, plan))
    return result, plans


def import_check(*, filename: str, data: bytes, actor_units=None) -> ImportResult:
    """Dry run: read and validate the whole file; nothing is written."""
    return _validate(filename, data, actor_units)[0]


def import_commit(*, actor, filename: str, data: bytes, publish: bool, actor_units=None,
                  on: date | None = None) -> ImportResult:
    """Validate again and create every row in one transaction (published, or as drafts); any error writes nothing."""
    result, plans = _validate(filename, data, actor_units)
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            for line, plan in plans:
                try:
                    if publish:
                        services.file_load_published(actor=actor, on=on, **plan)
                    else:
                        services.file_create(actor=actor, reason="一括取込", **plan)
                except ValidationError as exc:
                    result.errors.append(Issue(line, " ".join(exc.messages)))
                    raise
    except ValidationError:
        return result
    result.created = len(plans)
    result.committed = True
    return result


def template_rows() -> tuple[list[str], list[list[str]]]:
    return [label for _key_, label in exports.COLUMNS], [exports.EXAMPLE_ROW]
