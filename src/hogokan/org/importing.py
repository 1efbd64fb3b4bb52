"""一括取込: org units, people and assignments from CSV (UTF-8 / Shift_JIS) or Excel (.xlsx).

``import_check`` reads and validates a whole file without writing anything; ``import_commit``
validates again and, only when nothing is wrong, creates every row through the org services in one
transaction, so history is kept and a failure anywhere leaves the database untouched. Row numbers
are the spreadsheet's: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from hogokan.core import tabular
from hogokan.core.calendar import date_range_error, parse_date
from hogokan.core.tabular import ImportFileError, Issue
from hogokan.org import services
from hogokan.org.models import UNIT_ROLES, Assignment, Organ, OrgUnit, Person, Role, UnitKind

MAX_ROWS = 20_000
PREVIEW_ROWS = 100
MAX_COLUMNS = 64
# An .xlsx is a zip: refuse archives that inflate far beyond any real 20,000-row sheet.
MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False  # the cell must be filled (a column that is never required may be left out)
    max_length: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class PreviewRow:
    line: int
    values: list[str]
    errors: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        return "error" if self.errors else "ok"


@dataclass
class ImportResult:
    kind: str
    columns: list[str] = field(default_factory=list)
    rows_parsed: int = 0
    preview: list[PreviewRow] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({issue.line for issue in self.errors if issue.line})

    def summary(self) -> str:
        """「組織 3 件を取り込みました。」"""
        parts = [f"{COUNT_LABELS[key]} {count:,} 件" for key, count in self.created.items() if count]
        return f"{'、'.join(parts) or '0 件'}を取り込みました。"


COUNT_LABELS = {"units": "組織", "people": "職員", "logins": "ログインID", "assignments": "配属・役割"}


# ---- reading the file ------------------------------------------------------------------------

def read_table(filename: str, data: bytes) -> tabular.Table:
    return tabular.read_table(filename, data, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS,
                              max_inflated=MAX_XLSX_INFLATED_BYTES)


# ---- values ----------------------------------------------------------------------------------

def _norm(value: str) -> str:
    """Full-width letters and digits to half-width (codes, dates, addresses typed in an IME)."""
    return unicodedata.normalize("NFKC", value).strip()


def _header_key(value: str) -> str:
    return re.sub(r"[\s()（）]", "", _norm(value)).lower()


def _choice(text: str, choices) -> str | None:
    """A TextChoices value from its Japanese label or its code."""
    key = _norm(text)
    for value, label in choices:
        if key == label or key.lower() == value:
            return value
    return None


class RowCheck:
    """The cells of one data row and the errors found in them."""

    def __init__(self, line: int, cells: dict[str, str]):
        self.line, self.cells, self.errors = line, cells, []

    def error(self, message: str) -> None:
        self.errors.append(message)

    def text(self, name: str) -> str:
        return self.cells.get(name, "")

    def code(self, name: str) -> str:
        return _norm(self.cells.get(name, ""))

    def day(self, name: str) -> date | None:
        raw = self.text(name)
        if not raw:
            return None
        day = parse_date(raw)
        if day is None:
            self.error(f"{name}「{raw}」は日付として読めません。")
        elif message := date_range_error(day, label=f"{name}「{raw}」"):
            self.error(message)
            return None
        return day


# ---- the three kinds -------------------------------------------------------------------------

@dataclass
class Kind:
    label: str
    columns: tuple[Column, ...]
    example: tuple[str, ...]
    check: Callable[[list[RowCheck]], list[dict | None]]
    create: Callable[..., dict[str, int]]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def _first_lines(rows: list[RowCheck], name: str) -> dict[str, int]:
    """Each value of a code column → the row it first appears on."""
    first: dict[str, int] = {}
    for row in rows:
        value = row.code(name)
        if value:
            first.setdefault(value, row.line)
    return first


def _check_units(rows: list[RowCheck]) -> list[dict | None]:
    organs = list(Organ.objects.all())
    organ_by_key = {organ.code: organ for organ in organs} | {organ.name: organ for organ in organs}
    codes_in_file = _first_lines(rows, "組織コード")
    wanted = set(codes_in_file) | {row.code("上位組織コード") for row in rows}
    existing = defaultdict(list)
    for unit in OrgUnit.objects.filter(code__in=wanted).select_related("organ"):
        existing[unit.code].append(unit)
    kinds = "・".join(label for _, label in UnitKind.choices)
    planned: dict[str, dict] = {}
    plans: list[dict | None] = []
    for row in rows:
        code, parent_code = row.code("組織コード"), row.code("上位組織コード")
        valid_from = row.day("設置日")
        kind = _choice(row.text("種別"), UnitKind.choices)
        if row.text("種別") and kind is None:
            row.error(f"種別「{row.text('種別')}」は使えません（{kinds}）。")
        if code and codes_in_file.get(code) != row.line:
            row.error(f"組織コード「{code}」は{codes_in_file[code]}行目と重複しています。")
        elif code and valid_from and any(u.valid_to is None or u.valid_to >= valid_from for u in existing[code]):
            row.error(f"組織コード「{code}」は同じ期間の組織がすでに登録されています。")
        parent = parent_plan = None
        if parent_code:
            if parent_code == code:
                row.error("上位組織コードに自分自身の組織コードは指定できません。")
            elif parent_code in planned:
                parent_plan = planned[parent_code]
                if valid_from and parent_plan["valid_from"] and parent_plan["valid_from"] > valid_from:
                    row.error(f"上位組織「{parent_plan['name']}」は設置日 {valid_from} にはまだ設置されていません。")
            elif parent_code in codes_in_file and codes_in_file[parent_code] > row.line:
                row.error(f"上位組織コード「{parent_code}」は{codes_in_file[parent_code]}行目にあります。"
                          "上位の組織は先の行に書いてください。")
            elif not existing[parent_code]:
                row.error(f"上位組織コード「{parent_code}」が見つかりません。")
            elif valid_from:
                parent = next((u for u in existing[parent_code] if u.is_valid_on(valid_from)), None)
                if parent is None:
                    row.error(f"上位組織コード「{parent_code}」の組織は設置日 {valid_from} に存在しません。")
        organ_text = row.text("実施機関")
        organ = (organ_by_key.get(organ_text) or organ_by_key.get(_norm(organ_text))) if organ_text else None
        parent_organ = parent.organ if parent else parent_plan["organ"] if parent_plan else None
        if organ_text and organ is None:
            row.error(f"実施機関「{organ_text}」が見つかりません（{'・'.join(o.name for o in organs)}）。")
        elif organ is None and parent_organ is None and not row.errors:
            row.error("最上位の組織には実施機関を入力してください。")
        elif organ and parent_organ and organ != parent_organ:
            row.error(f"上位組織は同じ実施機関（{organ.name}）の組織にしてください。")
        plan = {"line": row.line, "code": code, "name": row.text("名称"), "kind": kind, "valid_from": valid_from,
                "organ": organ or parent_organ, "parent": parent, "parent_code": parent_code if parent_plan else ""}
        if code and code not in planned and codes_in_file.get(code) == row.line:
            planned[code] = plan
        plans.append(None if row.errors else plan)
    return plans


def _create_units(plans: list[dict], *, actor, batch: str) -> dict[str, int]:
    created: dict[str, OrgUnit] = {}
    for plan in plans:
        parent = created[plan["parent_code"]] if plan["parent_code"] else plan["parent"]
        with _row(plan["line"]):
            created[plan["code"]] = services.unit_create(
                actor=actor, organ=plan["organ"], code=plan["code"], name=plan["name"], kind=plan["kind"],
                valid_from=plan["valid_from"], parent=parent)
    return {"units": len(created)}


def _check_people(rows: list[RowCheck]) -> list[dict | None]:
    numbers = _first_lines(rows, "職員番号")
    logins = _first_lines(rows, "ログインID")
    taken_numbers = set(Person.objects.filter(employee_no__in=numbers).values_list("employee_no", flat=True))
    taken_logins = set(get_user_model().objects.filter(username__in=logins).values_list("username", flat=True))
    username_ok = UnicodeUsernameValidator()
    plans: list[dict | None] = []
    for row in rows:
        number, login, email = row.code("職員番号"), row.code("ログインID"), row.code("メールアドレス")
        if number and numbers[number] != row.line:
            row.error(f"職員番号「{number}」は{numbers[number]}行目と重複しています。")
        elif number in taken_numbers:
            row.error(f"職員番号「{number}」はすでに登録されています。")
        kind = _choice(row.text("区分"), Person.Kind.choices) if row.text("区分") else Person.Kind.STAFF
        if kind is None:
            row.error(f"区分「{row.text('区分')}」は使えません（職員・受託者の従事者）。")
        if kind == Person.Kind.CONTRACTOR and not row.text("所属事業者"):
            row.error("受託者の従事者は所属事業者を入力してください。")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.error(f"メールアドレス「{email}」の形式が正しくありません。")
        if login:
            if logins[login] != row.line:
                row.error(f"ログインID「{login}」は{logins[login]}行目と重複しています。")
            elif login in taken_logins:
                row.error(f"ログインID「{login}」はすでに使われています。")
            elif len(login) > 150 or not re.fullmatch(username_ok.regex, login):
                row.error(f"ログインID「{login}」は使えません（文字・数字と @ . + - _ だけで150文字以内）。")
        plans.append(None if row.errors else {
            "line": row.line, "employee_no": number, "name": row.text("氏名"), "name_kana": row.text("氏名カナ"),
            "email": email, "kind": kind, "company": row.text("所属事業者"), "username": login})
    return plans


def _create_people(plans: list[dict], *, actor, batch: str) -> dict[str, int]:
    for plan in plans:
        with _row(plan["line"]):
            services.person_create(actor=actor, **{k: v for k, v in plan.items() if k != "line"})
    return {"people": len(plans), "logins": sum(1 for plan in plans if plan["username"])}


def _check_assignments(rows: list[RowCheck]) -> list[dict | None]:
    people = {p.employee_no: p for p in Person.objects.filter(employee_no__in=_first_lines(rows, "職員番号"))}
    units = defaultdict(list)
    for unit in OrgUnit.objects.filter(code__in=_first_lines(rows, "組織コード")):
        units[unit.code].append(unit)
    held = defaultdict(list)  # (person, unit, role) → [(start, end, line)], the database's and earlier rows'
    for a in Assignment.objects.filter(person__in=people.values()):
        held[(a.person_id, a.unit_id, a.role)].append((a.start, a.end, None))
    plans: list[dict | None] = []
    for row in rows:
        number, code = row.code("職員番号"), row.code("組織コード")
        start, end = row.day("開始日"), row.day("終了日")
        role = _choice(row.text("役割"), Role.choices)
        if row.text("役割") and role is None:
            row.error(f"役割「{row.text('役割')}」は使えません（{'・'.join(label for _, label in Role.choices)}）。")
        person = people.get(number)
        if number and person is None:
            row.error(f"職員番号「{number}」の職員が見つかりません。先に職員を取り込んでください。")
        elif person is not None and not person.is_active:
            row.error(f"職員番号「{number}」の{person.name}さんは在籍していません。")
        unit = None
        if code:
            if not units[code]:
                row.error(f"組織コード「{code}」が見つかりません。")
            elif start:
                unit = next((u for u in units[code] if u.is_valid_on(start)), None)
                if unit is None:
                    row.error(f"組織コード「{code}」の組織は開始日 {start} に存在しません。")
        elif role in UNIT_ROLES:
            row.error(f"役割「{Role(role).label}」には組織コードが必要です。")
        if start and end and end < start:
            row.error("終了日は開始日以降の日付にしてください。")
        if person and role and start and not row.errors:
            key = (person.pk, unit.pk if unit else None, role)
            clash = next(((s, e, line) for s, e, line in held[key] if s <= start and (e is None or start <= e)), None)
            if clash:
                where = f"{clash[2]}行目の配属" if clash[2] else "登録済みの配属"
                row.error(f"{person.name}さんには開始日 {start} に同じ組織・役割の配属があります（{where}）。")
            held[key].append((start, end, row.line))
        plans.append(None if row.errors else {
            "line": row.line, "person": person, "unit": unit, "role": role, "title": row.text("職名"),
            "start": start, "end": end})
    return plans


def _create_assignments(plans: list[dict], *, actor, batch: str) -> dict[str, int]:
    for plan in plans:
        with _row(plan["line"]):
            assignment = services.assignment_start(actor=actor, person=plan["person"], unit=plan["unit"],
                                                   role=plan["role"], start=plan["start"], title=plan["title"],
                                                   batch=batch)
            if plan["end"]:
                services.assignment_end(actor=actor, assignment=assignment, end=plan["end"], batch=batch)
    return {"assignments": len(plans)}


KINDS: dict[str, Kind] = {
    "units": Kind(
        "組織",
        (Column("組織コード", True, 30), Column("名称", True, 100), Column("種別", True),
         Column("実施機関", aliases=("実施機関コード",)), Column("上位組織コード"), Column("設置日", True)),
        ("310", "情報政策課", "課", "市長", "100", "2025-04-01"),
        _check_units, _create_units,
    ),
    "people": Kind(
        "職員",
        (Column("職員番号", True, 30), Column("氏名", True, 100), Column("氏名カナ", max_length=100),
         Column("メールアドレス", max_length=254), Column("区分"), Column("所属事業者", max_length=200),
         Column("ログインID", aliases=("ユーザーID", "ユーザー名"))),
        ("E1001", "山田 花子", "ヤマダ ハナコ", "yamada.hanako@example.lg.jp", "職員", "", "yamada.h"),
        _check_people, _create_people,
    ),
    "assignments": Kind(
        "配属・役割",
        (Column("職員番号", True), Column("組織コード"), Column("役割", True), Column("職名", max_length=100),
         Column("開始日", True), Column("終了日")),
        ("E1001", "211", "保護担当者・職員", "主事", "2025-04-01", ""),
        _check_assignments, _create_assignments,
    ),
}
KIND_CHOICES = [(key, kind.label) for key, kind in KINDS.items()]


# ---- check and commit ------------------------------------------------------------------------

class _RowFailed(Exception):
    def __init__(self, line: int, error: ValidationError):
        super().__init__(line)
        self.line, self.error = line, error


@contextmanager
def _row(line: int):
    """Tags a ValidationError raised by a service with the row it came from."""
    try:
        yield
    except ValidationError as exc:
        raise _RowFailed(line, exc) from exc


def _map_header(kind: Kind, table: tabular.Table, result: ImportResult) -> dict[int, str]:
    by_key = {}
    for column in kind.columns:
        for name in (column.name, *column.aliases):
            by_key[_header_key(name)] = column.name
    mapping: dict[int, str] = {}
    seen: dict[str, int] = {}
    line = table.header_line
    for index, title in enumerate(table.header):
        if not title:
            continue
        name = by_key.get(_header_key(title))
        if name is None:
            result.errors.append(Issue(line, f"列「{title}」は{kind.label}の取込では使えません"
                                             f"（使える列: {'・'.join(kind.column_names)}）。"))
        elif name in seen:
            result.errors.append(Issue(line, f"列「{title}」が2つあります。"))
        else:
            seen[name] = index
            mapping[index] = name
    for column in kind.columns:
        if column.required and column.name not in seen:
            result.errors.append(Issue(line, f"必須の列「{column.name}」がありません。"))
    return mapping


def _validate(kind_key: str, filename: str, data: bytes) -> tuple[ImportResult, list[dict | None]]:
    kind = KINDS[kind_key]
    result = ImportResult(kind=kind_key, columns=kind.column_names)
    try:
        table = read_table(filename, data)
    except ImportFileError as exc:
        result.errors.append(Issue(None, str(exc)))
        return result, []
    result.rows_parsed = len(table.rows)
    mapping = _map_header(kind, table, result)
    if result.errors:
        return result, []
    checks = []
    for line, cells in table.rows:
        values = {name: cells[index] if index < len(cells) else "" for index, name in mapping.items()}
        row = RowCheck(line, values)
        extra = [cell for index, cell in enumerate(cells) if cell and index not in mapping]
        if extra:
            row.error(f"見出しのない列に値があります（「{extra[0]}」）。")
        for column in kind.columns:
            value = values.get(column.name, "")
            if column.required and not value:
                row.error(f"{column.name}を入力してください。")
            elif column.max_length and len(value) > column.max_length:
                row.error(f"{column.name}は{column.max_length}文字以内にしてください（{len(value)}文字）。")
        checks.append(row)
    plans = kind.check(checks)
    for row in checks:
        result.errors.extend(Issue(row.line, message) for message in row.errors)
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append(PreviewRow(row.line, [row.cells.get(n, "") for n in kind.column_names], row.errors))
    return result, plans


def import_check(*, kind: str, filename: str, data: bytes) -> ImportResult:
    """Dry run: read and validate the whole file; nothing is written."""
    return _validate(kind, filename, data)[0]


def import_commit(*, actor, kind: str, filename: str, data: bytes, batch: str = "") -> ImportResult:
    """Validate again and create every row in one transaction; any error writes nothing."""
    result, plans = _validate(kind, filename, data)
    if not result.ok:
        return result
    batch = (batch or f"一括取込（{filename}）")[:100]
    try:
        with transaction.atomic():
            result.created = KINDS[kind].create(plans, actor=actor, batch=batch)
    except _RowFailed as failed:
        result.errors.append(Issue(failed.line, " ".join(failed.error.messages)))
        for row in result.preview:
            if row.line == failed.line:
                row.errors.extend(failed.error.messages)
        result.created = {}
        return result
    result.committed = True
    return result


def template_rows(kind: str) -> tuple[list[str], list[str]]:
    """The header and one example row of the downloadable template."""
    return KINDS[kind].column_names, list(KINDS[kind].example)
