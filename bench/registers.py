"""Registers benchmark at designated-city scale, on PostgreSQL.

Generates 8 organs, 400 sections, 3,000 個人情報ファイル簿 entries (published, each with its version
and one or two handling affairs with their 開始届) and 100 PIAs, then measures:

  (a) the export of every register to Excel as the product builds it (/registers/export/: files,
      versions, affairs, 届出, PIAs in one workbook) and the public register's Excel download,
      both in-process (the view function, queries included), median of 3;
  (b) the public list /registers/public/ (no login) under 50 concurrent closed-loop clients on
      loopback against `hogokan serve` (gunicorn): a mix of first pages, later pages, keyword
      searches and organ filters; p50/p95, requests/s, errors; and the same with 1 client.

Goals from the issue: (a) ≤ 3 s for 3,000 files; (b) p95 ≤ 150 ms. It prints the figures; it
asserts nothing. Usage:

    .venv/bin/python bench/registers.py [--files 3000] [--requests 2000] [--clients 50] [--workers 2[,3,5]]
                                        [--keep] [--reuse] [--skip-exports]

It creates (and drops, unless --keep) the database ``hogokan_bench_registers`` on
postgres://postgres@127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/_common.py, when run as a script
from _common import drop_database, recreate_database, setup_django  # noqa: E402

DB_NAME = "hogokan_bench_registers"








def generate(*, files: int, seed: int = 11):
    """Bulk-creates the register as the services would leave it (published, one public version each)."""
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hogokan.org.models import Assignment, Organ, OrgUnit, Person, Role, UnitKind
    from hogokan.registers import items, rules
    from hogokan.registers.models import PIA, AffairEvent, FileVersion, HandlingAffair, PersonalInfoFile

    rng = random.Random(seed)
    start = time.perf_counter()
    organs = Organ.objects.bulk_create(Organ(code=f"o{i}", name=name, display_order=i) for i, name in enumerate(
        ["市長", "教育委員会", "選挙管理委員会", "監査委員", "農業委員会", "固定資産評価審査委員会", "消防長", "事業管理者"]))
    since = date(2010, 4, 1)
    bureaus = OrgUnit.objects.bulk_create(
        OrgUnit(organ=organs[0 if b < 33 else b - 32], code=f"B{b:03d}", name=f"第{b + 1}局", kind=UnitKind.BUREAU,
                valid_from=since) for b in range(40))
    units = OrgUnit.objects.bulk_create(
        OrgUnit(organ=bureau.organ, parent=bureau, code=f"S{b:03d}{s:02d}", name=f"第{b + 1}局第{s + 1}課",
                kind=UnitKind.SECTION, valid_from=since) for b, bureau in enumerate(bureaus) for s in range(10))
    chief = get_user_model().objects.create_user("chief", password=None, first_name="総括 花子")
    person = Person.objects.create(user=chief, employee_no="C0001", name="総括 花子")
    Assignment.objects.create(person=person, unit=units[0], role=Role.CHIEF, start=since)
    words = ["住民", "国民健康保険", "介護保険", "児童手当", "市税", "保育", "生活保護", "障害福祉", "予防接種", "水道",
             "選挙人", "学齢", "建築確認", "融資", "健康診査"]
    affairs = HandlingAffair.objects.bulk_create(
        HandlingAffair(organ=units[i % len(units)].organ, unit=units[i % len(units)],
                       name=f"{words[i % len(words)]}事務{i:04d}", started_on=date(2015 + i % 10, 4, 1))
        for i in range(files // 2))
    AffairEvent.objects.bulk_create(AffairEvent(affair=a, kind=AffairEvent.Kind.START, effective_on=a.started_on,
                                                filed_on=a.started_on, recorded_by=chief) for a in affairs)
    now = timezone.now()
    rows = []
    for i in range(files):
        unit = units[i % len(units)]
        word = words[i % len(words)]
        kind = PersonalInfoFile.Kind.NON_STATUTORY if i % 7 == 0 else PersonalInfoFile.Kind.STATUTORY
        rows.append(PersonalInfoFile(
            name=f"{word}ファイル{i:04d}", organ=unit.organ, unit=unit, purpose=f"{word}に関する事務を適正に行うため",
            record_items="氏名、生年月日、性別、住所、電話番号、" + "、".join(rng.sample(words, 3)),
            record_scope=f"{word}の対象者", collection_method="本人からの申請、関係機関からの通知",
            has_sensitive=i % 5 == 0, request_office="総務局法務課（中央1-1-1）", kind=kind,
            exemption=PersonalInfoFile.Exemption.FEW if kind == PersonalInfoFile.Kind.NON_STATUTORY else "",
            is_specific=i % 30 == 0, withheld={"record_scope": "事務の遂行に支障"} if i % 100 == 0 else {},
            status=PersonalInfoFile.Status.PUBLISHED, registered_on=date(2022, 4, 1), published_on=date(2022, 4, 1)))
    created = PersonalInfoFile.objects.bulk_create(rows)
    links = PersonalInfoFile.handling_affairs.through
    links.objects.bulk_create(links(personalinfofile_id=f.pk, handlingaffair_id=affairs[i % len(affairs)].pk)
                              for i, f in enumerate(created))
    versions = []
    for file in PersonalInfoFile.objects.select_related("organ", "unit"):
        snapshot = items.snapshot_of(file)
        versions.append(FileVersion(file=file, number=1, snapshot=snapshot, withheld=file.withheld, approved_at=now,
                                    approved_by=chief, published_at=now, public=True, organ_id=file.organ_id,
                                    unit_id=file.unit_id, name=file.name, kind=file.kind,
                                    search_text=items.search_text(snapshot, file.withheld)))
    FileVersion.objects.bulk_create(versions, batch_size=1000)
    specific = [f for f in created if f.is_specific]
    PIA.objects.bulk_create(PIA(file=f, persons=50_000, handlers=200, serious_accident=False, level=rules.BASIC,
                                published_on=date(2022, 6, 1), review_due=date(2023, 6, 1),
                                reevaluation_due=date(2027, 6, 1)) for f in specific)
    print(f"  {len(organs)} organs, {len(units)} sections, {len(created)} files, {len(affairs)} affairs, "
          f"{len(specific)} PIAs in {time.perf_counter() - start:.1f} s")
    return chief


def measure_exports(chief):
    from django.test import RequestFactory

    from hogokan.org.access import actor_for
    from hogokan.registers import views_import, views_public

    factory = RequestFactory()

    def run(view, path, user=None):
        from django.contrib.auth.models import AnonymousUser

        request = factory.get(path)
        request.user, request.actor = (user, actor_for(user)) if user is not None else (AnonymousUser(), None)
        samples, size = [], 0
        for _ in range(3):
            begun = time.perf_counter()
            response = view(request)
            samples.append(time.perf_counter() - begun)
            size = len(response.content)
        return statistics.median(samples), max(samples), size

    median, worst, size = run(views_import.export_all, "/registers/export/", chief)
    print(f"(a) export of every register (5 sheets) to Excel: median {median:.2f} s (max {worst:.2f} s), "
          f"{size / 1024:,.0f} KiB")
    median, worst, size = run(views_public.public_list, "/registers/public/?format=xlsx")
    print(f"    public register download (Excel):            median {median:.2f} s (max {worst:.2f} s), "
          f"{size / 1024:,.0f} KiB")
    median, worst, size = run(views_public.public_list, "/registers/public/?format=csv")
    print(f"    public register download (CSV):              median {median:.2f} s (max {worst:.2f} s), "
          f"{size / 1024:,.0f} KiB")


def _paths(count: int, seed: int = 5) -> list[str]:
    from urllib.parse import quote

    from hogokan.org.models import Organ

    rng = random.Random(seed)
    organs = list(Organ.objects.values_list("pk", flat=True))
    words = ["住民", "介護", "児童", "市税", "水道", "ファイル0123", "氏名"]
    paths = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.4:
            paths.append("/registers/public/")
        elif pick < 0.6:
            paths.append(f"/registers/public/?page={rng.randint(2, 60)}")
        elif pick < 0.85:
            paths.append(f"/registers/public/?q={quote(rng.choice(words))}")
        else:
            paths.append(f"/registers/public/?organ={rng.choice(organs)}")
    return paths


def measure_public_list(paths, *, clients: int, workers: str, port: int = 8798):
    """Against `hogokan serve` as production runs it (gunicorn, gthread worker: `--threads 4`, keep-alive),
    with WEB_CONCURRENCY workers."""
    env = {**os.environ, "WEB_CONCURRENCY": workers, "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "600")}
    server = subprocess.Popen([str(ROOT / ".venv/bin/hogokan"), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(60):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/accounts/login/")
                break
            except OSError:
                time.sleep(0.5)
        results = {}
        # Warm every worker up: code and templates load on the first request, and each worker keeps
        # its own page cache (LocMem), which in steady state holds the public list's pages (10 minutes).
        # Which worker takes a connection is the kernel's choice, so every distinct URL is asked for
        # 20 times over fresh connections: a worker misses a given URL with probability (1 - 1/w)^20.
        distinct = sorted(set(paths))
        for _ in range(20):
            _run(port, distinct, 4)
        for n_clients, requests in ((1, paths[:300]), (clients, paths)):
            results[n_clients] = _run(port, requests, n_clients)
        # Uncached: a fresh query string per request (e.g. a new keyword each time), as a floor.
        cold = [f"{path}{'&' if '?' in path else '?'}nocache={i}" for i, path in enumerate(paths[:500])]
        results["uncached"] = _run(port, cold, clients)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for n_clients, (latencies, errors, wall, client_cpu) in results.items():
        latencies.sort()
        p50 = latencies[len(latencies) // 2]
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        throughput = len(latencies) / wall
        label = f"{clients} clients, every page a cache miss" if n_clients == "uncached" else \
            f"{n_clients} concurrent client{'s' if n_clients > 1 else ''}"
        print(f"(b) public list, {label}: {len(latencies)} requests "
              f"in {wall:.1f} s = {throughput:.0f} req/s; p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.0f} ms; "
              f"errors {len(errors)}{' ' + str(sorted(set(map(str, errors)))[:5]) if errors else ''} "
              f"(workers {workers} × 4 threads, gthread; load generator CPU {client_cpu:.1f} s = "
              f"{100 * client_cpu / wall:.0f}% of one core)")
        if n_clients == clients:
            print(f"    Little's law: p95 ≤ 150 ms with {n_clients} clients needs ≥ {n_clients / 0.15:.0f} req/s")


def count_queries():
    """SQL queries of one anonymous request through the whole stack (middleware included), miss and hit."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/registers/public/?page=7&counting=1").status_code == 200
        counts.append(len(captured))
    print(f"    SQL queries per anonymous list request: {counts[0]} on a cache miss, {counts[1]} on a hit "
          f"({captured.captured_queries[0]['sql'][:70]}…)")


