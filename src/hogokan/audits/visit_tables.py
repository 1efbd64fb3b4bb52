"""The 名古屋市 tables of the on-site inspections: 総合評価 per bureau with last year beside them, 改善指摘事項
by 区分 (this year and last), and the list of 良い取組 (core.exports.Table for page and Excel)."""

from __future__ import annotations

from collections import Counter, defaultdict

from hogokan.audits.models import VISIT_FINDING_CATEGORIES, FieldVisit
from hogokan.core.calendar import wareki_fiscal_year
from hogokan.core.exports import Table
from hogokan.org.api import bureau_of

MARKS = list(FieldVisit.RATING_MARKS.items())


def ratings_table(visits, year: int) -> Table:
    """Counted by one GROUP BY (unit, year, rating); each unit's bureau is looked up once, its parents loaded
    with it (``naive_ratings_table`` is the loop it replaces, for bench/audits.py)."""
    from django.db.models import Count

    from hogokan.org.models import OrgUnit

    grouped = list(visits.filter(fiscal_year__in=[year, year - 1], status=FieldVisit.Status.RECORDED)
                   .values("unit_id", "fiscal_year", "rating").annotate(n=Count("pk")).order_by())
    units = OrgUnit.objects.select_related("parent__parent__parent").in_bulk({row["unit_id"] for row in grouped})
    bureaus = {unit_id: bureau_of(unit).name for unit_id, unit in units.items()}
    counts: dict[str, dict[int, Counter]] = defaultdict(lambda: {year: Counter(), year - 1: Counter()})
    for row in grouped:
        counts[bureaus[row["unit_id"]]][row["fiscal_year"]][row["rating"]] += row["n"]
    return _ratings(counts, year)


def naive_ratings_table(visits, year: int) -> Table:
    """The same table by a loop over the ORM: every recorded visit, its unit's bureau walked one by one."""
    counts: dict[str, dict[int, Counter]] = defaultdict(lambda: {year: Counter(), year - 1: Counter()})
    for which in (year, year - 1):
        for visit in visits.filter(fiscal_year=which, status=FieldVisit.Status.RECORDED):
            counts[bureau_of(visit.unit).name][which][visit.rating] += 1
    return _ratings(counts, year)


def _ratings(counts, year: int) -> Table:
    rows = []
    totals = {year: Counter(), year - 1: Counter()}
    for bureau in sorted(counts):
        row = [bureau]
        for which in (year, year - 1):
            tally = counts[bureau][which]
            totals[which].update(tally)
            row += [tally[code] for code, _mark in MARKS] + [sum(tally.values())]
        rows.append(row)
    rows.append(["計"] + [value for which in (year, year - 1)
                          for value in [totals[which][code] for code, _ in MARKS] + [sum(totals[which].values())]])
    this, last = wareki_fiscal_year(year), wareki_fiscal_year(year - 1)
    header = ["局区等"] + [f"{this} {mark}" for _c, mark in MARKS] + [f"{this} 計"] + \
             [f"{last} {mark}" for _c, mark in MARKS] + [f"{last} 計"]
    return Table(key="ratings", title="総合評価（局区等別・前年度比較）", header=header, rows=rows,
                 note="単位: 所属。◎よくできている ○できている △一部不備がある ×できていない")


def findings_table(findings, year: int) -> Table:
    counts = {which: Counter(findings.filter(visit__fiscal_year=which).values_list("category", flat=True))
              for which in (year, year - 1)}
    rows = [[category, counts[year][category], counts[year - 1][category]] for category in VISIT_FINDING_CATEGORIES]
    others = set(counts[year]) | set(counts[year - 1])
    rows += [[category, counts[year][category], counts[year - 1][category]]
             for category in sorted(others - set(VISIT_FINDING_CATEGORIES))]
    rows.append(["計", sum(counts[year].values()), sum(counts[year - 1].values())])
    return Table(key="findings", title="改善指摘事項（区分別）",
                 header=["区分", wareki_fiscal_year(year), wareki_fiscal_year(year - 1)], rows=rows, note="単位: 件")


def practices_table(practices, year: int) -> Table:
    rows = [[p.category, bureau_of(p.visit.unit).name, p.visit.unit.name, p.text]
            for p in practices.filter(visit__fiscal_year=year).select_related("visit__unit").order_by("category", "pk")]
    return Table(key="practices", title="工夫している点（良い取組）", header=["区分", "局区等", "所属", "内容"], rows=rows)


def visit_tables(actor_visits, actor_findings, practices, year: int) -> list[Table]:
    visit_findings = actor_findings.filter(visit__isnull=False)
    return [ratings_table(actor_visits, year), findings_table(visit_findings, year),
            practices_table(practices, year)]



