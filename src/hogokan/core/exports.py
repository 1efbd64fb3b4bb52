"""List downloads shared by every module: the same rows as on screen, as CSV or Excel.

CSV is UTF-8 with a BOM so that Excel on LGWAN terminals opens Japanese text correctly; cells a
spreadsheet would read as a formula are prefixed with ' (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _csv_cell(value) -> str:
    value = _local(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(safe_text(value))


def disposition(stem: str, extension: str) -> str:
    return f'attachment; filename="{stem}-{timezone.localdate():%Y%m%d}.{extension}"'


def csv_response(stem: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = disposition(stem, "csv")
    return response


def xlsx_response(stem: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_text(_local(value)) for value in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(12, len(str(name)) * 2 + 4)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = disposition(stem, "xlsx")
    return response


def table_download(kind: str, *, stem: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    if kind == "xlsx":
        return xlsx_response(stem, title, header, rows)
    return csv_response(stem, header, rows)


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