def _run(port: int, paths: list[str], clients: int):
    """Closed loop: ``clients`` keep-alive connections, each sending its next request as soon as the last
    reply is complete (no think time). One thread with non-blocking sockets and a minimal HTTP/1.1
    reader (status line, Content-Length), so the load generator costs little of the two cores it
    shares with the server; its CPU time is returned and printed. Status ≠ 200 and closed
    connections count as errors. Returns (latencies in ms, errors, wall seconds, client CPU seconds)."""
    host = "127.0.0.1"
    sel = selectors.DefaultSelector()
    queue = iter(paths)
    latencies, errors = [], []
    requests = {}

    def request_bytes(path):
        if path not in requests:
            requests[path] = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: bench\r\nAccept: */*\r\n\r\n".encode()
        return requests[path]

    def connect():
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        return sock

    class Conn:
        __slots__ = ("sock", "buf", "start", "path", "need", "close")

    def send_next(conn):
        path = next(queue, None)
        if path is None:
            if conn.sock is not None:
                sel.unregister(conn.sock)
                conn.sock.close()
            return False
        conn.path, conn.buf, conn.need = path, bytearray(), None
        conn.start = time.perf_counter()
        if conn.sock is None:
            conn.sock = connect()
            sel.register(conn.sock, selectors.EVENT_READ, conn)
        conn.sock.sendall(request_bytes(path))
        return True

    live = 0
    for _ in range(clients):
        conn = Conn()
        conn.sock = connect()
        sel.register(conn.sock, selectors.EVENT_READ, conn)
        if send_next(conn):
            live += 1
    cpu0, began = time.process_time(), time.perf_counter()
    while live:
        for key, _ in sel.select():
            conn = key.data
            try:
                chunk = conn.sock.recv(262144)
            except ConnectionError as exc:
                chunk, err = b"", exc
            else:
                err = None
            if not chunk:  # closed by the server: an error for this request, then a new connection
                errors.append(repr(err) if err else "connection closed")
                latencies.append((time.perf_counter() - conn.start) * 1000)
                sel.unregister(conn.sock)
                conn.sock.close()
                conn.sock = None
                if not send_next(conn):
                    live -= 1
                continue
            conn.buf += chunk
            if conn.need is None:
                end = conn.buf.find(b"\r\n\r\n")
                if end < 0:
                    continue
                head = bytes(conn.buf[:end]).decode("latin-1").split("\r\n")
                status = int(head[0].split(" ", 2)[1])
                length, conn.close = 0, False
                for line in head[1:]:
                    name, _, value = line.partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    elif name.lower() == "connection":
                        conn.close = value.strip().lower() == "close"  # a server without keep-alive
                conn.need = end + 4 + length
                if status != 200:
                    errors.append(status)
            if len(conn.buf) >= conn.need:
                latencies.append((time.perf_counter() - conn.start) * 1000)
                if conn.close:  # the next request goes on a new connection, whose set-up it pays for
                    sel.unregister(conn.sock)
                    conn.sock.close()
                    conn.sock = None
                if not send_next(conn):
                    live -= 1
    wall = time.perf_counter() - began
    return latencies, errors, wall, time.process_time() - cpu0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", default="2",
                        help="WEB_CONCURRENCY for `hogokan serve`, or several separated by commas (default 2: one per core)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse the database kept by an earlier --keep run")
    parser.add_argument("--skip-exports", action="store_true", help="measure only (b)")
    args = parser.parse_args()
    if not args.reuse:
        recreate_database(DB_NAME)
    data_dir = tempfile.mkdtemp(prefix="hogokan-bench-")
    setup_django(DB_NAME, data_dir)
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        from django.db import connection

        if not args.reuse:
            print(f"generating {args.files} files …")
            generate(files=args.files)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        if not args.skip_exports:
            from django.contrib.auth import get_user_model

            measure_exports(get_user_model().objects.get(username="chief"))
        paths = _paths(args.requests)
        connection.close()
        for workers in args.workers.split(","):
            measure_public_list(paths, clients=args.clients, workers=workers)
        count_queries()  # after `hogokan serve` collected the static files the page links to
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(DB_NAME)


if __name__ == "__main__":
    main()
