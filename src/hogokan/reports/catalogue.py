"""The catalogue of tables: every table the seeds show, the module it comes from, how to build it.

A table is a ``TableSpec`` registered with ``register``: its key, title, the seed it reproduces, the module
that owns the records, and ``build(ctx)`` that returns ``core.exports.Table``s by calling that module's
``api.py`` (never its models). A table whose module has not got the records yet is registered with
``build=None`` and says so on the catalogue page instead of vanishing (docs/reports.md: adding a table).
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass, field
from datetime import date

from django.urls import NoReverseMatch, reverse

from hogokan.core.calendar import fiscal_year_range, wareki, wareki_fiscal_year
from hogokan.core.exports import Heading, Table

SEEDS = {
    "000": "名古屋市「保有する情報の保護及び管理の状況」",
    "001": "京都市 監査報告",
    "002": "東京都内の市 再発防止策の実施状況",
    "003": "箕面市 審議会報告",
    "004": "八千代市 審議会報告",
}

MODULES = {
    "inspections": "点検", "audits": "監査・実地調査", "training": "研修", "assets": "情報資産",
    "outsourcing": "委託", "incidents": "漏えい等事案", "disclosures": "開示請求等",
    "purpose_uses": "目的外利用・提供", "registers": "個人情報ファイル簿", "mynumber": "特定個人情報",
}


@dataclass(frozen=True)
class ReportContext:
    """Who asks, for which 年度, up to which day (None: everything recorded until now)."""

    actor: object
    fiscal_year: int
    as_of: date | None = None
    today: date | None = None
    # the modules' answers within one report (a module's call gives several tables; each is asked once)
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def cached(self, name: str, compute: Callable[[], list[Table]]) -> list[Table]:
        key = (name, self.fiscal_year, self.as_of)
        if key not in self.memo:
            self.memo[key] = list(compute())
        return [copy(table) for table in self.memo[key]]  # callers retitle their copy

    @property
    def period(self) -> tuple[date, date]:
        start, end = fiscal_year_range(self.fiscal_year)
        return start, min(end, self.as_of) if self.as_of else end

    @property
    def label(self) -> str:
        text = wareki_fiscal_year(self.fiscal_year)
        return f"{text}（{wareki(self.as_of)}時点）" if self.as_of else text

    def previous(self) -> ReportContext:
        """The year before, as recorded on the same day (a council paper's left-hand year)."""
        return ReportContext(self.actor, self.fiscal_year - 1, self.as_of, self.today, self.memo)


@dataclass
class TableSpec:
    key: str
    title: str
    module: str
    seeds: tuple[str, ...]
    build: Callable[[ReportContext], list[Table]] | None
    link: str = ""                       # the module's own page of the table (url name; ?fiscal_year= added)
    as_of: bool = True                   # honours the as-of date
    spans_years: bool = False            # already shows several years (not doubled in council papers)
    merge: bool = True                   # council papers: the two years' columns side by side (False: a list)
    chart_column: int | None = -1        # the header column the table's bar chart shows (None: no chart)
    missing: str = ""                    # why it is not available yet
    order: int = 0
    tags: tuple[str, ...] = field(default=())

    @property
    def available(self) -> bool:
        return self.build is not None

    @property
    def module_label(self) -> str:
        return MODULES.get(self.module, self.module)

    @property
    def seed_labels(self) -> list[str]:
        return [f"seeds/{seed} {SEEDS[seed]}" for seed in self.seeds]

    def link_url(self, year: int) -> str:
        if not self.link:
            return ""
        try:
            return f"{reverse(self.link)}?fiscal_year={year}"
        except NoReverseMatch:
            return ""

    def tables(self, ctx: ReportContext) -> list[Table]:
        if self.build is None:
            return []
        tables = []
        for table in self.build(ctx):
            table.rows = list(table.rows)
            tables.append(table)
        return tables


REGISTRY: dict[str, TableSpec] = {}


def register(spec: TableSpec) -> TableSpec:
    assert spec.key not in REGISTRY, f"table {spec.key} registered twice"
    spec.order = spec.order or len(REGISTRY) + 1
    REGISTRY[spec.key] = spec
    return spec


def specs() -> list[TableSpec]:
    from hogokan.reports import providers  # noqa: F401  (fills the registry once)

    return sorted(REGISTRY.values(), key=lambda spec: spec.order)


def get(key: str) -> TableSpec | None:
    specs()
    return REGISTRY.get(key)


def is_empty(table: Table) -> bool:
    """No records behind the table: no rows, or rows of zeros only (the 計 row aside). A row with any text or
    any non-zero number beyond its label is a record (a list's line, a campaign's counts)."""
    for row in table.rows:
        if isinstance(row, Heading) or not row or row[0] == "計":
            continue
        for cell in list(row)[1:]:
            if isinstance(cell, str) and cell.strip():
                return False
            if isinstance(cell, int | float) and not isinstance(cell, bool) and cell:
                return False
    return True
