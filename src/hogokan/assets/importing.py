"""A system's user list (利用者一覧) from CSV or Excel: a dry run lists every problem (unknown 職員番号,
IDs twice, IDs already in use, bad dates) and nothing is written until the whole file is clean."""

from __future__ import annotations

from hogokan.assets import services
from hogokan.assets.models import EARLIEST_ASSET_DATE, InfoSystem
from hogokan.core.calendar import date_range_error, parse_date
from hogokan.core.tabular import ImportFileError, ImportResult, Issue, PreviewRow, read_table
from hogokan.org.models import Person

COLUMNS = ["職員番号", "アカウントID", "管理者権限", "共用ID", "付与日"]
REQUIRED = ["職員番号", "アカウントID"]
MAX_ROWS = 20_000
_TRUE = {"○", "〇", "1", "はい", "あり", "true", "TRUE", "yes", "管理者", "共用"}
_FALSE = {"", "×", "0", "いいえ", "なし", "false", "FALSE", "no", "-", "－"}


def _flag(value: str, column: str, errors: list[str]) -> bool:
    if value in _TRUE:
        return True
    if value not in _FALSE:
        errors.append(f"{column}「{value}」は ○ か空欄で入力してください。")
    return False


def check(*, system: InfoSystem, filename: str, data: bytes) -> ImportResult:
    """The dry run: every row checked, the rows' values kept for the commit."""
    result = ImportResult(columns=COLUMNS)
    try:
        table = read_table(filename, data, max_rows=MAX_ROWS)
    except ImportFileError as exc:
        result.errors.append(Issue(None, str(exc)))
        return result
    missing = [column for column in REQUIRED if column not in table.header]
    if missing:
        result.errors.append(Issue(table.header_line, f"見出しに「{'」「'.join(missing)}」がありません"
                                                      f"（列: {'、'.join(COLUMNS)}）。"))
        return result
    index = {name: table.header.index(name) for name in COLUMNS if name in table.header}
    numbers = {cells[index["職員番号"]] for _line, cells in table.rows if len(cells) > index["職員番号"]}
    people = {person.employee_no: person for person in Person.objects.filter(employee_no__in=numbers)}
    in_use = set(system.accounts.filter(disabled_on__isnull=True).values_list("account_id", flat=True))
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        cell = {name: (cells[i] if i < len(cells) else "") for name, i in index.items()}
        errors: list[str] = []
        person = people.get(cell["職員番号"])
        if not cell["職員番号"]:
            errors.append("職員番号がありません。")
        elif person is None:
            errors.append(f"職員番号「{cell['職員番号']}」の職員等は登録されていません。")
        account_id = cell["アカウントID"]
        if not account_id:
            errors.append("アカウントIDがありません。")
        elif len(account_id) > 100:
            errors.append("アカウントIDは100文字以内で入力してください。")
        elif account_id in seen:
            errors.append(f"アカウントID「{account_id}」は{seen[account_id]}行目と重複しています。")
        elif account_id in in_use:
            errors.append(f"アカウントID「{account_id}」はこのシステムで使用中です。")
        seen.setdefault(account_id, line)
        admin = _flag(cell.get("管理者権限", ""), "管理者権限", errors)
        shared = _flag(cell.get("共用ID", ""), "共用ID", errors)
        granted_on = None
        if cell.get("付与日"):
            granted_on = parse_date(cell["付与日"])
            message = (date_range_error(granted_on, earliest=EARLIEST_ASSET_DATE, label="付与日") if granted_on
                       else f"付与日「{cell['付与日']}」は日付として読めません（例: 2026/4/1）。")
            if message:
                errors.append(message)
        result.rows_parsed += 1
        result.errors.extend(Issue(line, message) for message in errors)
        result.preview.append(PreviewRow(line, [cell.get(name, "") for name in COLUMNS], errors, values={
            "person": person, "account_id": account_id, "admin": admin, "shared": shared,
            "granted_on": granted_on}))
    return result


def commit(*, actor, system: InfoSystem, filename: str, data: bytes) -> ImportResult:
    """Check again and write every row in one transaction, or nothing when a row is wrong."""
    result = check(system=system, filename=filename, data=data)
    if not result.ok:
        return result
    created = services.accounts_import(actor=actor, system=system, rows=[row.values for row in result.preview])
    result.created, result.committed = len(created), True
    return result
