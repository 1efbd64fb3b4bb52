"""Council papers (審議会報告「個人情報保護制度の運用状況について（報告）」, seeds/003 箕面市, 004 八千代市).

A chosen set of tables for two fiscal years side by side: the previous year complete, the current one up to
the as-of day (「1月31日時点」). Both are read as the records stood on that day (core.history through the
modules' api.py): a request received after it is absent, one decided after it is still undecided.
A count table whose rows match is merged into one table (the two years' columns side by side); a list, or a
table that already spans years, is printed once per year or once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hogokan.core.calendar import wareki, wareki_fiscal_year
from hogokan.core.exports import Heading, Table
from hogokan.reports import catalogue
from hogokan.reports.annual import Section, spec_tables
from hogokan.reports.catalogue import ReportContext

TITLE = "個人情報保護制度の運用状況について（報告）"
DEFAULT_TABLES = ["disclosure_requests", "disclosure_grounds", "purpose_use", "purpose_provision", "incidents"]


@dataclass
class Paper:
    title: str
    subtitle: str
    ctx: ReportContext
    sections: list[Section] = field(default_factory=list)
    landscape: bool = True

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def charts(self) -> list:
        return []


def choices() -> list[tuple[str, str]]:
    return [(spec.key, f"{spec.title}（{spec.module_label}）") for spec in catalogue.specs() if spec.available]


def _labels(table: Table) -> list:
    return [row[0] for row in table.rows if not isinstance(row, Heading) and row]


def side_by_side(before: Table, current: Table, before_label: str, current_label: str) -> Table | None:
    """One table with the two years' columns next to each other, when both have the same rows and header."""
    if list(before.header) != list(current.header) or _labels(before) != _labels(current) or len(before.header) < 2:
        return None
    header = [current.header[0]]
    for name in current.header[1:]:
        header += [f"{before_label} {name}", f"{current_label} {name}"]
    rows = []
    for old, new in zip(before.rows, current.rows, strict=True):
        if isinstance(new, Heading):
            rows.append(new)
            continue
        row = [new[0]]
        for position in range(1, len(current.header)):
            row += [old[position] if position < len(old) else "", new[position] if position < len(new) else ""]
        rows.append(row)
    title = current.title.split("（")[0]
    note = current.note
    return Table(current.key, f"{title}（{before_label}・{current_label}）", header, rows, note)


def council_paper(ctx: ReportContext, keys: list[str]) -> Paper:
    keys = [key for key in keys if catalogue.get(key) and catalogue.get(key).available] or DEFAULT_TABLES
    previous = ctx.previous()
    current_label = f"{wareki_fiscal_year(ctx.fiscal_year)}" + (f"（{_short(ctx)}時点）" if ctx.as_of else "")
    before_label = wareki_fiscal_year(previous.fiscal_year)
    paper = Paper(TITLE, f"{before_label}・{current_label}", ctx)
    for key in keys:
        spec = catalogue.get(key)
        section = Section(key, spec.title, " ".join(spec.seed_labels))
        current_tables = spec_tables(spec, ctx)
        if spec.spans_years:
            section.tables = current_tables
        else:
            before_tables = spec_tables(spec, previous)
            for before, current in zip(before_tables, current_tables, strict=False):
                merged = side_by_side(before, current, before_label, current_label) if spec.merge else None
                if merged is not None:
                    section.tables.append(merged)
                    continue
                if ctx.as_of and spec.as_of:
                    current.title = f"{current.title}（{_short(ctx)}時点）"
                section.tables += [before, current]
        if not section.tables:
            section.messages.append("この表の記録はありません。")
        paper.sections.append(section)
    if ctx.as_of:
        paper.subtitle += f"　※{wareki(ctx.as_of)}時点"
    return paper


def _short(ctx: ReportContext) -> str:
    return f"{ctx.as_of.month}月{ctx.as_of.day}日"
