"""CSV and Excel downloads of the unit and people lists (the same filtered rows as on screen)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Cells a spreadsheet would read as a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

UNIT_HEADER = ("組織コード", "名称", "種別", "実施機関", "上位組織", "設置日", "廃止日", "承継組織")
PERSON_HEADER = ("職員番号", "氏名", "氏名（カナ）", "区分", "所属事業者", "メールアドレス", "在籍", "現在の配属")


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def unit_rows(units: Iterable) -> list[tuple]:
    rows = []
    for unit in units:
        parent = unit.effective_parent()
        rows.append((unit.code, unit.name, unit.get_kind_display(), unit.organ.name, parent.name if parent else "",
                     unit.valid_from, unit.valid_to, unit.successor.name if unit.successor_id else ""))
    return rows


def person_rows(people: Iterable) -> list[tuple]:
    rows = []
    for person in people:
        held = "、".join(_assignment_label(a) for a in getattr(person, "current_assignments", []))
        rows.append((person.employee_no, person.name, person.name_kana, person.get_kind_display(), person.company,
                     person.email, "在籍" if person.is_active else "—", held))
    return rows


def _assignment_label(assignment) -> str:
    label = str(assignment)
    return f"{label}（{assignment.title}）" if assignment.title else label


def _disposition(stem: str, extension: str) -> str:
    day = timezone.localdate().strftime("%Y%m%d")
    return f'attachment; filename="{stem}-{day}.{extension}"'


def csv_response(stem: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_format_csv(value) for value in row])
    # UTF-8 with BOM so that Excel on LGWAN terminals opens Japanese text correctly.
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(stem, "csv")
    return response


def _format_csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(_safe(value))


def xlsx_response(stem: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(12, len(name) * 2 + 4)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(stem, "xlsx")
    return response


def export_response(kind: str, *, stem: str, title: str, header: Sequence[str], rows) -> HttpResponse:
    if kind == "xlsx":
        return xlsx_response(stem, title, header, rows)
    return csv_response(stem, header, rows)
