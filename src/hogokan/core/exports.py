"""Every download and every table of results: one ``Table`` type, one cleaner, one CSV and one Excel writer.

A statistics page, its CSV/Excel download, a list export and the coming reports all hold their
results as ``Table`` (title, header, rows, note) and hand them to ``table_response``.

Every text cell goes through ``clean``: control characters are removed (XML 1.0 cannot hold them,
and they have no place in a register), and a cell a spreadsheet would read as a formula is
prefixed with ' (CSV/formula injection, full-width ＝＋－＠ included, as Japanese IMEs type them).
CSV is UTF-8 with a BOM so that Excel on LGWAN terminals opens Japanese text correctly.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.http import Http404, HttpResponse
from django.utils import timezone

from hogokan.core import xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
EXPORT_FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(value):
    """A cell as it may be written: text without control characters and never a formula."""
    if isinstance(value, str):
        value = _CONTROL.sub("", value)
        # A lone mark ("－" of an inspection, "-") is no formula; anything longer that starts like one is.
        if len(value) > 1 and value.startswith(FORMULA_START):
            return "'" + value
    return value


# The name the previous writers used; kept for the modules' own cell helpers.
safe_text = clean


@dataclass
class Heading:
    """A bold row inside a table's body (a group title of a printed form)."""

    text: str


@dataclass
class Table:
    """Results as rows: what a statistics page shows and what its downloads and the reports contain.

    ``key`` names the table in ``?table=`` and in file names; ``title`` is its caption and (unless
    ``sheet`` is given) its worksheet's name. The layout fields are for printed forms (様式7-1):
    lines above the header, thin borders, centred columns, frozen columns, landscape pages.
    """

    key: str
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence | Heading]
    note: str = ""
    sheet: str = ""
    preamble: Sequence[Sequence] = ()
    widths: Sequence[float] = ()
    boxed: bool = False
    centered: Sequence[int] = ()
    frozen_columns: int = 0
    frozen_body_rows: int = 0
    text_cells: bool = False
    landscape: bool = False
    notes_heading: str = ""
    titled: bool = False  # the worksheet starts with the title (council papers print it)

    @property
    def sheet_name(self) -> str:
        return self.sheet or self.title

    def preamble_cells(self):
        if self.titled:
            yield [clean(self.title)]
        for line in self.preamble:
            yield [clean(_local(value)) for value in line]

    def body_cells(self):
        """(is a heading, cleaned values) for every row; the rows are read once (they may be a generator)."""
        for row in self.rows:
            if isinstance(row, Heading):
                yield True, [clean(row.text)]
            else:
                yield False, [clean(_local(value)) for value in row]

    def note_cells(self):
        """(bold, cleaned values) for the lines below the table: a blank line, the heading, the note."""
        if not self.note:
            return
        yield False, []
        if self.notes_heading:
            yield True, [clean(self.notes_heading)]
        for line in self.note.splitlines():
            yield False, [clean(line)]

    def csv_rows(self):
        yield [clean(name) for name in self.header]
        for _heading, values in self.body_cells():
            yield [_csv_text(value) for value in values]


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    return str(value)


def disposition(stem: str, extension: str) -> str:
    return f'attachment; filename="{stem}-{timezone.localdate():%Y%m%d}.{extension}"'


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table.csv_rows())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    return xlsx.workbook_bytes(list(tables))


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = filename
    # Downloads hold personal information: no copy stays in a shared terminal's or a proxy's cache.
    response["Cache-Control"] = "private, no-store"
    return response


def table_response(kind: str, tables: Table | Sequence[Table], *, stem: str) -> HttpResponse:
    """``kind`` csv: the first table as CSV; xlsx: every table, a worksheet each."""
    tables = [tables] if isinstance(tables, Table) else list(tables)
    if kind == "xlsx":
        return _download(xlsx_bytes(tables), XLSX_TYPE, disposition(stem, "xlsx"))
    return _download(csv_bytes(tables[0]), CSV_TYPE, disposition(stem, "csv"))


def table_download(kind: str, *, stem: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A list's download: the rows on screen (all pages) under its header."""
    return table_response(kind, Table(key=stem, title=title, header=header, rows=rows), stem=stem)


def csv_response(stem: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return table_download("csv", stem=stem, title=stem, header=header, rows=rows)


def xlsx_response(stem: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return table_download("xlsx", stem=stem, title=title, header=header, rows=rows)


def tables_export(request, tables: Sequence[Table], *, stem: str, titled: bool = False) -> HttpResponse | None:
    """The downloads of a page of results, or None when none is asked for.

    ``?format=xlsx`` every table, a worksheet each (``&table=KEY`` only that one); ``?format=csv&table=KEY``
    one table (the first without ``table``). An unknown table is a 404. ``titled``: each worksheet is
    named by the table's key and starts with its title.
    """
    kind = export_format(request)
    if kind is None:
        return None
    wanted = request.GET.get("table", "")
    if titled:
        tables = [replace(table, sheet=table.key, titled=True) for table in tables]
    if wanted and wanted != "all":
        chosen = [table for table in tables if table.key == wanted]
        if not chosen:
            raise Http404("その表はありません。")
        return table_response(kind, chosen, stem=f"{stem}-{wanted}")
    if kind == "csv" and not tables:
        raise Http404("その表はありません。")
    return table_response(kind, tables, stem=stem)


def tables_links(request, tables: Sequence[Table]) -> dict:
    """Links for ``tables_export`` that keep the page's filters: ``all`` (the workbook of every table),
    ``csv`` [(title, url)], and ``tables`` [(table, {"csv": url, "xlsx": url})] for a page that shows them."""
    query = request.GET.copy()
    for name in ("format", "table", "page"):
        query.pop(name, None)
    per_table = []
    for table in tables:
        links = {}
        for kind in EXPORT_FORMATS:
            query["format"], query["table"] = kind, table.key
            links[kind] = f"?{query.urlencode()}"
        per_table.append((table, links))
    query.pop("table", None)
    query["format"] = "xlsx"
    return {"all": f"?{query.urlencode()}", "tables": per_table,
            "csv": [(table.title, links["csv"]) for table, links in per_table]}


def export_format(request) -> str | None:
    wanted = request.GET.get("format")
    return wanted if wanted in EXPORT_FORMATS else None


def export_links(request) -> dict[str, str]:
    """?format=csv / ?format=xlsx links that keep the page's filters (not its page number)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    links = {}
    for kind in EXPORT_FORMATS:
        query["format"] = kind
        links[kind] = f"?{query.urlencode()}"
    return links
