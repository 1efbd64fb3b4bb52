"""Disclosures and purpose-uses benchmark: ten fiscal years of a mid-size city.

Generates the demo organisation (40 sections), ``--files`` published 個人情報ファイル簿 entries,
``--years`` × ``--requests`` data-subject requests (1–4 handling units each, one decision per unit,
half of them linked to a file) and ``--uses`` approved out-of-purpose uses, then measures:

  - the statistics tables: 八千代市 (a) per organ and (b) 不開示事由 for one year, 箕面市 (c) five
    years, purpose uses (d) per organ × basis;
  - the list query (first 50 open requests) and the pages as the views build them, queries and
    template included: the request list, its CSV and Excel download of one year, a request's detail
    page, the receipt form (it offers every file the office may see), the purpose-use list and form;
  - ``rules.request_deadline`` with a 補正 (pure computation).

Prints its figures (median and best of ``--repeat``); asserts nothing. Usage (a throw-away SQLite
database under $HOGOKAN_DATA_DIR, default /tmp/hogokan-bench-disclosures, is flushed and filled):

    .venv/bin/python bench/disclosures.py [--years 10] [--requests 2000] [--uses 10000] [--files 3000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hogokan_bench .venv/bin/python bench/disclosures.py

With DATABASE_URL the configured database is used and flushed, as bench/org_scale.py does: never
point it at a database whose data you want to keep.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_YEAR = 2016
WORDS = ["住民", "国民健康保険", "介護保険", "児童手当", "市税", "保育", "生活保護", "障害福祉", "予防接種", "水道"]


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hogokan.settings")
    os.environ.setdefault("HOGOKAN_DATA_DIR", "/tmp/hogokan-bench-disclosures")
    import django

    django.setup()


def timed(label: str, func, repeat: int):
    """One warm-up run (templates, caches), then ``repeat`` timed runs."""
    result, samples = func(), []
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - start) * 1000)
    print(f"  median {statistics.median(samples):8.1f} ms  best {min(samples):8.1f} ms  {label}")
    return result


def generate(*, years: int, per_year: int, uses: int, files: int, seed: int) -> None:
    """Bulk-creates the records as the services would leave them (deadlines stored, old requests closed)."""
    from django.core.management import call_command

    from hogokan.disclosures.models import DataSubjectRequest, Decision, RequestUnit
    from hogokan.org import demo as org_demo
    from hogokan.org.models import OrgUnit, UnitKind
    from hogokan.purpose_uses.models import OutOfPurposeUse
    from hogokan.registers.models import PersonalInfoFile

    rng = random.Random(seed)
    start = time.perf_counter()
    call_command("flush", interactive=False, verbosity=0)
    org_demo.load()
    sections = list(OrgUnit.objects.filter(kind=UnitKind.SECTION, valid_to__isnull=True))
    by_organ: dict[int, list] = {}
    for section in sections:
        by_organ.setdefault(section.organ_id, []).append(section)
    file_rows = []
    for i in range(files):
        unit, word = sections[i % len(sections)], WORDS[i % len(WORDS)]
        file_rows.append(PersonalInfoFile(
            name=f"{word}ファイル{i:04d}", organ_id=unit.organ_id, unit=unit, purpose=f"{word}に関する事務のため",
            record_items="氏名、生年月日、住所", record_scope=f"{word}の対象者", collection_method="本人からの申請",
            request_office="法務課（中央1-1-1）", kind=PersonalInfoFile.Kind.STATUTORY,
            processing=PersonalInfoFile.Processing.COMPUTER, status=PersonalInfoFile.Status.PUBLISHED,
            registered_on=date(2022, 4, 1), published_on=date(2022, 4, 1)))
    file_names = {f.pk: f.name for f in PersonalInfoFile.objects.bulk_create(file_rows, batch_size=1000)}
    file_ids = list(file_names)

    kinds = ["disclosure"] * 8 + ["correction", "suspension"]
    requests = []
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        for i in range(per_year):
            unit = rng.choice(sections)
            received = date(year, 4, 1) + timedelta(days=rng.randrange(365))
            file_id = rng.choice(file_ids) if file_ids and rng.random() < 0.5 else None
            requests.append(DataSubjectRequest(
                number=f"{year}-{i:05d}", kind=rng.choice(kinds), organ_id=unit.organ_id, received_on=received,
                requester_name=f"請求者{rng.randrange(1500)}", target_description="住民票の交付記録",
                personal_info_file_id=file_id, file_or_affair_name=file_names.get(file_id, ""),
                due_date=received + timedelta(days=30), recommended_by=received + timedelta(days=30)))
    DataSubjectRequest.objects.bulk_create(requests, batch_size=2000)

    types = ["full", "partial", "absent", "neither", "non_disclosure", "withdrawn"]
    links, decisions = [], []
    for request in DataSubjectRequest.objects.only("pk", "organ_id", "received_on", "kind"):
        candidates = by_organ[request.organ_id]
        for unit in rng.sample(candidates, min(len(candidates), rng.choice([1, 2, 3, 4]))):
            links.append(RequestUnit(request_id=request.pk, unit_id=unit.pk))
            kind = (rng.choice(types) if request.kind == "disclosure"
                    else "correct" if request.kind == "correction" else "suspend")
            decisions.append(Decision(
                request_id=request.pk, unit_id=unit.pk, type=kind, decided_on=request.received_on + timedelta(days=20),
                grounds=[rng.choice("2237")] if kind in ("partial", "neither", "non_disclosure") else []))
    RequestUnit.objects.bulk_create(links, batch_size=5000)
    Decision.objects.bulk_create(decisions, batch_size=5000)
    # The last half year is still open (its decisions above stand for the ones to come).
    last_year = FIRST_YEAR + years - 1
    DataSubjectRequest.objects.filter(received_on__lt=date(last_year, 10, 1)).update(is_open=False)

    OutOfPurposeUse.objects.bulk_create((
        OutOfPurposeUse(kind=rng.choice(["use", "provision"]), organ_id=unit.organ_id, unit_id=unit.pk,
                        used_on=date(FIRST_YEAR, 4, 1) + timedelta(days=rng.randrange(365 * years)),
                        personal_info_file_id=rng.choice(file_ids) if file_ids else None,
                        file_or_affair_name="住民基本台帳", recipient="警察署", purpose="捜査関係事項照会への回答",
                        basis=rng.choice(["law", "consent", "special"]), law_name="刑事訴訟法第197条第2項",
                        status="approved", no_unfair_harm=True)
        for unit in (rng.choice(sections) for _ in range(uses))), batch_size=5000)
    print(f"generated {DataSubjectRequest.objects.count():,} requests, {Decision.objects.count():,} decisions, "
          f"{OutOfPurposeUse.objects.count():,} uses, {len(file_ids):,} files in {time.perf_counter() - start:.1f} s "
          f"({_vendor()})")


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def measure(*, years: int, repeat: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from hogokan.disclosures import rules, views_requests
    from hogokan.disclosures import statistics as dstats
    from hogokan.disclosures.models import DataSubjectRequest
    from hogokan.disclosures.selectors import open_filter, with_state
    from hogokan.org.access import actor_for
    from hogokan.purpose_uses import statistics as pstats
    from hogokan.purpose_uses import views as use_views

    year = FIRST_YEAR + years - 2  # a full fiscal year with closed requests
    chief = get_user_model().objects.get(username="chief")
    staff = get_user_model().objects.get(username="staff")
    factory = RequestFactory()

    def page(view, path, user, *args):
        def run():
            request = factory.get(path)
            request.user, request.actor = user, actor_for(user)
            response = view(request, *args)
            assert response.status_code == 200, (path, response.status_code)
            return response

        return run

    print("statistics")
    timed(f"(a) 八千代市 per organ, FY{year}", lambda: dstats.yachiyo_requests(year), repeat)
    timed(f"(b) 不開示事由, FY{year}", lambda: dstats.yachiyo_grounds(year), repeat)
    timed(f"(c) 箕面市 five years to FY{year}", lambda: dstats.minoh_five_years(year), repeat)
    timed(f"(d) purpose uses per organ × basis, FY{year}", lambda: pstats.per_organ(year, "use"), repeat)
    print("requests")
    timed("list query, first 50 open requests", lambda: list(
        with_state(DataSubjectRequest.objects.all()).filter(open_filter()).order_by("-received_on")[:50]), repeat)
    timed("list page (chief, all years, first page of 50)",
          page(views_requests.request_list, "/disclosures/", chief), repeat)
    response = timed(f"CSV download, FY{year} (chief)",
                     page(views_requests.request_list, f"/disclosures/?fiscal_year={year}&format=csv", chief), repeat)
    print(f"{'':<40}({len(response.content) / 1024:,.0f} KiB)")
    timed(f"Excel download, FY{year} (chief)",
          page(views_requests.request_list, f"/disclosures/?fiscal_year={year}&format=xlsx", chief), repeat)
    linked = DataSubjectRequest.objects.filter(personal_info_file__isnull=False).order_by("-received_on").first()
    if linked is not None:
        timed("detail page of a request linked to a file (chief)",
              page(views_requests.request_detail, f"/disclosures/{linked.pk}/", chief, linked.pk), repeat)
    response = timed("receipt form (offers every file the office may see)",
                     page(views_requests.request_create, "/disclosures/new/", chief), repeat)
    print(f"{'':<40}({response.content.count(b'<option'):,} options)")
    print("purpose uses")
    timed("list page (chief, first page of 50)", page(use_views.use_list, "/purpose-uses/", chief), repeat)
    timed("draft form (staff: the files of the unit)", page(use_views.use_create, "/purpose-uses/new/", staff),
          repeat)
    calls = 10_000
    start = time.perf_counter()
    for i in range(calls):
        day = date(2024, 4, 1) + timedelta(days=i % 365)
        rules.request_deadline("disclosure", day, [rules.CorrectionPeriod(day + timedelta(days=2),
                                                                          day + timedelta(days=5))],
                               extended=bool(i % 2))
    print(f"rules.request_deadline with a 補正: {(time.perf_counter() - start) / calls * 1e6:.0f} µs per call "
          f"({calls:,} calls)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10, help="fiscal years of records (default 10)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per fiscal year (default 2000)")
    parser.add_argument("--uses", type=int, default=10000, help="approved purpose uses in all (default 10000)")
    parser.add_argument("--files", type=int, default=3000, help="published 個人情報ファイル簿 entries (default 3000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.years < 2:
        parser.error("--years must be at least 2 (one full closed year is measured)")
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages need the static manifest
    generate(years=args.years, per_year=args.requests, uses=args.uses, files=args.files, seed=args.seed)
    measure(years=args.years, repeat=args.repeat)


if __name__ == "__main__":
    main()
