"""Self-inspection benchmark at designated-city scale, on PostgreSQL.

Generates 2,000 sections (40 bureaus × 50), ten fiscal years of monthly campaigns (120) with one
response per section and 25 answers each (about 6 million answers, with a realistic 2 % of ×),
then measures in one run:

  (a) the yearly aggregate for all sections as the product computes it
      (hogokan.inspections.aggregation.yearly_table),
  (b) the same numbers by a naive loop over the ORM (aggregation.naive_yearly_table),
  and the submit endpoint (POST /api/v1/inspections/responses/<id>/submit) under 50 concurrent
  clients on loopback against `hogokan serve` (gunicorn): p50/p95, requests/s, errors.

Goals from the issue: (a) ≤ 200 ms and ≥ 10× faster than (b); submit p95 ≤ 150 ms, 0 errors.
It prints the figures; it asserts nothing. Usage:

    .venv/bin/python bench/inspections.py [--years 10] [--sections 2000] [--submits 1000] [--keep]
        [--clients 50] [--rate 5] [--rates 10,20]   # --years 0: only the submit measurements

The server is ``hogokan serve`` (gunicorn, gthread, 4 threads per worker) with WEB_CONCURRENCY
workers (default 2 × cores + 1) and persistent database connections (DB_CONN_MAX_AGE, default
600 s here); both can be set in the environment. Submit figures: one client (the server's own
time), open loop at the design peak rate (--rate; --rates adds higher rates to find the capacity),
then 50 closed-loop clients (saturation: each client sends its next request as soon as the last
one is answered, so with N clients in flight p50 ≈ N / throughput — Little's law).

It creates (and drops, unless --keep) the database ``hogokan_bench_inspections`` on
postgres://postgres@127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/_common.py, when run as a script
from _common import drop_database, recreate_database, setup_django  # noqa: E402

DB_NAME = "hogokan_bench_inspections"








def _copy(cursor, table: str, columns: list[str], rows) -> int:
    """COPY rows into ``table`` (tab-separated text), 200,000 rows per chunk."""
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join("\\N" if value is None else str(value) for value in row))
            buffer.write("\n")
            count += 1
            if count % 200_000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return count


def generate(*, years: int, sections: int, seed: int = 7):
    from datetime import date

    from django.db import connection
    from django.utils import timezone

    from hogokan.core.calendar import BodyCalendar
    from hogokan.inspections import rules, services
    from hogokan.inspections.models import Campaign, ChecklistItem, InspectionResponse
    from hogokan.org.models import Organ, OrgUnit, UnitKind

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
    template = services.template_in_use("nagoya-monthly")
    items = list(ChecklistItem.objects.filter(template=template).order_by("order"))
    dash_items = {item.pk for item in items if item.dash_allowed}
    calendar = BodyCalendar()
    first_year = timezone.localdate().year - years - (1 if timezone.localdate().month < 4 else 0)
    campaigns = []
    for fiscal in range(first_year, first_year + years):
        for month in rules.FISCAL_MONTHS:
            year, month = rules.fiscal_year_month(fiscal, month)
            day = rules.inspection_date(year, month, calendar)
            campaigns.append(Campaign(
                kind=Campaign.Kind.STRENGTHENING if month in (8, 2) else Campaign.Kind.MONTHLY,
                title=f"{year}年{month}月 情報に関する点検", fiscal_year=fiscal, year=year, month=month,
                template=template, inspection_date=day, report_due=rules.report_due(year, month),
                status=Campaign.Status.CLOSED))
    campaigns = Campaign.objects.bulk_create(campaigns)
    print(f"  {len(units)} sections, {len(campaigns)} campaigns ({first_year}–{first_year + years - 1}年度)")
    submitted = InspectionResponse.Status.APPROVED
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM inspections_inspectionresponse")
        next_id = cursor.fetchone()[0] + 1
        response_rows, answer_meta = [], []
        now = timezone.now().isoformat()
        for campaign in campaigns:
            for unit in units:
                status = submitted if rng.random() > 0.01 else InspectionResponse.Status.NOT_STARTED
                response_rows.append((next_id, campaign.pk, unit.pk, status, now if status == submitted else None,
                                      "f", "", now))
                if status == submitted:
                    answer_meta.append((next_id, campaign.pk, unit.pk))
                next_id += 1
        _copy(cursor, "inspections_inspectionresponse",
              ["id", "campaign_id", "unit_id", "status", "submitted_at", "late", "review_comment", "updated_at"],
              response_rows)

        def answers():
            for response_id, campaign_id, unit_id in answer_meta:
                for item in items:
                    roll = rng.random()
                    value = "ng" if roll < 0.02 else ("na" if item.pk in dash_items and roll < 0.3 else "ok")
                    yield (response_id, campaign_id, unit_id, item.pk, value, "")

        count = _copy(cursor, "inspections_answer",
                      ["response_id", "campaign_id", "unit_id", "item_id", "value", "remark"], answers())
        # COPY with explicit ids does not move the sequence: later inserts must start after them.
        cursor.execute("SELECT setval(pg_get_serial_sequence('inspections_inspectionresponse', 'id'), "
                       "(SELECT MAX(id) FROM inspections_inspectionresponse))")
    # As autovacuum would after a load: the visibility map lets the aggregate read the index only.
    with connection.cursor() as wrapper:
        wrapper.cursor.execute("VACUUM ANALYZE inspections_answer")
        wrapper.cursor.execute("ANALYZE")
    print(f"  {len(response_rows):,} responses and {count:,} answers in {time.perf_counter() - start:.0f} s")
    return units, campaigns, first_year + years - 1


def measure_aggregate(fiscal_year: int):
    from hogokan.inspections import aggregation

    aggregation.yearly_table(fiscal_year)  # warm the cache once
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        fast = aggregation.yearly_table(fiscal_year)
        samples.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    naive = aggregation.naive_yearly_table(fiscal_year)
    naive_ms = (time.perf_counter() - start) * 1000
    product_ms = statistics.median(samples)
    same = _comparable(fast) == _comparable(naive)
    print(f"(a) yearly aggregate, product:   median {product_ms:8.1f} ms (5 runs, max {max(samples):.1f} ms)")
    print(f"(b) yearly aggregate, naive ORM: {naive_ms:8.1f} ms")
    print(f"    ratio {naive_ms / product_ms:,.1f}×; same numbers: {'yes' if same else 'NO'}")


def _comparable(table):
    """Both functions return the same structure; compare it as JSON."""
    return json.dumps(table, sort_keys=True, default=str)


def prepare_submits(count: int):
    """A fresh campaign this month; officers with tokens for ``count`` sections."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hogokan.accounts.services import token_issue
    from hogokan.inspections import services
    from hogokan.inspections.models import Campaign
    from hogokan.org.models import Assignment, OrgUnit, Person, Role, UnitKind

    today = timezone.localdate()
    sections = list(OrgUnit.objects.filter(kind=UnitKind.SECTION).order_by("code")[:count])
    user_model = get_user_model()
    tokens = {}
    for index, unit in enumerate(sections):
        user = user_model.objects.create_user(f"officer{index:05d}", password=None)
        person = Person.objects.create(user=user, employee_no=f"BO{index:05d}", name=f"課長{index}")
        Assignment.objects.create(person=person, unit=unit, role=Role.OFFICER, start=unit.valid_from)
        tokens[unit.pk] = token_issue(actor=None, user=user, name="bench")[1]
    campaign = services.campaign_create(actor=None, kind=Campaign.Kind.ADHOC, year=today.year, month=today.month,
                                        units=sections, title="ベンチマーク点検")
    numbers = list(campaign.template.items.values_list("number", flat=True))
    jobs = [(response.pk, tokens[response.unit_id]) for response in campaign.responses.all()]
    return jobs, numbers


