"""Capacity on one machine (issue 18 §3): the traffic of the 15th at designated-city scale, on PostgreSQL.

The 15th is the monthly self-inspection's report day: every section head opens the home page, the
inspection form and submits it, and the day's other work goes on (registers, incidents, lists).
The bench generates a designated city (2,000 sections, two fiscal years of monthly inspections via
bench/inspections.py's generator, a ファイル簿 and incidents in the sections that take part), logs
in section heads (sessions for the pages, API tokens for the submit) and sends, open loop at
``--rate`` requests per second over ``--clients`` connections, a mix in these proportions:

  home page 25 %, inspection form 20 %, submit 10 %, incident list 10 %, register list 10 %,
  register entry 10 %, incident 10 %, inspection list 5 %

against ``hogokan serve`` (gunicorn, as in production). It prints p50/p95/max and errors for the mix
and per request type, the server's and PostgreSQL's CPU per request and the SQL queries per request
(each type once more in-process with a query counter), and beside them, in the same run, the floor:
a minimal authenticated JSON GET (one org unit by the API) under the same load.

Targets from the issue: the mix at ≥ 200 req/s with p95 ≤ 150 ms and 0 errors on 2 cores; every
request type within 3× the floor's CPU. It prints the figures; it asserts nothing. Usage:

    .venv/bin/python bench/load.py [--sections 2000] [--years 2] [--people 200] [--requests 4000]
        [--rate 200] [--clients 64] [--keep]

It creates (and drops, unless --keep) the database ``hogokan_bench_load`` on postgres://postgres@127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/_common.py, when run as a script
from _common import bench_database  # noqa: E402

import inspections as inspections_bench  # noqa: E402  (bench/inspections.py: the city and its inspections)

DB_NAME = "hogokan_bench_load"
MIX = {"home": 25, "inspection_form": 20, "submit": 10, "incident_list": 10, "register_list": 10,
       "register_entry": 10, "incident": 10, "inspection_list": 5}


class Person:
    """One section head: a session for the pages, a token for the API, the rows they work on."""

    def __init__(self, *, unit_id, session, token, response_id, file_id, incident_id):
        self.unit_id, self.session, self.token = unit_id, session, token
        self.response_id, self.file_id, self.incident_id = response_id, file_id, incident_id

    def request(self, kind: str, numbers: list[str]) -> tuple[str, str, dict, bytes | None]:
        """(method, path, headers, body) of one request of ``kind``."""
        page = {"Cookie": f"sessionid={self.session}"}
        api = {"Authorization": f"Bearer {self.token}"}
        if kind == "submit":
            import json

            body = json.dumps({"answers": {n: {"value": "○", "remark": ""} for n in numbers}}).encode()
            return ("POST", f"/api/v1/inspections/responses/{self.response_id}/submit",
                    {**api, "Content-Type": "application/json"}, body)
        paths = {"home": "/", "inspection_form": f"/inspections/responses/{self.response_id}/",
                 "incident_list": "/incidents/list/", "register_list": "/registers/",
                 "register_entry": f"/registers/files/{self.file_id}/",
                 "incident": f"/incidents/{self.incident_id}/", "inspection_list": "/inspections/",
                 "floor": f"/api/v1/org/units/{self.unit_id}"}
        return "GET", paths[kind], (api if kind == "floor" else page), None


def prepare(people: int) -> tuple[list[Person], list[str]]:
    """Section heads of ``people`` sections: a current campaign, a register entry and an incident each."""
    from django.conf import settings
    from django.test import Client

    from hogokan.incidents import services as incidents
    from hogokan.org.models import Assignment, Role
    from hogokan.registers import services as registers
    from hogokan.registers.models import PersonalInfoFile

    jobs, numbers = inspections_bench.prepare_submits(people)
    from hogokan.inspections.models import InspectionResponse

    result = []
    for response_id, token in jobs:
        response = InspectionResponse.objects.select_related("unit").get(pk=response_id)
        unit = response.unit
        officer = Assignment.objects.get(unit=unit, role=Role.OFFICER, person__employee_no__startswith="BO").person.user
        file = registers.file_create(
            actor=officer, name=f"{unit.name} 申請者ファイル", unit=unit, organ=unit.organ,
            purpose="申請の審査", record_items="氏名、住所", record_scope="申請者", collection_method="本人からの申請",
            request_office=unit.name, processing=PersonalInfoFile.Processing.COMPUTER,
            kind=PersonalInfoFile.Kind.STATUTORY)
        incident = incidents.incident_report(actor=officer, title="郵送物の誤送付", unit=unit,
                                             learned_on=date(2026, 6, 2), persons=1, summary="別人あての通知を送付した")
        client = Client()
        client.force_login(officer)
        result.append(Person(unit_id=unit.pk, session=client.cookies[settings.SESSION_COOKIE_NAME].value,
                             token=token, response_id=response_id, file_id=file.pk, incident_id=incident.pk))
    return result, numbers


def queries_per_request(person: Person, numbers: list[str]) -> dict[str, tuple[int, int]]:
    """Each request type once in-process (Django's test client, a query counter): SQL statements per request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for kind in [*MIX, "floor"]:
        method, path, headers, body = person.request(kind, numbers)
        client = Client(headers={k: v for k, v in headers.items() if k != "Cookie"}, HTTP_HOST="127.0.0.1")
        if "Cookie" in headers:
            client.cookies["sessionid"] = person.session
        with CaptureQueriesContext(connection) as captured:
            if method == "POST":
                reply = client.post(path, data=body, content_type="application/json")
            else:
                reply = client.get(path)
        counts[kind] = (len(captured), reply.status_code)
    return counts


def _server(port: int) -> subprocess.Popen:
    env = {**os.environ, "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)),
           "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "600"), "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([str(Path(sys.executable).with_name("hogokan")), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/accounts/login/")
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def _cpu_seconds(server_pid: int) -> tuple[float, float]:
    inspections_bench.DB_NAME = DB_NAME  # the backends of this bench's database
    return inspections_bench._cpu_seconds(server_pid)


def run_load(port: int, server_pid: int, plan: list[tuple[str, Person]], numbers, *, rate: float, clients: int):
    """Open loop: request i arrives at i / rate seconds; latency counts from the arrival."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list] = defaultdict(list)
    lock, local = threading.Lock(), threading.local()
    began = time.perf_counter() + 0.2

    def send(indexed):
        index, (kind, person) = indexed
        arrival = began + index / rate
        time.sleep(max(0.0, arrival - time.perf_counter()))
        method, path, headers, body = person.request(kind, numbers)
        for attempt in range(2):  # an idle kept-alive connection closed by the server: once more on a new one
            if not hasattr(local, "conn") or attempt:
                local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                local.conn.request(method, path, body=body, headers=headers)
                reply = local.conn.getresponse()
                reply.read()
                status = reply.status
                break
            except (OSError, http.client.HTTPException) as exc:
                status = repr(exc)
        elapsed = (time.perf_counter() - arrival) * 1000
        with lock:
            latencies[kind].append(elapsed)
            if status != 200:
                errors[kind].append(status)

    cpu_before = _cpu_seconds(server_pid)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(send, enumerate(plan)))
    wall = time.perf_counter() - start
    cpu_after = _cpu_seconds(server_pid)
    per_request = [(after - before) * 1000 / len(plan) for before, after in zip(cpu_before, cpu_after, strict=True)]
    return latencies, errors, wall, per_request


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    return ordered[len(ordered) // 2], ordered[max(0, int(len(ordered) * 0.95) - 1)], ordered[-1]


def report(label: str, latencies, errors, wall, per_request, count: int) -> None:
    every = [value for values in latencies.values() for value in values]
    p50, p95, top = _percentiles(every)
    failed = sum(len(e) for e in errors.values())
    print(f"{label}: {count} requests in {wall:.1f} s = {count / wall:.0f} req/s; p50 {p50:.0f} ms, "
          f"p95 {p95:.0f} ms, max {top:.0f} ms; errors {failed}"
          f"{' ' + str({k: sorted(set(map(str, v)))[:3] for k, v in errors.items() if v}) if failed else ''}")
    print(f"    CPU per request: server {per_request[0]:.1f} ms, PostgreSQL {per_request[1]:.1f} ms")
    if len(latencies) > 1:
        for kind, values in sorted(latencies.items()):
            p50, p95, top = _percentiles(values)
            print(f"    {kind:16s} {len(values):5d}  p50 {p50:5.0f} ms  p95 {p95:5.0f} ms  max {top:5.0f} ms")


def cpu_by_kind(port: int, server_pid: int, people, numbers, rounds: int) -> dict[str, float]:
    """Server + PostgreSQL CPU per request of each type alone (one client: no queueing)."""
    result = {}
    for kind in ["floor", *MIX]:
        plan = [(kind, people[i % len(people)]) for i in range(rounds)]
        if kind == "submit":  # a submit per person at most: the later ones are refused (already submitted)
            plan = [(kind, person) for person in people[:rounds]]
        _lat, _err, _wall, per = run_load(port, server_pid, plan, numbers, rate=1000.0, clients=1)
        result[kind] = sum(per)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", type=int, default=2000)
    parser.add_argument("--years", type=int, default=2, help="fiscal years of monthly inspections behind the lists")
    parser.add_argument("--people", type=int, default=300, help="section heads sending the traffic")
    parser.add_argument("--requests", type=int, default=4000, help="requests of the mix")
    parser.add_argument("--rate", type=float, default=200.0, help="open-loop arrival rate, requests per second")
    parser.add_argument("--clients", type=int, default=64, help="connections in flight at most")
    parser.add_argument("--port", type=int, default=8798)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    with bench_database(DB_NAME, keep=args.keep):
        from django.core.management import call_command
        from django.db import connections

        call_command("collectstatic", interactive=False, verbosity=0)  # as `hogokan serve` does
        print(f"generating {args.years} fiscal years × {args.sections} sections …")
        inspections_bench.generate(years=args.years, sections=args.sections)
        start = time.perf_counter()
        # The last one answers the in-process query count; the 40 before them each submit once when every
        # type is measured alone; the others send the mix.
        everyone, numbers = prepare(args.people + 41)
        people, alone_people, counted = everyone[:-41], everyone[-41:-1], everyone[-1]
        print(f"  {len(everyone)} section heads with a campaign, a register entry and an incident each "
              f"({time.perf_counter() - start:.0f} s)")
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            print(f"  database size {cursor.fetchone()[0] / 2**20:.0f} MiB")
        counts = queries_per_request(counted, numbers)
        print("SQL queries per request (in-process, status): " + ", ".join(
            f"{kind} {n} ({status})" for kind, (n, status) in counts.items()))
        connections.close_all()
        rng = random.Random(15)
        kinds = [kind for kind, weight in MIX.items() for _ in range(weight)]
        submitters = list(people)
        plan = []
        for _ in range(args.requests):
            kind = rng.choice(kinds)
            if kind == "submit":
                if not submitters:
                    kind = "inspection_form"
                else:
                    plan.append(("submit", submitters.pop()))
                    continue
            plan.append((kind, rng.choice(people)))
        server = _server(args.port)
        try:
            warm = [(kind, people[i % len(people)]) for i, kind in enumerate(list(MIX) * 8) if kind != "submit"]
            run_load(args.port, server.pid, warm, numbers, rate=100.0, clients=8)  # every worker loads its code
            floor_plan = [("floor", rng.choice(people)) for _ in range(args.requests // 2)]
            report(f"floor (GET /api/v1/org/units/{{id}}), open loop at {args.rate:g} req/s",
                   *run_load(args.port, server.pid, floor_plan, numbers, rate=args.rate, clients=args.clients),
                   len(floor_plan))
            report(f"the 15th's mix, open loop at {args.rate:g} req/s over {args.clients} connections",
                   *run_load(args.port, server.pid, plan, numbers, rate=args.rate, clients=args.clients), len(plan))
            alone = cpu_by_kind(args.port, server.pid, alone_people, numbers, rounds=40)
            floor = alone["floor"]
            print("CPU per request alone (server + PostgreSQL), × the floor: " + ", ".join(
                f"{kind} {ms:.1f} ms ({ms / floor:.1f}×)" for kind, ms in alone.items()))
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"gunicorn workers: {os.environ.get('WEB_CONCURRENCY', 2 * (os.cpu_count() or 1) + 1)}, "
              f"cores: {os.cpu_count()}; targets: the mix ≥ 200 req/s with p95 ≤ 150 ms, each type ≤ 3× the floor")


if __name__ == "__main__":
    main()
