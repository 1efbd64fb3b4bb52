"""Audits benchmark at designated-city scale, on PostgreSQL.

Generates 40 bureaus × 50 sections (2,000), 30,000 staff with their assignments, and ten fiscal years of
on-site inspections (名古屋市: 5 sections per bureau a year, 200 visits, each rated ◎○△×, about 2 findings
per visit) and of audit/PPC findings (500 a year, 1–3 responsible sections each, the older ones mostly 済み),
then measures in one run, each beside the naive ORM loop it replaces:

  (a) the 総合評価 table per bureau with last year beside it (audits.visit_tables.ratings_table);
  (b) the open findings by unit and age, as the office sees it (audits.views_findings.open_overview).

The 全庁調査 table (per question counts and % of the answering sections) needs the checklist engine's
answer sheets (hogokan.checklists); the survey is not built yet, so it is not measured here. It prints the figures; it asserts nothing. Usage:

    .venv/bin/python bench/audits.py [--years 10] [--sections 2000] [--staff 30000] [--keep]

It creates (and drops, unless --keep) the database ``hogokan_bench_audits`` on postgres://postgres@127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/_common.py, when run as a script
from _common import drop_database, recreate_database, setup_django  # noqa: E402

DB_NAME = "hogokan_bench_audits"
RATINGS = ["excellent", "good", "good", "good", "partial", "partial", "poor"]






def generate(*, years: int, sections: int, staff: int, seed: int = 11):
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hogokan.audits.models import FieldVisit, Finding, FindingSource
    from hogokan.core.calendar import fiscal_year
    from hogokan.org.models import Assignment, Organ, OrgUnit, Person, Role, UnitKind

    rng = random.Random(seed)
    start = time.perf_counter()
    organ = Organ.objects.create(code="mayor", name="市長", display_order=1)
    bureaus = OrgUnit.objects.bulk_create(
        OrgUnit(organ=organ, code=f"B{b:03d}", name=f"第{b + 1}局", kind=UnitKind.BUREAU, valid_from=date(2010, 4, 1))
        for b in range(40))
    per_bureau = sections // 40
    units = OrgUnit.objects.bulk_create(
        OrgUnit(organ=organ, parent=bureau, code=f"S{b:03d}{s:03d}", name=f"第{b + 1}局第{s + 1}課",
                kind=UnitKind.SECTION, valid_from=date(2010, 4, 1))
        for b, bureau in enumerate(bureaus) for s in range(per_bureau))
    people = Person.objects.bulk_create(Person(employee_no=f"P{i:06d}", name=f"職員{i}") for i in range(staff))
    Assignment.objects.bulk_create(
        Assignment(person=person, unit=units[i % len(units)], role=Role.OFFICER if i < len(units) else Role.STAFF,
                   start=date(2016, 4, 1)) for i, person in enumerate(people))
    chief = get_user_model().objects.create_user("bench-chief", password="x")
    chief_person = Person.objects.create(user=chief, employee_no="CHIEF", name="総括")
    Assignment.objects.create(person=chief_person, unit=units[0], role=Role.CHIEF, start=date(2016, 4, 1))
    today = timezone.localdate()
    last = fiscal_year(today)
    first = last - years + 1
    visits, findings, links = [], [], []
    sources = {}
    for year in range(first, last + 1):
        sources[year] = FindingSource.objects.create(kind=FindingSource.Kind.INTERNAL, title=f"{year}年度 内部監査",
                                                     fiscal_year=year)
        for b in range(len(bureaus)):
            for unit in rng.sample(units[b * per_bureau:(b + 1) * per_bureau], 5):
                visits.append(FieldVisit(fiscal_year=year, unit=unit, status=FieldVisit.Status.RECORDED,
                                         visited_on=date(year, 10, 1), inspectors="委員", rating=rng.choice(RATINGS)))
    FieldVisit.objects.bulk_create(visits)
    through = Finding.units.through
    for year in range(first, last + 1):
        batch = []
        for number in range(1, 901):  # 500 audit findings and about 2 per visit (400)
            age = (last - year) * 365 + rng.randrange(0, 365)
            done = age > 365 and rng.random() < 0.9
            batch.append(Finding(source=sources[year], number=number, text="指摘", category="その他",
                                 due_date=today + timedelta(days=rng.randrange(-200, 200)),
                                 status=Finding.Status.DONE if done else rng.choice(["open", "open", "reported"])))
        batch = Finding.objects.bulk_create(batch)
        findings.extend(batch)
        for finding in batch:
            for unit in rng.sample(units, rng.choice((1, 1, 2, 3))):
                links.append(through(finding_id=finding.pk, orgunit_id=unit.pk))
    through.objects.bulk_create(links, batch_size=5000)
    # registration dates spread over the years (auto_now_add set them all to now)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE audits_finding SET created_at = now() - (random() * %s || ' days')::interval",
                       [years * 365])
        cursor.execute("ANALYZE")
    print(f"  {len(units)} sections, {staff:,} staff, {len(visits):,} visits, {len(findings):,} findings "
          f"({len(links):,} finding–unit links), {first}–{last}年度, generated in {time.perf_counter() - start:.0f} s")
    return chief, last


def _time(function, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def measure(chief, year: int):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from hogokan.audits.models import FieldVisit
    from hogokan.audits.views_findings import naive_open_overview, open_overview
    from hogokan.audits.visit_tables import naive_ratings_table, ratings_table
    from hogokan.core.permissions import VIEW, restrict
    from hogokan.org.access import actor_for

    actor = actor_for(chief)
    today = timezone.localdate()
    visits = restrict(FieldVisit.objects.all(), actor, VIEW)
    cases = [("(a) 総合評価 per bureau, with last year", lambda: list(ratings_table(visits, year).rows),
              lambda: list(naive_ratings_table(visits, year).rows)),
             ("(b) open findings by unit and age", lambda: list(open_overview(actor, today).rows),
              lambda: list(naive_open_overview(actor, today).rows))]
    for label, fast, naive in cases:
        reset_queries()
        with CaptureQueriesContext(connection) as fast_queries:
            fast_ms, fast_rows = _time(fast)
        with CaptureQueriesContext(connection) as naive_queries:
            naive_ms, naive_rows = _time(naive, repeat=1)
        same = sorted(map(tuple, fast_rows)) == sorted(map(tuple, naive_rows))
        print(f"{label}: {fast_ms:.0f} ms ({len(fast_queries) // 5} queries) vs naive ORM loop {naive_ms:.0f} ms "
              f"({len(naive_queries)} queries), {naive_ms / max(fast_ms, 0.001):.0f}× faster; {len(fast_rows)} rows; "
              f"same numbers: {'yes' if same else 'NO'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--sections", type=int, default=2000)
    parser.add_argument("--staff", type=int, default=30_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    recreate_database(DB_NAME)
    setup_django(DB_NAME, tempfile.mkdtemp(prefix="hogokan-bench-"))
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        print(f"generating {args.years} fiscal years × {args.sections} sections …")
        chief, year = generate(years=args.years, sections=args.sections, staff=args.staff)
        measure(chief, year)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(DB_NAME)


if __name__ == "__main__":
    main()
