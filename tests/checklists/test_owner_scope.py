"""A sheet is visible and changeable exactly when the record owning it is (register_sheet_owner)."""

import pytest
from django.db import connection, models

from hogokan.checklists import api, scoping
from hogokan.checklists.models import AnswerSheet, SheetAnswer
from hogokan.core.permissions import CHANGE, VIEW, register_scope, restrict, units_q
from hogokan.org.access import actor_for
from hogokan.org.models import OrgUnit


class SheetOwner(models.Model):
    """An owner as outsourcing or audits write one: a unit's record with a sheet."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    sheet = models.OneToOneField(AnswerSheet, on_delete=models.PROTECT, related_name="test_owner")

    class Meta:
        app_label = "checklists"
        managed = False
        db_table = "checklists_test_sheetowner"

    def __str__(self) -> str:
        return f"owner of sheet {self.sheet_id}"


@register_scope(SheetOwner)
def _owner_scope(actor, action):
    if action == VIEW:
        return units_q(actor)
    return units_q(actor) if actor.is_section_member else scoping.NOTHING


@pytest.fixture
def owner_table(transactional_db):
    with connection.schema_editor() as editor:
        editor.create_model(SheetOwner)
    api.register_sheet_owner(SheetOwner, "sheet")
    yield
    scoping._OWNERS[:] = [entry for entry in scoping._OWNERS if entry[0] is not SheetOwner]
    with connection.schema_editor() as editor:
        editor.delete_model(SheetOwner)


def test_the_owner_decides_who_sees_and_answers_the_sheet(owner_table, town):
    template = api.template_in_use("contractor_onsite")
    ours = api.sheet_create(template, actor=town.user("officer"), reason="テスト")
    theirs = api.sheet_create(template, actor=town.user("officer"), reason="テスト")
    SheetOwner.objects.create(unit=town.citizens, sheet=ours)
    SheetOwner.objects.create(unit=town.schools, sheet=theirs)
    loose = api.sheet_create(template, actor=town.user("officer"), reason="テスト")  # no owner: nobody

    def visible(who, action=VIEW):
        return set(restrict(AnswerSheet.objects.all(), actor_for(town.user(who)), action))

    assert visible("officer") == {ours}  # 市民課
    assert visible("officer", CHANGE) == {ours}
    assert visible("chief") == {ours, theirs} and visible("chief", CHANGE) == set()
    assert loose not in visible("admin")
    form = api.sheet_form(ours, {f"a{template.items.get(number='3').pk}": "ok"}, partial=True)
    api.sheet_save(ours, form, actor=town.user("officer"))
    officer = actor_for(town.user("officer"))
    assert restrict(SheetAnswer.objects.all(), officer, CHANGE).count() == 1
    assert not restrict(SheetAnswer.objects.all(), actor_for(town.user("contractor")), VIEW).exists()
