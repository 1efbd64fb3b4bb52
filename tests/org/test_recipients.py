"""org.api: who is told — the section's officers, the managers above, the chiefs on a day."""

from datetime import date

from hogokan.org.api import chiefs_on, managers_above, officers_of
from hogokan.org.models import Assignment, Person, Role

TODAY = date(2026, 6, 1)


def test_chiefs_on_a_day_are_the_active_chiefs_with_a_login(town):
    assert chiefs_on(TODAY) == [town.user("chief")]
    deputy = Person.objects.create(employee_no="E0100", name="総括 次郎")  # no login: nobody to notify
    Assignment.objects.create(person=deputy, unit=town.legal, role=Role.CHIEF, start=date(2026, 4, 1))
    assert chiefs_on(TODAY) == [town.user("chief")]


def test_a_chief_whose_assignment_ended_or_who_left_is_not_told(town):
    Assignment.objects.filter(person=town.people["chief"]).update(end=date(2026, 3, 31))
    assert chiefs_on(TODAY) == [] and chiefs_on(date(2026, 3, 31)) == [town.user("chief")]
    Assignment.objects.filter(person=town.people["chief"]).update(end=None)
    Person.objects.filter(pk=town.people["chief"].pk).update(is_active=False)
    assert chiefs_on(TODAY) == []


def test_officers_and_managers_stay_scoped_to_the_unit(town):
    assert officers_of(town.citizens, TODAY) == [town.user("officer")]
    assert managers_above(town.citizens, TODAY) == [town.user("manager")]
    assert managers_above(town.general_affairs, TODAY) == []
