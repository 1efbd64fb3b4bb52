"""Access-review benchmark on PostgreSQL (issue 15): 400 systems, 30,000 people, 200,000 accounts.

Generates 2,000 sections (40 bureaus × 50) with 30,000 staff, 400 systems (each owned by a section) and
200,000 active accounts spread over them; then, in one run:

  (a) the April 1st reorganisation batch: 6,000 transfers in one 人事異動 through org.services.transfers_apply,
      the org writes timed apart from the review tasks they cause (assets.reviews.reviews_for_events on the
      batch's events, as the personnel_changed signal runs it);
  (b) the open-review list: GET /api/v1/assets/access-reviews?status=open (in-process, the chief's token and a
      section head's), median of 5 runs;
  (c) the same review tasks by the naive per-event loop (reviews.naive_reviews_for_events: one batch of one per
      event, as a per-event signal would), rolled back afterwards.

Goals: (a) ≤ 30 s, (b) ≤ 150 ms. It prints the figures; it asserts nothing. Usage:

    .venv/bin/python bench/assets.py [--people 30000] [--systems 400] [--accounts 200000] [--transfers 6000] [--keep]

It creates (and drops, unless --keep) the database ``hogokan_bench_access_reviews`` on postgres://postgres@127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/_common.py, when run as a script
from _common import drop_database, recreate_database, setup_django  # noqa: E402

DB_NAME = "hogokan_bench_access_reviews"


def generate(*, sections: int, people_count: int, systems_count: int, accounts_count: int):
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.db import connection
    from simple_history.utils import bulk_create_with_history

    from hogokan.assets.models import InfoSystem, SystemAccount
    from hogokan.org.models import Assignment, Organ, OrgUnit, Person, Role, UnitKind

    founded = date(2016, 4, 1)
    organ = Organ.objects.create(code="mayor", name="市長", display_order=1)
    bureaus = OrgUnit.objects.bulk_create([
        OrgUnit(organ=organ, code=f"K{index:02d}", name=f"第{index}局", kind=UnitKind.BUREAU, valid_from=founded)
        for index in range(max(1, sections // 50))])
    units = OrgUnit.objects.bulk_create([
        OrgUnit(organ=organ, parent=bureaus[index % len(bureaus)], code=f"S{index:04d}", name=f"第{index}課",
                kind=UnitKind.SECTION, valid_from=founded) for index in range(sections)], batch_size=5000)
    people = Person.objects.bulk_create([
        Person(employee_no=f"{index:06d}", name=f"職員 {index}", kind=Person.Kind.STAFF)
        for index in range(people_count)], batch_size=5000)
    per_unit = max(1, people_count // sections)
    Assignment.objects.bulk_create([
        Assignment(person=person, unit=units[(index // per_unit) % len(units)],
                   role=Role.OFFICER if index % per_unit == 0 else Role.STAFF, start=founded)
        for index, person in enumerate(people)], batch_size=5000)
    admin_user = get_user_model().objects.create_user("admin", password=None)
    chief_user = get_user_model().objects.create_user("chief", password=None)
    Assignment.objects.create(person=Person.objects.create(user=admin_user, employee_no="A00001", name="管理 太郎"),
                              unit=None, role=Role.ADMIN, start=founded)
    Assignment.objects.create(person=Person.objects.create(user=chief_user, employee_no="C00001", name="総括 花子"),
                              unit=units[0], role=Role.CHIEF, start=founded)
    officer_user = get_user_model().objects.create_user("officer", password=None)
    people[0].user = officer_user
    people[0].save(update_fields=["user"])
    systems = bulk_create_with_history([
        InfoSystem(name=f"システム{index:03d}", unit=units[(index * sections // systems_count) % sections],
                   handles_personal_information=index % 5 != 0)
        for index in range(systems_count)], InfoSystem, default_user=chief_user, default_change_reason="bench")
    # Each account: a person and a system; a person holds about accounts/people accounts, one per system.
    per_person = max(1, accounts_count // people_count)
    accounts, made = [], 0
    for index, person in enumerate(people):
        for slot in range(per_person + (1 if index < accounts_count - per_person * people_count else 0)):
            system = systems[(index * 7 + slot * 61) % systems_count]
            accounts.append(SystemAccount(system=system, person=person, account_id=f"u{index:06d}-{slot}",
                                          granted_on=founded))
            made += 1
    bulk_create_with_history(accounts, SystemAccount, batch_size=5000, default_user=chief_user,
                             default_change_reason="bench")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return units, people, admin_user, chief_user, officer_user, made


def _median_ms(function, runs: int = 5) -> tuple[float, float, object]:
    function()  # warm
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples), result


def measure(units, people, admin_user, chief_user, officer_user, *, transfers: int) -> None:
    from datetime import date

    from django.conf import settings
    from django.db import transaction
    from rest_framework.test import APIClient

    from hogokan.accounts.services import token_issue
    from hogokan.assets import reviews
    from hogokan.assets.models import AccessReview
    from hogokan.org import api as org_api
    from hogokan.org import services as org
    from hogokan.org.models import Assignment, Role

    effective = date(2027, 4, 1)
    movers = people[1::len(people) // transfers][:transfers]  # not the section head people[0]
    current = {a.person_id: a for a in Assignment.objects.filter(person__in=movers, end__isnull=True)}
    position = {unit.pk: index for index, unit in enumerate(units)}
    lines = [org.TransferLine(person=person, end_assignment=current[person.pk], new_role=Role.STAFF,
                              new_unit=units[(position[current[person.pk].unit_id] + 17) % len(units)])
             for person in movers]
    # (a) the org writes alone (the receiver disconnected), then the review tasks of the same events
    org_api.personnel_changed.disconnect(dispatch_uid="assets.access_reviews.events")
    started = time.perf_counter()
    events = org.transfers_apply(actor=admin_user, effective=effective, lines=lines, batch="令和9年4月1日 定期異動")
    org_seconds = time.perf_counter() - started
    reviews.connect()
    started = time.perf_counter()
    created = reviews.reviews_for_events(events, actor=admin_user)
    review_seconds = time.perf_counter() - started
    print(f"(a) 人事異動 of {len(events):,} transfers: org writes {org_seconds:6.1f} s; "
          f"review tasks (batch) {review_seconds:6.1f} s → {len(created):,} reviews "
          f"({AccessReview.objects.values('person').distinct().count():,} people); goal ≤ 30 s: "
          f"{'met' if review_seconds <= 30 else 'NOT met'}")
    # (b) the open-review list
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    for label, user in (("chief", chief_user), ("section head", officer_user)):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_issue(actor=None, user=user, name='bench')[1]}")

        def call(client=client):
            response = client.get("/api/v1/assets/access-reviews", {"status": "open"})
            assert response.status_code == 200, response.content[:300]
            return response

        api_ms, api_max, response = _median_ms(call)
        print(f"(b) GET /api/v1/assets/access-reviews?status=open as {label:<12}: median {api_ms:7.1f} ms "
              f"(5 runs, max {api_max:.1f} ms), count {response.json()['count']:,}; goal ≤ 150 ms: "
              f"{'met' if api_ms <= 150 else 'NOT met'}")
    # (c) the naive per-event loop on the same events, from no reviews (rolled back)
    batch = set(AccessReview.objects.values_list("account_id", "reason", "due"))
    with transaction.atomic():
        AccessReview.history.all().delete()
        AccessReview.objects.all()._raw_delete(AccessReview.objects.db)
        started = time.perf_counter()
        count = reviews.naive_reviews_for_events(events, actor=admin_user)
        naive_seconds = time.perf_counter() - started
        same = set(AccessReview.objects.values_list("account_id", "reason", "due")) == batch
        transaction.set_rollback(True)
    print(f"(c) naive per-event loop: {naive_seconds:6.1f} s → {count:,} reviews; "
          f"{naive_seconds / review_seconds:,.1f}× the batch; same tasks: {'yes' if same else 'NO'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", type=int, default=2000)
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--systems", type=int, default=400)
    parser.add_argument("--accounts", type=int, default=200000)
    parser.add_argument("--transfers", type=int, default=6000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    recreate_database(DB_NAME)
    setup_django(DB_NAME, tempfile.mkdtemp(prefix="hogokan-bench-"))
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        print(f"generating {args.sections:,} sections, {args.people:,} people, {args.systems:,} systems, "
              f"{args.accounts:,} accounts …")
        started = time.perf_counter()
        *world, made = generate(sections=args.sections, people_count=args.people, systems_count=args.systems,
                                accounts_count=args.accounts)
        print(f"    generated {made:,} accounts in {time.perf_counter() - started:.1f} s")
        measure(*world, transfers=args.transfers)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(DB_NAME)


if __name__ == "__main__":
    main()
