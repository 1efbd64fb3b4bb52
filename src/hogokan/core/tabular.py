"""Reading an uploaded CSV (UTF-8 or Shift_JIS) or Excel (.xlsx) file row by row, for every import."""

from __future__ import annotations

import csv
import io
import re
import secrets
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

MAX_COLUMNS = 64
# Spreadsheets carry formatted empty rows to the end of the sheet (300 KB of them cost 52 s to walk):
# the data ends at the first run of this many empty rows.
EMPTY_RUN_END = 1_000
# A zip bomb guard: a real register or staff list is a few MB once inflated.
MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (type, encoding, empty, too many rows …)."""


@dataclass
class Issue:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.line}行目: {self.message}" if self.line else self.message


@dataclass
class PreviewRow:
    """One row of a dry run as the page shows it: its line, its cells and what is wrong with it."""

    line: int
    cells: list[str]
    errors: list[str]
    values: dict = field(default_factory=dict)  # the row's checked values, for the commit


@dataclass
class ImportResult:
    """A dry run or a commit of a one-kind import (registers, findings): nothing is written unless ``ok``."""

    columns: list[str]
    rows_parsed: int = 0
    errors: list[Issue] = field(default_factory=list)
    preview: list[PreviewRow] = field(default_factory=list)
    created: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def file_format(filename: str, data: bytes) -> str:
    """``csv`` or ``xlsx`` from the name, checked against the first bytes."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext == "xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("古い Excel 形式（.xls）は読めません。Excel で「Excel ブック（.xlsx）」として保存し直してください。")
    if ext == "xlsx":
        if not data.startswith(b"PK\x03\x04"):
            raise ImportFileError("Excel ファイル（.xlsx）として読めません。ファイルが壊れていないか確認してください。")
        return "xlsx"
    if ext in ("csv", "txt"):
        if data.startswith(b"PK\x03\x04"):
            raise ImportFileError("CSV ファイルではありません（Excel 形式のようです）。拡張子を .xlsx にするか CSV で保存してください。")
        return "csv"
    raise ImportFileError("CSV（.csv）または Excel（.xlsx）のファイルを選んでください。")


def decode(data: bytes) -> str:
    # UTF-8 (with or without BOM) first; Excel on Windows saves "CSV" as Shift_JIS (cp932).
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("文字コードを判別できません。UTF-8 または Shift_JIS で保存してください。")


def csv_rows(data: bytes):
    """(line number, cells) for every row of a CSV file."""
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    line = 0
    try:
        for line, row in enumerate(reader, start=1):
            yield line, row
    except csv.Error as exc:
        raise ImportFileError(f"{line + 1}行目付近を CSV として読めません（{exc}）。") from exc


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_rows(data: bytes, *, max_columns: int = MAX_COLUMNS, max_inflated: int = MAX_XLSX_INFLATED_BYTES):
    """(line number, cells as text) for every row of the first sheet of an .xlsx file."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > max_inflated:
                raise ImportFileError("Excel ファイルの中身が大きすぎます。行を減らすか CSV で保存してください。")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The stored dimension may claim a million rows; read only the rows that exist.
        sheet.reset_dimensions()
        for line, row in enumerate(sheet.iter_rows(max_col=max_columns, values_only=True), start=1):
            yield line, [cell_text(value) for value in row]
        workbook.close()
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (BadZipFile, KeyError, ValueError …)
        raise ImportFileError("Excel ファイル（.xlsx）として読めません。ファイルが壊れていないか確認してください。") from exc


def rows(filename: str, data: bytes, **limits):
    """(line number, cells) of a CSV or .xlsx file, by its format."""
    if file_format(filename, data) == "csv":
        return csv_rows(data)
    return xlsx_rows(data, **limits)


@dataclass
class Table:
    """An uploaded table: its header row and its non-blank data rows, each with its row number."""

    header_line: int
    header: list[str]
    rows: list[tuple[int, list[str]]]


def read_table(filename: str, data: bytes, *, max_rows: int, **limits) -> Table:
    """The header and the data rows of a CSV or .xlsx file, for every import.

    Blank rows are skipped; a run of ``EMPTY_RUN_END`` blank rows ends the data; more than
    ``max_rows`` data rows is refused with a message (the file is split, not half-imported).
    """
    if not data:
        raise ImportFileError("ファイルが空です。")
    header, header_line, table_rows, empty_run = None, 0, [], 0
    for line, raw in rows(filename, data, **limits):
        cells = [str(cell).strip() for cell in raw]
        if not any(cells):
            empty_run += 1
            if empty_run >= EMPTY_RUN_END:
                break
            continue
        empty_run = 0
        if header is None:
            header, header_line = cells, line
            continue
        if len(table_rows) >= max_rows:
            raise ImportFileError(f"行が多すぎます（{max_rows:,}行まで）。ファイルを分けて取り込んでください。")
        table_rows.append((line, cells))
    if header is None:
        raise ImportFileError("ファイルが空です。")
    if not table_rows:
        raise ImportFileError("データの行がありません。見出しの行の次の行から入力してください。")
    return Table(header_line, header, table_rows)


class StagingError(Exception):
    """The staged file of a dry run is gone or not this user's: the message says what to do."""


class ImportStaging:
    """Between an import's dry run and its 「取り込む」, the uploaded bytes wait in
    ``DATA_DIR/imports/<prefix>-<token>.<ext>`` (owner-only); the token is kept in the session, so only
    the user who uploaded the file can commit it, and a new upload replaces the one waiting. Files of
    dry runs never committed are removed after a day.
    """

    STALE_SECONDS = 24 * 60 * 60

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.session_key = f"hogokan_import_{prefix}"
        self.pattern = re.compile(rf"{re.escape(prefix)}-[0-9a-f]{{32}}\.(csv|xlsx)")

    def _folder(self) -> Path:
        from django.conf import settings

        folder = Path(settings.DATA_DIR) / "imports"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    def stage(self, request, data: bytes, fmt: str, **meta) -> str:
        """Keep ``data`` for this session's commit; ``meta`` (kind, filename …) comes back with it."""
        self.discard(request)
        folder = self._folder()
        cutoff = time.time() - self.STALE_SECONDS
        for old in folder.glob(f"{self.prefix}-*"):
            if self.pattern.fullmatch(old.name) and old.stat().st_mtime < cutoff:
                old.unlink(missing_ok=True)
        token = f"{self.prefix}-{secrets.token_hex(16)}.{fmt}"
        path = folder / token
        path.touch(mode=0o600)
        path.write_bytes(data)
        request.session[self.session_key] = {"token": token, **meta}
        return token

    def take(self, request, token: str) -> tuple[dict, bytes]:
        """The staged file for ``token`` (the one this session uploaded) and its meta; it stays until ``discard``."""
        pending = request.session.get(self.session_key) or {}
        if not self.pattern.fullmatch(token or "") or not secrets.compare_digest(token, pending.get("token", "")):
            raise StagingError("取り込むファイルが見つかりません。もう一度ファイルを選んで確認してください。")
        try:
            data = (self._folder() / token).read_bytes()
        except FileNotFoundError as exc:
            request.session.pop(self.session_key, None)
            raise StagingError("確認したファイルの保存期間が過ぎました。もう一度ファイルを選んで確認してください。") from exc
        return pending, data

    def discard(self, request) -> None:
        pending = request.session.pop(self.session_key, None) or {}
        if self.pattern.fullmatch(pending.get("token", "")):
            (self._folder() / pending["token"]).unlink(missing_ok=True)
