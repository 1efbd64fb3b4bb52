"""unit_scope keeps the org tree per process and notices every change of it."""

from datetime import date

from hogokan.org.access import unit_scope
from hogokan.org.models import OrgUnit, UnitKind
from hogokan.org.services import unit_move


def test_scope_is_read_from_the_cached_tree(town, django_assert_num_queries):
    unit_scope(town.citizens_dept.pk)
    with django_assert_num_queries(1) as queries:  # the stamp, not the tree again
        assert unit_scope(town.citizens_dept.pk) == {town.citizens_dept.pk, town.citizens.pk, town.pension.pk}
    assert "parent_id" not in queries.captured_queries[0]["sql"]


def test_scope_follows_a_move_and_a_unit_created_without_history(town):
    assert town.citizens.pk in unit_scope(town.citizens_dept.pk)
    moved = unit_move(actor=town.user("admin"), unit=town.citizens, new_parent=town.general_affairs,
                      effective=date(2026, 4, 1))
    assert moved.pk in unit_scope(town.general_affairs.pk)
    [annex] = OrgUnit.objects.bulk_create([OrgUnit(organ=town.mayor, parent=town.pension, code="213", name="分室",
                                                   kind=UnitKind.SECTION, valid_from=date(2026, 4, 1))])
    assert annex.pk in unit_scope(town.citizens_dept.pk)
