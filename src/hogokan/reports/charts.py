"""Server-rendered SVG charts (no script, no build step), each with a title, a description and the table
behind it; the same SVG goes into the PDF (typst draws SVG) and, as PNG, into the Word file.

A ``Chart`` is labels (the x axis) and series of numbers; ``svg()`` draws bars (stacked when there are
several series) with a scale, a legend and a <title>/<desc>; ``table()`` is the same numbers as a
``core.exports.Table`` (shown under the chart, and in the downloads).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from hogokan.core.exports import Table
from hogokan.disclosures import api as disclosures_api
from hogokan.incidents import api as incidents_api
from hogokan.inspections import api as inspections_api
from hogokan.reports.catalogue import ReportContext

# DADS colours, distinguishable side by side (blue, cyan, orange, green, purple, yellow, red, grey)
COLOURS = ["#0031D8", "#008BF2", "#E25100", "#259D63", "#7F19E6", "#B78F00", "#EC0000", "#626264"]
FONT = "'Noto Sans JP', 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic UI', Meiryo, sans-serif"
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 24, 236


@dataclass
class Chart:
    key: str
    title: str
    labels: list[str]
    series: list[tuple[str, list[float]]]
    unit: str = "件"
    label_header: str = "区分"

    @property
    def empty(self) -> bool:
        return not any(value for _name, values in self.series for value in values)

    def totals(self) -> list[float]:
        return [sum(values[i] for _name, values in self.series) for i in range(len(self.labels))]

    def description(self) -> str:
        parts = []
        for position, label in enumerate(self.labels):
            values = [(name, values[position]) for name, values in self.series if values[position]]
            if len(self.series) == 1:
                parts.append(f"{label} {_number(self.series[0][1][position])}{self.unit}")
            elif values:
                parts.append(f"{label} " + "・".join(f"{name}{_number(v)}{self.unit}" for name, v in values))
            else:
                parts.append(f"{label} 0{self.unit}")
        return f"{self.title}。" + "、".join(parts) + "。"

    def table(self) -> Table:
        header = [self.label_header] + [name for name, _values in self.series]
        if len(self.series) > 1:
            header.append("計")
        rows = []
        for position, label in enumerate(self.labels):
            row = [label] + [values[position] for _name, values in self.series]
            if len(self.series) > 1:
                row.append(sum(values[position] for _name, values in self.series))
            rows.append(row)
        return Table(f"chart_{self.key}", self.title, header, rows, f"単位: {self.unit}")

    def svg(self, *, element_id: str | None = None) -> str:
        element_id = element_id or f"chart-{self.key}"
        top_value = _nice_top(max(self.totals(), default=0))
        plot_height = BOTTOM - TOP
        slot = (WIDTH - LEFT - RIGHT) / max(1, len(self.labels))
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + _legend_height(self)}" '
               f'width="{WIDTH}" height="{HEIGHT + _legend_height(self)}" role="img" '
               f'aria-labelledby="{element_id}-title {element_id}-desc" font-family="{escape(FONT)}" font-size="12">',
               f'<title id="{element_id}-title">{escape(self.title)}</title>',
               f'<desc id="{element_id}-desc">{escape(self.description())}</desc>',
               f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT + _legend_height(self)}" fill="#FFFFFF"/>']
        for share in (0, 0.25, 0.5, 0.75, 1):
            y = round(BOTTOM - plot_height * share, 1)
            out.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#D8D8DB" stroke-width="1"/>')
            out.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" fill="#333333">'
                       f'{_number(top_value * share)}</text>')
        if self.unit:
            out.append(f'<text x="8" y="{TOP - 8}" fill="#333333">（{escape(self.unit)}）</text>')
        for position, label in enumerate(self.labels):
            x = LEFT + position * slot
            base = BOTTOM
            for colour, (name, values) in zip(_colours(self), self.series, strict=False):
                value = values[position]
                if not value:
                    continue
                height = plot_height * value / top_value if top_value else 0
                out.append(f'<rect x="{round(x + slot * 0.18, 1)}" y="{round(base - height, 1)}" '
                           f'width="{round(slot * 0.64, 1)}" height="{round(height, 1)}" fill="{colour}">'
                           f'<title>{escape(label)} {escape(name)}: {_number(value)}{escape(self.unit)}</title></rect>')
                base -= height
            out.append(f'<text x="{round(x + slot / 2, 1)}" y="{BOTTOM + 16}" text-anchor="middle" fill="#1A1A1C">'
                       f'{escape(_short(label, slot))}</text>')
        out.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{WIDTH - RIGHT}" y2="{BOTTOM}" stroke="#1A1A1C"/>')
        if len(self.series) > 1:
            for index, (colour, (name, _values)) in enumerate(zip(_colours(self), self.series, strict=False)):
                column, line = index % 4, index // 4
                x, y = LEFT + column * 145, HEIGHT - 20 + line * 20
                out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
                out.append(f'<text x="{x + 18}" y="{y + 11}" fill="#1A1A1C">{escape(_short(name, 120))}</text>')
        out.append("</svg>")
        return "".join(out)


def _colours(chart: Chart) -> list[str]:
    return [COLOURS[i % len(COLOURS)] for i in range(len(chart.series))]


def _legend_height(chart: Chart) -> int:
    lines = -(-len(chart.series) // 4) if len(chart.series) > 1 else 0
    return max(0, lines - 1) * 20


def _nice_top(value: float) -> float:
    """The scale's top: four steps of 1, 2 or 5 × 10^n, at or above the highest bar (4 for an empty chart),
    so the scale's lines fall on round numbers (whole ones for counts)."""
    step = 1.0
    while True:
        for factor in (1, 2, 5) if step < 10 else (1, 2, 2.5, 5):
            if step * factor * 4 >= value:
                return step * factor * 4
        step *= 10


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _short(text: str, room: float) -> str:
    limit = max(2, int(room // 12))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _month_labels(months) -> list[str]:
    return [f"{month}月" for _year, month, *_rest in months]


# ---- the office's trends (issue 16 §4) -------------------------------------------------------------

def inspection_trend(ctx: ReportContext) -> Chart:
    months = inspections_api.monthly_marks(ctx.actor, ctx.fiscal_year, as_of=ctx.as_of)
    return Chart("inspection_ng", f"自己点検の×の数（月別、{ctx.label}）", _month_labels(months),
                 [("×の数", [ng for _y, _m, ng, _answered in months])], unit="件", label_header="月")


def incident_causes(ctx: ReportContext) -> Chart:
    months, by_cause = incidents_api.by_month_and_cause(ctx.actor, ctx.fiscal_year, as_of=ctx.as_of)
    return Chart("incident_causes", f"漏えい等事案の発生原因別件数（月別、{ctx.label}）",
                 [f"{month}月" for _year, month in months], list(by_cause.items()), label_header="月")


def requests_by_month(ctx: ReportContext) -> Chart:
    months = disclosures_api.received_by_month(ctx.fiscal_year, as_of=ctx.as_of)
    return Chart("requests", f"開示請求等の受付件数（月別、{ctx.label}）", _month_labels(months),
                 [("受付件数", [count for _y, _m, count in months])], label_header="月")


def table_chart(table: Table, column: int) -> Chart | None:
    """A bar chart of one numeric column of ``table`` (the 計 row left out), or None."""
    header = list(table.header)
    if not header or column >= len(header) or -column > len(header):
        return None
    rows = [row for row in table.rows if isinstance(row, list | tuple) and row and row[0] != "計"]
    values = []
    for row in rows:
        cell = row[column] if -len(row) <= column < len(row) else None
        if isinstance(cell, bool) or not isinstance(cell, int | float):
            return None
        values.append(cell)
    if not values:
        return None
    return Chart(table.key, f"{table.title}（{header[column]}）", [str(row[0]) for row in rows],
                 [(str(header[column]), values)], unit="", label_header=str(header[0]))
