"""Import of a findings list (the PPC's result letter typed into a sheet) into one source.

The house pattern (as registers.importing): read the whole file, check every row and report errors
with their row numbers in Japanese (dry run, nothing written); commit checks again and writes every
row in one transaction — any error writes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from hogokan.audits import services
from hogokan.audits.models import EARLIEST_AUDIT_DATE, Finding, FindingSource
from hogokan.core import tabular
from hogokan.core.calendar import date_range_error, parse_date
from hogokan.core.tabular import ImportFileError, ImportResult, Issue, PreviewRow
from hogokan.org.api import SECTION_KINDS
from hogokan.org.models import OrgUnit

MAX_ROWS = 2_000
COLUMNS = [("number", "項番"), ("category", "分類"), ("text", "指摘事項"), ("units", "担当課"),
           ("response", "対応内容"), ("due_date", "対応期限"), ("status", "区分")]
REQUIRED = ("text", "units")
ALIASES = {"項番": "number", "番号": "number", "分類": "category", "項目": "category", "指摘事項": "text",
           "ppcからの指摘事項": "text", "担当課": "units", "担当": "units", "所管課": "units", "対応内容": "response",
           "対応期限": "due_date", "期限": "due_date", "区分": "status", "状態": "status"}
STATUS_WORDS = {"対応中": Finding.Status.OPEN, "": Finding.Status.OPEN, "済み": Finding.Status.DONE,
                "済": Finding.Status.DONE, "完了": Finding.Status.DONE}
SPLIT = re.compile(r"[、,，・/／\n]+")


def _norm(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


def _key(value: str) -> str:
    return "".join(_norm(value).split()).lower()


def template_rows() -> tuple[list[str], list[list]]:
    return [label for _key, label in COLUMNS], [
        [1, "教育研修", "保有個人情報の取扱いに従事する職員に対する研修について、受講状況の確認をしていなかった。",
         "法務課", "研修の受講状況を各課に報告させることとする。", "2027-03-31", "対応中"]]


def _units_by_word() -> dict[str, list[OrgUnit]]:
    found: dict[str, list[OrgUnit]] = {}
    for unit in OrgUnit.objects.filter(kind__in=SECTION_KINDS, valid_to__isnull=True):
        found.setdefault(_key(unit.code), []).append(unit)
        found.setdefault(_key(unit.name), []).append(unit)
    return found


def _check_row(values: dict, units_by_word, errors: list[str], *, may_confirm: bool) -> dict:
    out = {}
    number = _norm(values.get("number", ""))
    if number:
        if not number.isdigit() or not 1 <= int(number) <= 99_999:
            errors.append(f"項番は1以上の半角の整数で入力してください（「{values['number']}」）。")
        else:
            out["number"] = int(number)
    out["category"] = _norm(values.get("category", ""))
    if len(out["category"]) > Finding._meta.get_field("category").max_length:
        errors.append("分類は100文字以内で入力してください。")
    out["text"] = (values.get("text") or "").strip()
    if not out["text"]:
        errors.append("指摘事項を入力してください。")
    words = [word for word in (_key(part) for part in SPLIT.split(values.get("units", ""))) if word]
    if not words:
        errors.append("担当課を入力してください（組織コードまたは課の名称。複数は「、」で区切ります）。")
    units = []
    for word in words:
        matches = units_by_word.get(word, [])
        if not matches:
            errors.append(f"担当課「{word}」が見つかりません（現在の課・公所の組織コードまたは名称で入力してください）。")
        elif len(matches) > 1:
            errors.append(f"担当課「{word}」に当たる課が複数あります。組織コードで入力してください。")
        else:
            units.append(matches[0])
    out["units"] = units
    out["response"] = (values.get("response") or "").strip()
    raw_due = _norm(values.get("due_date", ""))
    out["due_date"] = None
    if raw_due:
        due = parse_date(raw_due)
        problem = date_range_error(due, earliest=EARLIEST_AUDIT_DATE, label="対応期限") if isinstance(due, date) else None
        if not isinstance(due, date):
            errors.append(f"対応期限は「2027-03-31」のように入力してください（「{values['due_date']}」）。")
        elif problem:
            errors.append(problem)
        else:
            out["due_date"] = due
    status_word = _norm(values.get("status", ""))
    if status_word not in STATUS_WORDS:
        errors.append(f"区分は「対応中」か「済み」で入力してください（「{values['status']}」）。")
    else:
        out["status"] = STATUS_WORDS[status_word]
        if out["status"] == Finding.Status.DONE:
            if not may_confirm:
                errors.append("「済み」で取り込めるのは事務局（総括保護管理者）だけです。「対応中」で取り込んでください。")
            elif not out["response"]:
                errors.append("「済み」の行には対応内容を入力してください。")
    return out


def _read(*, source: FindingSource, filename: str, data: bytes, may_confirm: bool) -> ImportResult:
    try:
        table = tabular.read_table(filename, data, max_rows=MAX_ROWS)
    except ImportFileError as exc:
        return ImportResult(columns=[], errors=[Issue(0, str(exc))])
    names = [ALIASES.get(_key(label), "") for label in table.header]
    result = ImportResult(columns=table.header)
    missing = [label for key, label in COLUMNS if key in REQUIRED and key not in names]
    if missing:
        result.errors.append(Issue(table.header_line, f"見出しの行に「{'」「'.join(missing)}」の列がありません。"))
        return result
    units_by_word = _units_by_word()
    taken = set(source.findings.values_list("number", flat=True))
    seen: dict[int, int] = {}
    for line, cells in table.rows:
        values = {name: cells[index] if index < len(cells) else "" for index, name in enumerate(names) if name}
        errors: list[str] = []
        checked = _check_row(values, units_by_word, errors, may_confirm=may_confirm)
        number = checked.get("number")
        if number is not None:
            if number in taken:
                errors.append(f"項番{number}はこの出典で既に登録されています。")
            elif number in seen:
                errors.append(f"項番{number}が{seen[number]}行目と重なっています。")
            else:
                seen[number] = line
        row = PreviewRow(line, cells, errors, checked)
        result.rows_parsed += 1
        result.preview.append(row)
        result.errors.extend(Issue(line, error) for error in errors)
    return result


def import_check(*, source: FindingSource, filename: str, data: bytes, may_confirm: bool) -> ImportResult:
    """The dry run: every row checked, nothing written."""
    return _read(source=source, filename=filename, data=data, may_confirm=may_confirm)


def import_commit(*, actor, source: FindingSource, filename: str, data: bytes, may_confirm: bool) -> ImportResult:
    """Check again and write every row, or nothing when any row fails."""
    with transaction.atomic():
        FindingSource.objects.select_for_update().filter(pk=source.pk).values_list("pk", flat=True).get()
        result = _read(source=source, filename=filename, data=data, may_confirm=may_confirm)
        if not result.ok:
            return result
        try:
            for row in result.preview:
                values = dict(row.values)
                status = values.pop("status")
                units = values.pop("units")
                finding = services.finding_save(actor=actor, source=source, units=units,
                                                reason=f"一括取込（{filename}）", **values)
                if status == Finding.Status.DONE:
                    services.finding_confirm(actor=actor, finding=finding, note="一括取込（済みとして取込）")
                result.created += 1
        except ValidationError as exc:
            transaction.set_rollback(True)
            result.errors.append(Issue(row.line, "、".join(exc.messages)))
            result.created = 0
            return result
    result.committed = True
    return result
