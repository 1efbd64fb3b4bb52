"""A report as a document: Word (docxtpl on an editable template), PDF (typst), Excel (core.exports).

Both the Word and the PDF file are made from one plain structure (``document_data``): the sections, their
messages and their blocks (tables and charts). The templates live in ``templates/reports/documents/``:
``report.docx`` (Word: the office edits it in Word, keeping the ``{{ … }}`` tags; see docs/reports.md) and
``report.typ`` (typst). A chart goes into the PDF as its SVG and into Word as a PNG that typst draws from
the same SVG, so the pictures are the same. Japanese text needs a Japanese font on the server (Noto Sans
CJK JP, Debian ``fonts-noto-cjk``; .ci/run installs it); typst finds the system's fonts.
"""

from __future__ import annotations

import io
import json
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from hogokan.core.calendar import wareki
from hogokan.core.exports import Heading, Table, disposition, table_response

TEMPLATES = Path(__file__).resolve().parent / "templates" / "reports" / "documents"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "○" if value else ""
    if isinstance(value, int | float):
        return value
    if hasattr(value, "isoformat"):
        return wareki(value) if not isinstance(value, datetime) else wareki(timezone.localtime(value).date())
    return str(value)


def table_data(table: Table) -> dict:
    width = len(table.header)
    rows = []
    for row in table.rows:
        cells = [row.text] if isinstance(row, Heading) else [_cell(value) for value in row]
        cells = (cells + [""] * width)[:width]
        rows.append(cells)
    return {"kind": "table", "title": table.title, "header": [str(h) for h in table.header], "rows": rows,
            "note": table.note or ""}


def document_data(report) -> dict:
    """The report (annual.Report or council.Paper) as the JSON both templates read."""
    sections = []
    for number, section in enumerate(report.sections, start=1):
        blocks = [table_data(table) for table in section.tables]
        for chart in section.charts:
            blocks.append({"kind": "chart", "title": chart.title, "svg": chart.svg(), "description": chart.description(),
                           "table": table_data(chart.table())})
        sections.append({"number": f"{number}.", "title": section.title, "basis": section.basis,
                         "messages": list(section.messages), "blocks": blocks})
    return {"title": report.title, "subtitle": report.subtitle, "organisation": settings.HOGOKAN_BODY_NAME,
            "generated": f"{wareki(timezone.localdate())}作成", "landscape": getattr(report, "landscape", False),
            "sections": sections}


# ---- PDF (typst) -------------------------------------------------------------------------------------

_COMPILER = None
_COMPILER_LOCK = threading.Lock()


def _typst(source, **options):
    """One typst compiler per process: it finds and loads the fonts once (the CJK font takes most of a first
    compile); compiles take turns (the compiler is not shared between threads)."""
    global _COMPILER
    import typst

    with _COMPILER_LOCK:
        if _COMPILER is None:
            _COMPILER = typst.Compiler()
        return _COMPILER.compile(input=source, **options)


def pdf_bytes(report) -> bytes:
    data = json.dumps(document_data(report), ensure_ascii=False)
    return _typst((TEMPLATES / "report.typ").read_bytes(), format="pdf", sys_inputs={"data": data})


CHARTS_TYP = """#let svgs = json(bytes(sys.inputs.svgs))
#set page(width: auto, height: auto, margin: 0pt)
#set text(font: ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic"))
#for (i, svg) in svgs.enumerate() [
  #if i > 0 { pagebreak() }
  #image(bytes(svg), format: "svg")
]
"""


def chart_pngs(svgs: list[str], *, ppi: int = 144) -> list[bytes]:
    """The SVGs drawn by typst as PNGs, one compile for all (Word: python-docx cannot take an SVG)."""
    if not svgs:
        return []
    pages = _typst(CHARTS_TYP.encode(), format="png", ppi=ppi, sys_inputs={"svgs": json.dumps(svgs)})
    return pages if isinstance(pages, list) else [pages]


# ---- Word (docxtpl) ----------------------------------------------------------------------------------

def _word_table(subdoc, block: dict) -> None:
    from docx.shared import Pt

    subdoc.add_paragraph(block["title"], style="Heading 2")
    header, rows = block["header"], block["rows"]
    table = subdoc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    size = Pt(7) if len(header) > 9 else Pt(8) if len(header) > 6 else Pt(9)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, size
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run("" if value is None else f"{value:,}" if isinstance(value, int)
                                             else str(value))
            run.font.size = size
    if block["note"]:
        note = subdoc.add_paragraph().add_run(block["note"])
        note.font.size = Pt(8)


def docx_bytes(report, *, template: str = "report.docx") -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate

    data = document_data(report)
    doc = DocxTemplate(str(TEMPLATES / template))
    pictures = iter(chart_pngs([block["svg"] for section in data["sections"] for block in section["blocks"]
                                if block["kind"] == "chart"]))
    sections = []
    for section in data["sections"]:
        body = doc.new_subdoc()
        for message in section["messages"]:
            body.add_paragraph(message)
        for block in section["blocks"]:
            if block["kind"] == "chart":
                body.add_paragraph(block["title"], style="Heading 2")
                body.add_picture(io.BytesIO(next(pictures)), width=Mm(160))
                body.add_paragraph(block["description"])
            else:
                _word_table(body, block)
        sections.append({**section, "body": body})
    doc.render({**data, "sections": sections}, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- responses ------------------------------------------------------------------------------------------

def document_response(kind: str, report, *, stem: str) -> HttpResponse:
    """?format=docx | pdf | xlsx of a report (xlsx: one worksheet per table, its title on top)."""
    if kind == "xlsx":
        tables = [replace(table, sheet=f"{index:02d}_{table.key}"[:31], titled=True)
                  for index, table in enumerate(report.tables + [chart.table() for chart in report.charts], start=1)]
        return table_response("xlsx", tables, stem=stem)
    if kind == "docx":
        body, content_type, extension = docx_bytes(report), DOCX, "docx"
    else:
        body, content_type, extension = pdf_bytes(report), PDF, "pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = disposition(stem, extension)
    return response
