"""Many bodies on one PostgreSQL (issue 18 §5): a simulation with one schema per body, as django-tenants does.

Hogokan runs one body per database today. A vendor hosting hundreds of bodies would give each its own
schema (django-tenants) and spread the schemas over a Citus cluster (schema-based sharding). This
bench measures, on the local PostgreSQL, what that costs before any code changes:

  1. the time to migrate one body's schema (Hogokan's migrations from an empty schema: a new body,
     and what every release's migration costs per body when run one body after another);
  2. ``--bodies`` schemas (default 50) made with the same tables, indexes and constraints (CREATE TABLE
     … (LIKE … INCLUDING ALL): the catalogue of 50 bodies, without migrating 50 times), and the size
     of the catalogue (pg_class rows) and of the empty database;
  3. the per-request overhead: a request's typical statements (a unit's row by its key, a count of a
     section's inspection responses, a page of its incidents) each after ``SET search_path`` to a body
     chosen at random — the statement times with one schema and with all of them, and the time of the
     SET itself.

It prints the figures; it asserts nothing. Usage:

    .venv/bin/python bench/tenants.py [--bodies 50] [--statements 5000] [--keep]

It creates (and drops, unless --keep) the database ``hogokan_bench_tenants``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/_common.py, when run as a script
from _common import drop_database, recreate_database, setup_django  # noqa: E402

DB_NAME = "hogokan_bench_tenants"
STATEMENTS = [
    "SELECT id, code, name FROM org_orgunit WHERE id = %s",
    "SELECT COUNT(*) FROM inspections_inspectionresponse WHERE unit_id = %s",
    "SELECT id, title, learned_on FROM incidents_incident WHERE unit_id = %s ORDER BY learned_on DESC LIMIT 20",
]


def migrate_time() -> float:
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    return time.perf_counter() - start


def clone_schemas(cursor, bodies: int) -> tuple[float, int]:
    """``body_001`` … with every table of ``public`` (LIKE … INCLUDING ALL); returns (seconds, tables)."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    start = time.perf_counter()
    for body in range(1, bodies + 1):
        schema = f"body_{body:03d}"
        cursor.execute(f'CREATE SCHEMA "{schema}"')
        for table in tables:
            cursor.execute(f'CREATE TABLE "{schema}"."{table}" (LIKE public."{table}" INCLUDING ALL)')
        for table in ("org_orgunit", "inspections_inspectionresponse", "incidents_incident"):
            cursor.execute(f'INSERT INTO "{schema}"."{table}" SELECT * FROM public."{table}"')
        cursor.execute(f'ANALYZE "{schema}".org_orgunit')
    return time.perf_counter() - start, len(tables)


def statement_times(cursor, schemas: list[str], units: list[int], count: int, seed: int = 18) -> dict[str, float]:
    """Median milliseconds of SET search_path and of each statement, bodies chosen at random."""
    rng = random.Random(seed)
    times = {"set": [], **{sql: [] for sql in STATEMENTS}}
    for _ in range(count):
        schema = rng.choice(schemas)
        start = time.perf_counter()
        cursor.execute(f'SET search_path TO "{schema}"')
        times["set"].append(time.perf_counter() - start)
        sql = rng.choice(STATEMENTS)
        start = time.perf_counter()
        cursor.execute(sql, [rng.choice(units)])
        cursor.fetchall()
        times[sql].append(time.perf_counter() - start)
    return {key: statistics.median(values) * 1000 for key, values in times.items() if values}


def seed_rows(units: int) -> list[int]:
    """A small body's rows in the public schema: units, inspection responses and incidents to read."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO org_organ (code, name, display_order) VALUES ('mayor', '市長', 1) RETURNING id")
        organ = cursor.fetchone()[0]
        ids = []
        for number in range(units):
            cursor.execute("INSERT INTO org_orgunit (organ_id, code, name, kind, valid_from, change_note) "
                           "VALUES (%s, %s, %s, 'section', '2020-04-01', '') RETURNING id",
                           [organ, f"S{number:04d}", f"第{number + 1}課"])
            ids.append(cursor.fetchone()[0])
    return ids


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bodies", type=int, default=50)
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    import tempfile

    recreate_database(DB_NAME)
    setup_django(DB_NAME, tempfile.mkdtemp(prefix="hogokan-bench-"))
    from django.db import connection, connections

    try:
        seconds = migrate_time()
        print(f"migrate one body from an empty schema: {seconds:.1f} s "
              f"(→ {seconds * args.bodies / 60:.0f} min for {args.bodies} bodies one after another)")
        units = seed_rows(200)
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor
            cursor.execute("SELECT COUNT(*) FROM pg_class")
            classes_one = cursor.fetchone()[0]
            one = statement_times(cursor, ["public"], units, args.statements)
            took, tables = clone_schemas(cursor, args.bodies)
            cursor.execute("SELECT COUNT(*) FROM pg_class")
            classes_many = cursor.fetchone()[0]
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
            print(f"{args.bodies} body schemas of {tables} tables each made in {took:.1f} s; pg_class rows "
                  f"{classes_one:,} → {classes_many:,}; database size {size / 2**20:.0f} MiB")
            many = statement_times(cursor, [f"body_{n:03d}" for n in range(1, args.bodies + 1)], units,
                                   args.statements)
            cursor.execute("SET search_path TO public")
        print(f"per statement, median of {args.statements} (1 schema → {args.bodies} schemas, a body at random):")
        print(f"    SET search_path: {one['set']:.3f} ms → {many['set']:.3f} ms")
        for sql in STATEMENTS:
            print(f"    {sql[:70]:70s} {one[sql]:.3f} ms → {many[sql]:.3f} ms")
    finally:
        if not args.keep:
            connections.close_all()
            drop_database(DB_NAME)


if __name__ == "__main__":
    main()
