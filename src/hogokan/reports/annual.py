"""The annual public report (年次報告・公表資料, seeds/000 「保有する情報の保護及び管理の状況」) and its figures.

``annual_report(ctx)`` assembles the sections from the catalogue's tables (in the order of seeds/000); a
section whose module has no records says so instead of vanishing. ``annual_summary(ctx)`` is the API's
JSON (issue 16 §5): incidents by the day the body learned of them, requests by the day received, within
the fiscal year (April–March), everything limited to ``ctx.as_of`` when given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hogokan.audits import api as audits_api
from hogokan.core.calendar import wareki
from hogokan.core.exports import Table
from hogokan.disclosures import api as disclosures_api
from hogokan.incidents import api as incidents_api
from hogokan.inspections import api as inspections_api
from hogokan.purpose_uses import api as purpose_uses_api
from hogokan.registers import api as registers_api
from hogokan.reports import catalogue, charts
from hogokan.reports.catalogue import ReportContext, TableSpec
from hogokan.training import api as training_api

TITLE = "保有する情報の保護及び管理の状況"
NOT_AS_OF = "※ この表は時点を指定できないため、現在の記録から作成しています。"


@dataclass
class Section:
    key: str
    title: str
    basis: str                      # the ordinance / law the measures rest on
    tables: list[Table] = field(default_factory=list)
    charts: list[charts.Chart] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # 「記録がありません」 / 「未整備」

    @property
    def empty(self) -> bool:
        return not self.tables and not self.charts


@dataclass
class Report:
    title: str
    subtitle: str
    ctx: ReportContext
    sections: list[Section]

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def charts(self) -> list[charts.Chart]:
        return [chart for section in self.sections for chart in section.charts]


# (key, title, basis, table keys) in the order of seeds/000
SECTIONS = [
    ("inspections", "課・公所ごとの保護対策（自己点検・点検強化月間）", "毎月の点検表による自己点検",
     ["inspection_status", "inspection_items", "inspection_surveys"]),
    ("audits", "実地調査", "局区等情報保護委員会による実地調査", ["visit_ratings", "visit_findings", "visit_practices"]),
    ("training", "研修", "情報保護に関する研修", ["training_courses", "training_rates"]),
    ("assets", "電子情報保護対策・システム点検", "新規稼働・変更するシステムの点検", ["system_reviews"]),
    ("outsourcing", "受託者等に対する指揮監督", "受託者からの報告と作業現場の確認", ["contractor_supervision"]),
    ("incidents", "漏えい等事案", "個人情報保護法第68条（漏えい等の報告等）", ["incidents", "incident_causes"]),
    ("disclosures", "開示請求等", "個人情報保護法第76条以下", ["disclosure_requests", "disclosure_grounds"]),
    ("purpose_uses", "目的外利用・提供", "個人情報保護法第69条", ["purpose_use", "purpose_provision"]),
    ("registers", "個人情報ファイル簿", "個人情報保護法第75条", ["register_files"]),
    ("pias", "特定個人情報保護評価", "番号法第27条・第28条", ["pias"]),
]


def spec_tables(spec: TableSpec, ctx: ReportContext) -> list[Table]:
    tables = spec.tables(ctx)
    if ctx.as_of and not spec.as_of:
        for table in tables:
            table.note = f"{table.note}\n{NOT_AS_OF}".strip()
    return tables


def _section_charts(key: str, ctx: ReportContext) -> list[charts.Chart]:
    if key == "inspections":
        return [charts.inspection_trend(ctx)]
    if key == "incidents":
        return [charts.incident_causes(ctx)]
    if key == "disclosures":
        return [charts.requests_by_month(ctx)]
    return []


def annual_report(ctx: ReportContext) -> Report:
    sections = []
    for key, title, basis, keys in SECTIONS:
        section = Section(key, title, basis)
        for table_key in keys:
            spec = catalogue.get(table_key)
            if not spec.available:
                section.messages.append(f"「{spec.title}」は作成できません: {spec.missing}")
                continue
            tables = spec_tables(spec, ctx)
            section.tables += [table for table in tables if not catalogue.is_empty(table)]
        if section.tables:
            section.charts = [chart for chart in _section_charts(key, ctx) if not chart.empty]
        elif not section.messages:
            section.messages.append(f"{ctx.label}の記録はありません。")
        sections.append(section)
    subtitle = f"{ctx.label}に実施した情報保護対策"
    return Report(TITLE, subtitle, ctx, sections)


def annual_summary(ctx: ReportContext) -> dict:
    """The JSON of GET /api/v1/reports/annual (the exact fields of issue 16 §5, and more)."""
    actor, year, as_of = ctx.actor, ctx.fiscal_year, ctx.as_of
    start, end = ctx.period
    incidents = incidents_api.yearly_counts(actor, year, as_of=as_of)
    requests = disclosures_api.yearly_counts(year, as_of=as_of)
    uses = purpose_uses_api.yearly_counts(year, as_of=as_of)
    inspections = inspections_api.yearly_counts(actor, year, as_of=as_of)
    registers = registers_api.register_counts(year, as_of=as_of)
    training = training_api.yearly_counts(year, as_of=as_of)
    visits = audits_api.visit_counts(actor, year)
    return {
        "fiscal_year": year,
        "as_of": as_of.isoformat() if as_of else None,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "title": f"{TITLE}（{ctx.label}）",
        "incidents": incidents,
        "disclosure_requests": requests,
        "purpose_uses": uses,
        "inspections": inspections,
        "registers": registers,
        "training": training,
        "audits": visits,
        "sections": [{"key": key, "title": title, "available": all(catalogue.get(k).available for k in keys)}
                     for key, title, _basis, keys in SECTIONS],
    }


def as_of_label(ctx: ReportContext) -> str:
    return f"{wareki(ctx.as_of)}時点" if ctx.as_of else ""