def _warm_up(port: int, token: str, rounds: int = 64) -> None:
    """Every gunicorn worker's first request loads code and templates: not part of the figures."""

    def one(_):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/api/v1/inspections/campaigns", headers={"Authorization": f"Bearer {token}"})
        conn.getresponse().read()

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(one, range(rounds)))


def _cpu_seconds(server_pid: int) -> tuple[float, float]:
    """CPU time (user + system) so far of the gunicorn processes and of this database's backends (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    server = database = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        used = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        if int(entry) == server_pid or int(fields[1]) == server_pid:  # the master and its workers
            server += used
        elif command.startswith("postgres:") and f" {DB_NAME} " in command:
            database += used
    return server, database


def measure_submit(jobs, numbers, *, clients: int = 50, port: int = 8799, rate: float | None = None):
    """Closed loop (each client sends its next request at once) or, with ``rate``, open loop:
    requests arrive at ``rate`` per second over ``clients`` connections, latency counted from arrival."""
    env = {**os.environ, "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)),
           "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "600")}
    server = subprocess.Popen([str(ROOT / ".venv/bin/hogokan"), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(60):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/accounts/login/")
                break
            except OSError:
                time.sleep(0.5)
        _warm_up(port, jobs[0][1])
        body = json.dumps({"answers": {number: {"value": "○", "remark": ""} for number in numbers}}).encode()
        latencies, errors, lock = [], [], threading.Lock()
        local = threading.local()

        began = time.perf_counter()

        def submit(indexed):
            index, (response_id, token) = indexed
            if not hasattr(local, "conn"):
                local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if rate:
                arrival = began + index / rate
                time.sleep(max(0.0, arrival - time.perf_counter()))
                start = arrival
                # An idle kept-alive connection may have been closed by gunicorn: a fresh one each time.
                local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            else:
                start = time.perf_counter()
            try:
                local.conn.request("POST", f"/api/v1/inspections/responses/{response_id}/submit", body=body,
                                   headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
                reply = local.conn.getresponse()
                reply.read()
                ok = reply.status == 200
                status = reply.status
            except OSError as exc:
                ok, status = False, repr(exc)
                local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(status)

        cpu_before, client_before = _cpu_seconds(server.pid), time.process_time()
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(submit, enumerate(jobs)))
        wall = time.perf_counter() - start
        cpu_after, client_after = _cpu_seconds(server.pid), time.process_time()
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    mode = f"open loop at {rate:g} req/s over {clients} connections" if rate else f"{clients} concurrent clients"
    throughput = len(latencies) / wall
    print(f"submit, {mode}: {len(latencies)} requests in {wall:.1f} s = "
          f"{throughput:.0f} req/s; p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms; "
          f"errors {len(errors)}{' ' + str(sorted(set(map(str, errors)))[:5]) if errors else ''}"
          f" (workers {env['WEB_CONCURRENCY']} × 4 threads)")
    per = [(after - before) * 1000 / len(latencies) for before, after in
           ((cpu_before[0], cpu_after[0]), (cpu_before[1], cpu_after[1]), (client_before, client_after))]
    print(f"    CPU per request: server {per[0]:.1f} ms, PostgreSQL {per[1]:.1f} ms, bench client {per[2]:.1f} ms "
          f"→ at most {(os.cpu_count() or 1) * 1000 / sum(per):.0f} req/s on {os.cpu_count()} idle cores")
    if not rate and clients > 1:
        print(f"    Little's law: {clients} in flight / {throughput:.0f} req/s = {clients / throughput * 1000:.0f} ms "
              f"mean; p95 ≤ 150 ms with {clients} clients would need ≥ {clients / 0.15:.0f} req/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, default=10, help="0: only the submit measurement")
    parser.add_argument("--sections", type=int, default=2000)
    parser.add_argument("--submits", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rate", type=float, default=5.0,
                        help="open-loop arrival rate (2,000 sections in under 7 minutes at 5/s)")
    parser.add_argument("--rates", default="",
                        help="further open-loop rates, comma-separated (e.g. 10,20), 100 requests each")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    recreate_database(DB_NAME)
    data_dir = tempfile.mkdtemp(prefix="hogokan-bench-")
    setup_django(DB_NAME, data_dir)
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        print(f"generating {args.years} fiscal years × {args.sections} sections …")
        _units, _campaigns, last_year = generate(years=args.years, sections=args.sections)
        if args.years:
            measure_aggregate(last_year)
        jobs, numbers = prepare_submits(args.submits)
        from django.db import connections

        connections.close_all()
        tenth = len(jobs) // 10
        measure_submit(jobs[:tenth], numbers, clients=1)  # the server's own time, no queueing
        measure_submit(jobs[tenth:2 * tenth], numbers, clients=args.clients, rate=args.rate)  # a busy morning
        rest = jobs[2 * tenth:]
        for extra in [float(r) for r in args.rates.split(",") if r.strip()]:  # where the capacity ends
            measure_submit(rest[:tenth], numbers, clients=args.clients, rate=extra)
            rest = rest[tenth:]
        measure_submit(rest, numbers, clients=args.clients)  # saturation
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(DB_NAME)


if __name__ == "__main__":
    main()
