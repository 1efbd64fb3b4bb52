"""Training benchmark at designated-city scale, on PostgreSQL: the outstanding list of a 30,000-person course.

Generates 2,000 sections (40 bureaus × 50) with 30,000 staff (a section head and 14 staff each, some of
them holding a second post), one 全職員 course whose audience is all of them, and attendance for two thirds of
them; then measures in one run:

  (a) the outstanding list as the product computes it (hogokan.training.services.outstanding: one query,
      the attendances excluded in the database), median of 5 runs;
  (b) the same list through the API, GET /api/v1/training/courses/{id}/outstanding (the chief's token,
      in-process: routing, permissions, scope, JSON), median of 5 runs;
  (c) the same list by a naive ORM loop (services.outstanding_naive: a query per person).

Goal from issue 14: (a) ≤ 300 ms. It prints the figures; it asserts nothing. Usage:

    .venv/bin/python bench/training.py [--sections 2000] [--staff 30000] [--attended 0.7] [--keep]

It creates (and drops, unless --keep) the database ``hogokan_bench_training`` on
postgres://postgres@127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/_common.py, when run as a script
from _common import drop_database, recreate_database, setup_django  # noqa: E402

DB_NAME = "hogokan_bench_training"






def generate(*, sections: int, staff: int, attended: float):
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.db import connection

    from hogokan.org.models import Assignment, Organ, OrgUnit, Person, Role, UnitKind
    from hogokan.training import services
    from hogokan.training.models import Attendance

    founded = date(2016, 4, 1)
    organ = Organ.objects.create(code="mayor", name="市長", display_order=1)
    bureaus = OrgUnit.objects.bulk_create([
        OrgUnit(organ=organ, code=f"K{index:02d}", name=f"第{index}局", kind=UnitKind.BUREAU, valid_from=founded)
        for index in range(max(1, sections // 50))])
    units = OrgUnit.objects.bulk_create([
        OrgUnit(organ=organ, parent=bureaus[index % len(bureaus)], code=f"S{index:04d}", name=f"第{index}課",
                kind=UnitKind.SECTION, valid_from=founded) for index in range(sections)], batch_size=5000)
    people = Person.objects.bulk_create([
        Person(employee_no=f"{index:06d}", name=f"職員 {index}", kind=Person.Kind.STAFF) for index in range(staff)],
        batch_size=5000)
    per_unit = max(1, staff // sections)
    assignments = []
    for index, person in enumerate(people):
        unit = units[(index // per_unit) % len(units)]
        role = Role.OFFICER if index % per_unit == 0 else Role.STAFF
        assignments.append(Assignment(person=person, unit=unit, role=role, start=founded))
        if index % 20 == 1:  # 兼務: a second post in the next section
            assignments.append(Assignment(person=person, unit=units[(index // per_unit + 1) % len(units)],
                                          role=Role.STAFF, start=date(2024, 4, 1)))
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    chief_user = get_user_model().objects.create_user("chief", password=None)
    chief = Person.objects.create(user=chief_user, employee_no="C00001", name="総括 花子")
    Assignment.objects.create(person=chief, unit=units[0], role=Role.CHIEF, start=founded)
    course = services.course_save(actor=chief_user, title="個人情報保護研修（全職員）", fiscal_year=2026,
                                  kind="all_staff", audience_roles=[Role.OFFICER, Role.STAFF], due=date(2027, 2, 26))
    step = round(1 / (1 - attended)) if attended < 1 else 0
    Attendance.objects.bulk_create([
        Attendance(course=course, person=person, unit=units[(index // per_unit) % len(units)],
                   attended_on=date(2026, 6, 1), source=Attendance.Source.IMPORT, recorded_by=chief_user)
        for index, person in enumerate(people) if not step or index % step != 0], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return course, chief_user


def _median_ms(function, runs: int = 5) -> tuple[float, float, object]:
    function()  # warm
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples), result


def measure(course, chief_user) -> None:
    from datetime import date

    from rest_framework.test import APIClient

    from hogokan.accounts.services import token_issue
    from hogokan.training import services
    from hogokan.training.models import Attendance

    today = date(2026, 12, 1)
    audience = services.audience(course, today).values("person_id").distinct().count()
    print(f"course: {audience:,} people in the audience, {Attendance.objects.filter(course=course).count():,} attended")
    fast_ms, fast_max, fast = _median_ms(lambda: services.outstanding(course, today))
    print(f"(a) outstanding list, product:    median {fast_ms:8.1f} ms (5 runs, max {fast_max:.1f} ms), "
          f"{len(fast):,} people")
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the in-process client's host
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_issue(actor=None, user=chief_user, name='bench')[1]}")
    url = f"/api/v1/training/courses/{course.pk}/outstanding"

    def call():
        response = client.get(url)
        assert response.status_code == 200, response.content[:200]
        return response

    api_ms, api_max, response = _median_ms(call)
    print(f"(b) GET {url}: median {api_ms:8.1f} ms (5 runs, max {api_max:.1f} ms), "
          f"{len(response.content) / 1e6:.1f} MB, count {response.json()['count']:,}")
    start = time.perf_counter()
    naive = services.outstanding_naive(course, today)
    naive_ms = (time.perf_counter() - start) * 1000
    print(f"(c) outstanding list, naive ORM: {naive_ms:8.1f} ms")
    print(f"    ratio {naive_ms / fast_ms:,.1f}×; same list: {'yes' if naive == fast else 'NO'}; "
          f"goal (a) ≤ 300 ms: {'met' if fast_ms <= 300 else 'NOT met'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", type=int, default=2000)
    parser.add_argument("--staff", type=int, default=30000)
    parser.add_argument("--attended", type=float, default=0.7, help="the share of the audience that attended")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    recreate_database(DB_NAME)
    setup_django(DB_NAME, tempfile.mkdtemp(prefix="hogokan-bench-"))
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        print(f"generating {args.sections:,} sections × {args.staff:,} staff …")
        started = time.perf_counter()
        course, chief = generate(sections=args.sections, staff=args.staff, attended=args.attended)
        print(f"    generated in {time.perf_counter() - started:.1f} s")
        measure(course, chief)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(DB_NAME)


if __name__ == "__main__":
    main()
