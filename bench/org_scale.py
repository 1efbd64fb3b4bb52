"""Org scale benchmark: a designated city (40 bureaus, 2,000 sections, 20,000 staff).

Measures what every request pays for scoping, and the scoped list queries the org pages and the
API run. Prints its figures; no thresholds. Usage (a throw-away database is created):

    HOGOKAN_DATA_DIR=/tmp/hogokan-bench .venv/bin/python bench/org_scale.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hogokan_bench .venv/bin/python bench/org_scale.py
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hogokan.settings")
os.environ.setdefault("HOGOKAN_DATA_DIR", "/tmp/hogokan-bench")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from hogokan.core.permissions import restrict  # noqa: E402
from hogokan.org.access import actor_for, unit_scope  # noqa: E402
from hogokan.org.models import Assignment, Organ, OrgUnit, Person, Role, UnitKind  # noqa: E402

BUREAUS, SECTIONS_PER_BUREAU, STAFF_PER_SECTION = 40, 50, 10
SINCE = date(2020, 4, 1)


def timed(label, func, repeat=20):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - start) * 1000)
    print(f"{label:<58} median {statistics.median(samples):7.2f} ms  max {max(samples):7.2f} ms")
    return result


def build():
    call_command("flush", interactive=False, verbosity=0)
    organ = Organ.objects.create(code="mayor", name="市長", display_order=1)
    bureaus = OrgUnit.objects.bulk_create(
        OrgUnit(organ=organ, code=f"B{b:03d}", name=f"第{b}局", kind=UnitKind.BUREAU, valid_from=SINCE)
        for b in range(BUREAUS))
    sections = OrgUnit.objects.bulk_create(
        OrgUnit(organ=organ, parent=bureau, code=f"S{b:03d}{s:02d}", name=f"第{b}局第{s}課", kind=UnitKind.SECTION,
                valid_from=SINCE)
        for b, bureau in enumerate(bureaus) for s in range(SECTIONS_PER_BUREAU))
    people = Person.objects.bulk_create(
        Person(employee_no=f"E{i:06d}", name=f"職員{i}") for i in range(len(sections) * STAFF_PER_SECTION))
    Assignment.objects.bulk_create(
        Assignment(person=person, unit=sections[i // STAFF_PER_SECTION], role=Role.STAFF, start=SINCE)
        for i, person in enumerate(people))
    user_model = get_user_model()
    users = {}
    for name, unit, role in (("chief", None, Role.CHIEF), ("manager", bureaus[0], Role.MANAGER),
                             ("staff", sections[0], Role.STAFF)):
        user = user_model.objects.create_user(name, password=None)
        person = Person.objects.create(user=user, employee_no=f"U-{name}", name=name)
        Assignment.objects.create(person=person, unit=unit, role=role, start=SINCE)
        users[name] = user
    return users, sections


def main():
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    users, sections = build()
    print(f"generated {OrgUnit.objects.count()} units, {Person.objects.count()} people, "
          f"{Assignment.objects.count()} assignments in {time.perf_counter() - start:.1f} s "
          f"({django.db.connection.vendor})")
    timed("unit_scope(bureau) — subtree + predecessors", lambda: unit_scope(sections[0].parent_id))
    for name in ("chief", "manager", "staff"):
        def scoped_units(name=name):
            actor = actor_for(users[name])
            return list(restrict(OrgUnit.objects.all(), actor)[:50])

        def scoped_people(name=name):
            actor = actor_for(users[name])
            qs = restrict(Person.objects.all(), actor)
            return qs.count(), list(qs.order_by("employee_no")[:50])

        timed(f"{name}: actor + first page of units (50)", scoped_units)
        count, _page = timed(f"{name}: actor + people count + first page (50)", scoped_people)
        print(f"{'':<58} ({count} people in scope)")


if __name__ == "__main__":
    main()
