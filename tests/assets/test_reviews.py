"""Access reviews after 人事異動 and long leaves (issue 15 §3): the org module's services create them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.assets import reviews, services
from hogokan.assets.models import AccessReview
from hogokan.core.models import Reminder
from hogokan.org import services as org
from hogokan.org.models import Assignment, Role


def staff_assignment(town):
    return Assignment.objects.get(person=town.people["staff"], end__isnull=True)


def transfer_staff_to_pension(town, effective=date(2026, 4, 1)):
    line = org.TransferLine(person=town.people["staff"], end_assignment=staff_assignment(town),
                            new_unit=town.pension, new_role=Role.STAFF)
    return org.transfers_apply(actor=town.user("admin"), effective=effective, lines=[line], batch="令和8年4月1日異動")


def test_a_transfer_opens_a_review_for_the_old_sections_system_only(town, system, pension_system, staff_account):
    kept = services.account_add(actor=town.user("officer2"), system=pension_system, person=town.people["staff"],
                                account_id="kokuho-0004")
    transfer_staff_to_pension(town)
    review = AccessReview.objects.get()
    assert (review.account, review.system, review.unit, review.reason) == (staff_account, system, town.citizens,
                                                                           "transfer")
    assert review.event_date == date(2026, 4, 1)
    # 5 open days after Wed 1 April 2026: 2, 3, 6, 7, 8 → Wed 8 April.
    assert review.due == date(2026, 4, 8)
    assert not AccessReview.objects.filter(account=kept).exists()
    reminder = Reminder.objects.get(key=f"assets.infosystem:{system.pk}:access-review:2026-04-08")
    assert [user.username for user in reminder.recipients.all()] == ["officer"]
    assert {user.username for user in reminder.escalate_to.all()} == {"manager", "chief"}


def test_an_assignment_end_opens_reviews_for_every_account(town, system, pension_system, staff_account):
    services.account_add(actor=town.user("chief"), system=pension_system, person=town.people["staff"],
                         account_id="kokuho-0004")
    org.assignment_end(actor=town.user("admin"), assignment=staff_assignment(town), end=date(2026, 3, 31))
    assert sorted(AccessReview.objects.values_list("reason", "system__name")) == [("end", "住民記録システム"),
                                                                                  ("end", "国保システム")]


def test_a_rename_of_the_section_opens_nothing(town, system, staff_account):
    org.unit_rename(actor=town.user("admin"), unit=town.citizens, new_name="市民窓口課", effective=date(2026, 4, 1))
    assert not AccessReview.objects.exists()


def test_an_abolition_without_successor_opens_reviews(town, system, staff_account):
    org.unit_abolish(actor=town.user("admin"), unit=town.citizens, effective=date(2026, 4, 1))
    assert AccessReview.objects.get().reason == "end"


def test_a_long_leave_opens_a_review_and_a_short_one_does_not(town, system, staff_account, settings):
    settings.HOGOKAN_ACCESS_REVIEW_LEAVE_DAYS = 30
    short = org.leave_record(actor=town.user("admin"), person=town.people["staff"], kind="sick",
                             start=date(2026, 5, 1), end=date(2026, 5, 29))
    assert not AccessReview.objects.exists()
    org.leave_update(actor=town.user("admin"), leave=short, end=date(2026, 5, 30))  # now 30 days
    review = AccessReview.objects.get()
    assert (review.reason, review.event_date, review.leave) == ("leave", date(2026, 5, 1), short)


def test_an_account_under_review_gets_no_second_task(town, system, staff_account):
    org.leave_record(actor=town.user("admin"), person=town.people["staff"], kind="childcare", start=date(2026, 1, 5))
    transfer_staff_to_pension(town)
    assert AccessReview.objects.count() == 1


def test_resolving_disabled_stops_the_account_and_the_reminder(town, system, staff_account):
    transfer_staff_to_pension(town)
    review = AccessReview.objects.get()
    reviews.review_resolve(actor=town.user("officer"), review=review, outcome="disabled", disabled_on=date(2026, 4, 3))
    staff_account.refresh_from_db()
    assert staff_account.disabled_on == date(2026, 4, 3)
    assert (review.status, review.outcome) == ("done", "disabled")
    assert Reminder.objects.get().resolved_at is not None


def test_kept_needs_a_reason_and_writes_nothing_without_it(town, system, staff_account):
    transfer_staff_to_pension(town)
    review = AccessReview.objects.get()
    with pytest.raises(ValidationError) as error:
        reviews.review_resolve(actor=town.user("officer"), review=review, outcome="kept", reason="  ")
    assert error.value.message_dict["reason"] == ["継続する理由を入力してください。"]
    review.refresh_from_db()
    assert (review.status, review.outcome) == ("open", "")


def test_a_kept_administrator_account_waits_for_the_office(town, system):
    account = services.account_add(actor=town.user("officer"), system=system, person=town.people["staff"],
                                   account_id="admin-0004", admin=True)
    transfer_staff_to_pension(town)
    review = AccessReview.objects.get(account=account)
    reviews.review_resolve(actor=town.user("officer"), review=review, outcome="kept", reason="異動先でも引き続き保守を担当")
    assert (review.status, review.awaiting_confirmation) == ("open", True)
    reviews.review_confirm(actor=town.user("chief"), review=review, comment="確認した")
    review.refresh_from_db()
    assert review.status == "done" and review.confirmed_by == town.user("chief")


def test_the_batch_and_the_naive_loop_agree(town, system, pension_system):
    for name in ("staff", "officer"):
        services.account_add(actor=town.user("chief"), system=system, person=town.people[name],
                             account_id=f"id-{name}")
    lines = [org.TransferLine(person=town.people[name], end_assignment=Assignment.objects.get(
        person=town.people[name], end__isnull=True), new_unit=town.pension, new_role=Role.STAFF)
        for name in ("staff", "officer")]
    events = org.transfers_apply(actor=town.user("admin"), effective=date(2026, 4, 1), lines=lines, batch="異動")
    batch = set(AccessReview.objects.values_list("account_id", "reason", "due"))
    AccessReview.objects.all()._raw_delete(AccessReview.objects.db)
    assert reviews.naive_reviews_for_events(events) == 2
    assert set(AccessReview.objects.values_list("account_id", "reason", "due")) == batch
