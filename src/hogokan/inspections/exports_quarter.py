"""The quarterly sheet of one section (様式7-1: three months side by side) and the list downloads.

The quarterly report goes to the bureau by the 20th of June, September, December and March
(備考3); the page prints like the paper form and downloads as Excel with the same layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpResponse

from hogokan.core.calendar import wareki, wareki_fiscal_year
from hogokan.core.exports import Heading, Table, table_response
from hogokan.inspections import defaults, rules
from hogokan.inspections.models import Answer, Campaign, SectionItem
from hogokan.inspections.services import template_in_use

REGULAR_KINDS = (Campaign.Kind.MONTHLY, Campaign.Kind.STRENGTHENING)
SECTION_GROUP = "個別点検項目"


@dataclass
class QuarterColumn:
    year: int
    month: int
    response: object = None  # the section's response to that month's campaign, if it was a target

    @property
    def label(self) -> str:
        return f"{self.month}月"

    @property
    def shown(self) -> bool:
        """Only submitted answers go on the report; a draft is still the section's own business."""
        return self.response is not None and self.response.is_submitted

    @property
    def state(self) -> str:
        if self.response is None:
            return "点検なし"
        return "提出済み" if self.shown else f"未提出（{self.response.get_status_display()}）"


@dataclass
class QuarterRow:
    number: str
    group: str
    category: str
    text: str
    marks: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    new_group: bool = False

    @property
    def remark_text(self) -> str:
        return "／".join(self.remarks)


@dataclass
class QuarterSheet:
    unit: object
    fiscal_year: int
    quarter: int
    columns: list[QuarterColumn]
    rows: list[QuarterRow]
    title: str
    notes: str

    @property
    def period(self) -> str:
        months = "・".join(column.label for column in self.columns)
        return f"{wareki_fiscal_year(self.fiscal_year)} 第{self.quarter}四半期（{months}）"


def quarter_sheet(unit, fiscal_year: int, quarter: int, responses) -> QuarterSheet:
    """``responses``: the actor's visible responses (already scoped); this picks the unit's three months."""
    months = rules.quarter_months(fiscal_year, quarter)
    wanted = Q()
    for year, month in months:
        wanted |= Q(campaign__year=year, campaign__month=month)
    found = (responses.filter(wanted, unit=unit, campaign__kind__in=REGULAR_KINDS)
             .select_related("campaign__template").order_by("campaign__kind"))
    by_month = {}
    for response in found:  # one regular campaign a month; the first kind wins if there were two
        by_month.setdefault((response.campaign.year, response.campaign.month), response)
    columns = [QuarterColumn(year, month, by_month.get((year, month))) for year, month in months]
    templates = list({column.response.campaign.template_id: column.response.campaign.template
                      for column in columns if column.response is not None}.values())
    template = templates[-1] if templates else template_in_use(defaults.NAGOYA_FAMILY)
    rows, index = [], {}
    for source in templates or ([template] if template else []):  # a blank sheet when nothing was asked yet
        for item in source.items.all():
            if item.number not in index:
                index[item.number] = len(rows)
                rows.append(QuarterRow(item.number, item.group or "点検項目", item.category, item.text))
    section_items = {item.pk: item for item in SectionItem.objects.filter(unit=unit, active=True)}
    shown = [column.response.pk for column in columns if column.shown]
    answers = list(Answer.objects.filter(response_id__in=shown).select_related("item", "section_item"))
    for answer in answers:
        if answer.section_item_id:
            section_items.setdefault(answer.section_item_id, answer.section_item)
    section_index = {}
    for item in sorted(section_items.values(), key=lambda item: (item.number, item.pk)):
        section_index[item.pk] = len(rows)
        rows.append(QuarterRow(item.number, SECTION_GROUP, item.category, item.text))
    for row in rows:
        row.marks = [""] * len(columns)
    position = {column.response.pk: n for n, column in enumerate(columns) if column.response is not None}
    for answer in answers:
        n = position[answer.response_id]
        at = section_index.get(answer.section_item_id) if answer.section_item_id else index.get(answer.item.number)
        if at is None:
            continue
        rows[at].marks[n] = rules.MARKS.get(answer.value, "")
        if answer.remark:
            rows[at].remarks.append(f"{columns[n].label}: {answer.remark}")
    for previous, row in zip([None, *rows], rows, strict=False):
        row.new_group = previous is None or previous.group != row.group
    return QuarterSheet(unit=unit, fiscal_year=fiscal_year, quarter=quarter, columns=columns, rows=rows,
                        title=template.name if template else "情報に関する点検表",
                        notes=template.notes if template else defaults.NAGOYA_NOTES)


def quarter_xlsx(sheet: QuarterSheet) -> HttpResponse:
    """The quarterly sheet as Excel in the layout of the paper form (boxes, marks centred, landscape)."""
    header = ["番号", "分類", "点検項目"]
    header += [f"{c.label}（点検日 {wareki(c.response.campaign.inspection_date)}）" if c.response else c.label
               for c in sheet.columns]
    header.append("備考")
    rows: list = [["", "", "状況", *[column.state for column in sheet.columns], ""]]
    for row in sheet.rows:
        if row.new_group:
            rows.append(Heading(row.group))
        rows.append([row.number, row.category, row.text, *row.marks, row.remark_text])
    marks = range(3, 3 + len(sheet.columns))
    table = Table(key="quarter", title=sheet.title, sheet=f"{sheet.fiscal_year}Q{sheet.quarter}", titled=True,
                  preamble=[["課・公所名", sheet.unit.name], ["期間", sheet.period], []], header=header, rows=rows,
                  boxed=True, centered=marks, widths=[8, 22, 60, *[14] * len(sheet.columns), 40],
                  frozen_columns=3, frozen_body_rows=1, note=sheet.notes, notes_heading="備考", landscape=True)
    return table_response("xlsx", table, stem=f"inspection-{sheet.unit.code}-{sheet.fiscal_year}q{sheet.quarter}")
