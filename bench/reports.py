"""Reports benchmark at designated-city scale, on PostgreSQL (issue 16: annual report ≤ 5 s in every format,
each seed table ≤ 500 ms).

Generates the self-inspection data of bench/inspections.py (2,000 sections in 40 bureaus, ``--years`` fiscal
years of monthly campaigns with one response per section and 25 answers each: 10 years ≈ 6 million answers),
then, per fiscal year, the other modules' volumes of the design size (DESIGN §6): 200 incidents, 2,000
data-subject requests (one or two decisions each), 1,000 approved out-of-purpose uses, and 3,000 個人情報ファイル簿
entries with 100 PIAs — each written with its history row (simple_history's bulk_create_with_history), so the
as-of reading has the history it reads. Then it measures, as the chief (全庁):

  (a) the annual report of the last full fiscal year: the JSON of GET /api/v1/reports/annual, the page's
      assembly, and the Word, PDF and Excel documents (each built from scratch, queries included);
  (b) the same with an as-of day (history read for every record);
  (c) every table of the catalogue for that year.

It prints median and best of ``--repeat`` runs; it asserts nothing. Usage:

    .venv/bin/python bench/reports.py [--years 10] [--sections 2000] [--repeat 3] [--keep]

It creates (and drops, unless --keep) the database ``hogokan_bench_reports`` on postgres://postgres@127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/_common.py, when run as a script
from _common import drop_database, recreate_database, setup_django  # noqa: E402

DB_NAME = "hogokan_bench_reports"
WORDS = ["住民", "国民健康保険", "介護保険", "児童手当", "市税", "保育", "生活保護", "障害福祉", "予防接種", "水道"]


def timed(label: str, func, repeat: int):
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - start) * 1000)
    print(f"  median {statistics.median(samples):8.1f} ms  best {min(samples):8.1f} ms  {label}")
    return result


def chief_actor(units):
    from django.contrib.auth import get_user_model

    from hogokan.org.access import actor_for
    from hogokan.org.models import Assignment, Person, Role

    user = get_user_model().objects.create_user("chief", "chief@example.jp", "x")
    person = Person.objects.create(user=user, employee_no="C0001", name="総括 花子", email=user.email)
    Assignment.objects.create(person=person, unit=units[0], role=Role.CHIEF, start=date(2010, 4, 1))
    return actor_for(user)


def generate_others(units, first_year: int, last_year: int, *, seed: int = 13) -> None:
    from simple_history.utils import bulk_create_with_history

    from hogokan.disclosures.models import DataSubjectRequest, Decision
    from hogokan.incidents.models import Cause, Incident
    from hogokan.org.models import Organ
    from hogokan.purpose_uses.models import OutOfPurposeUse
    from hogokan.registers.models import PIA, PersonalInfoFile

    rng = random.Random(seed)
    organ = Organ.objects.get()
    start = time.perf_counter()
    causes = [code for code, _label in Cause.choices]
    incidents, requests, uses = [], [], []
    for year in range(first_year, last_year + 1):
        for n in range(200):
            day = date(year, 4, 1) + timedelta(days=rng.randrange(365))
            reported = day + timedelta(days=3) if rng.random() < 0.2 else None
            incidents.append(Incident(number=f"{year}-{n + 1:03d}", title=f"{rng.choice(WORDS)}の通知の誤送付",
                                      unit=rng.choice(units), learned_on=day, persons=rng.randrange(1, 50),
                                      cause=rng.choice(causes), report_required=reported is not None,
                                      preliminary_reported_on=reported, status=Incident.Status.CLOSED))
        for n in range(2000):
            requests.append(DataSubjectRequest(number=f"{year}-{n + 1:04d}", kind="disclosure", organ=organ,
                                               received_on=date(year, 4, 1) + timedelta(days=rng.randrange(360)),
                                               requester_name=f"請求者{rng.randrange(1500)}", is_open=False))
        for _n in range(1000):
            uses.append(OutOfPurposeUse(kind=rng.choice(["use", "provision"]), organ=organ, unit=rng.choice(units),
                                        used_on=date(year, 4, 1) + timedelta(days=rng.randrange(365)),
                                        file_or_affair_name=f"{rng.choice(WORDS)}ファイル", recipient="福祉課",
                                        basis=rng.choice(["consent", "internal", "special"]),
                                        no_unfair_harm=True, status=OutOfPurposeUse.Status.APPROVED))
    bulk_create_with_history(incidents, Incident, batch_size=2000, default_change_reason="bench")
    bulk_create_with_history(requests, DataSubjectRequest, batch_size=2000, default_change_reason="bench")
    made = list(DataSubjectRequest.objects.order_by("pk"))
    decisions = []
    for request in made:
        for _ in range(rng.choice([1, 1, 1, 2])):
            decisions.append(Decision(request=request, unit=rng.choice(units),
                                      type=rng.choice(["full", "full", "partial", "absent", "withdrawn"]),
                                      decided_on=request.received_on + timedelta(days=rng.randrange(5, 30)),
                                      grounds=["2"] if rng.random() < 0.2 else []))
    bulk_create_with_history(decisions, Decision, batch_size=5000, default_change_reason="bench")
    bulk_create_with_history(uses, OutOfPurposeUse, batch_size=5000, default_change_reason="bench")
    files = [PersonalInfoFile(name=f"{rng.choice(WORDS)}ファイル{n}", organ=organ, unit=rng.choice(units),
                              processing=rng.choice(["computer", "computer", "manual"]), status="published",
                              registered_on=date(first_year, 4, 1) + timedelta(days=rng.randrange(365 * 3)),
                              is_specific=n < 100)
             for n in range(3000)]
    bulk_create_with_history(files, PersonalInfoFile, batch_size=3000, default_change_reason="bench")
    pias = [PIA(file=file, persons=100_000, handlers=300, level="basic_full")
            for file in PersonalInfoFile.objects.filter(is_specific=True)]
    bulk_create_with_history(pias, PIA, default_change_reason="bench")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  {len(incidents):,} incidents, {len(made):,} requests, {len(decisions):,} decisions, {len(uses):,} uses, "
          f"3,000 files in {time.perf_counter() - start:.0f} s")


def measure(actor, year: int, repeat: int) -> None:
    from django.utils import timezone

    from hogokan.core.calendar import wareki_fiscal_year
    from hogokan.reports import catalogue, documents
    from hogokan.reports.annual import annual_report, annual_summary
    from hogokan.reports.catalogue import ReportContext

    today = timezone.localdate()
    for as_of in (None, date(year + 1, 1, 31)):
        def fresh(as_of=as_of):
            return ReportContext(actor, year, as_of, today)
        print(f"annual report {fresh().label}:")
        timed("JSON (GET /api/v1/reports/annual)", lambda: annual_summary(fresh()), repeat)
        timed("page (every section's tables and charts)", lambda: annual_report(fresh()), repeat)
        size = {}
        for kind in ("xlsx", "docx", "pdf"):
            def build(kind=kind, fresh=fresh, size=size):
                response = documents.document_response(kind, annual_report(fresh()), stem="bench")
                size[kind] = len(response.content)
            timed(f"{kind} (report assembled and written, {kind})", build, repeat)
        print("  sizes: " + ", ".join(f"{kind} {n / 1024:.0f} KiB" for kind, n in size.items()))
    print(f"catalogue tables {wareki_fiscal_year(year)} (each ≤ 500 ms; each from scratch, as its own page):")
    for spec in catalogue.specs():
        if spec.available:
            timed(spec.key, lambda spec=spec: spec.tables(ReportContext(actor, year, None, today)), repeat)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--sections", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    recreate_database(DB_NAME)
    setup_django(DB_NAME, tempfile.mkdtemp(prefix="hogokan-bench-"))
    from django.core.management import call_command

    import inspections as inspections_bench  # bench/inspections.py: the self-inspection generator

    try:
        call_command("migrate", verbosity=0)
        print(f"generating {args.years} fiscal years × {args.sections} sections …")
        units, _campaigns, last_year = inspections_bench.generate(years=args.years, sections=args.sections)
        generate_others(units, last_year - args.years + 1, last_year)
        measure(chief_actor(units), last_year, args.repeat)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(DB_NAME)


if __name__ == "__main__":
    main()
