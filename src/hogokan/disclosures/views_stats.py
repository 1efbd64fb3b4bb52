"""The yearly tables (八千代市 2①〜④, 箕面市 five years) on screen and as CSV / Excel."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from hogokan.core.calendar import fiscal_year, wareki_fiscal_year
from hogokan.core.exports import EXPORT_FORMATS, XLSX_TYPE, disposition, safe_text, table_download
from hogokan.disclosures import statistics
from hogokan.disclosures.scoping import may_see_statistics


def _year(request) -> int:
    raw = request.GET.get("fiscal_year", "")
    current = fiscal_year(timezone.localdate())
    if raw.isdigit() and 1989 <= int(raw) <= current + 1:
        return int(raw)
    return current


def workbook_response(stem: str, tables) -> HttpResponse:
    """Every table of the year in one Excel book, one sheet each (for the council papers)."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.key[:31])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(table.header))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([safe_text(value) for value in row])
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = disposition(stem, "xlsx")
    return response


@login_required
def stats(request):
    if not may_see_statistics(request.actor):
        raise PermissionDenied("統計は事務局・監査担当・システム管理者が閲覧できます。")
    year = _year(request)
    tables = statistics.tables_for(year)
    wanted, kind = request.GET.get("table"), request.GET.get("format")
    if kind == "xlsx" and wanted == "all":
        return workbook_response(f"disclosures-{year}", tables)
    if kind in EXPORT_FORMATS:
        table = next((t for t in tables if t.key == wanted), None)
        if table is None:
            raise Http404("その表はありません。")
        return table_download(kind, stem=f"disclosures-{table.key}-{year}", title=table.title, header=table.header,
                              rows=table.rows)
    current = fiscal_year(timezone.localdate())
    years = [(y, wareki_fiscal_year(y)) for y in range(current, current - 10, -1)]
    return render(request, "disclosures/stats.html", {"tables": tables, "year": year, "years": years})
