"""The default Word template of the reports (templates/reports/documents/report.docx), written by python-docx.

The office edits the .docx itself in Word (cover, fonts, styles, headers and footers), keeping the tags;
this module only makes the first version: ``hogokan report_template --output report.docx`` writes a fresh
copy (docs/reports.md). Tags (docxtpl, Jinja): ``{{ title }}``, ``{{ subtitle }}``, ``{{ organisation }}``,
``{{ generated }}`` and, per section, ``{{ section.number }}``, ``{{ section.title }}``, ``{{ section.basis }}``
and ``{{p section.body }}`` (its messages, tables and charts).
"""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

EAST_ASIAN_FONT = "游ゴシック"


def _east_asian(style, name: str) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def build(path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(18)
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        _east_asian(style, EAST_ASIAN_FONT)
    doc.styles["Normal"].font.size = Pt(10)

    title = doc.add_paragraph(style="Title")
    title.add_run("{{ title }}")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for tag in ("{{ subtitle }}", "{{ organisation }}　{{ generated }}"):
        paragraph = doc.add_paragraph(tag)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("{%p for section in sections %}")
    doc.add_paragraph("{{ section.number }} {{ section.title }}", style="Heading 1")
    doc.add_paragraph("{{ section.basis }}")
    doc.add_paragraph("{{p section.body }}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)
