"""org.services: reorganisations, assignments and 人事異動 — edge cases."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.org import services
from hogokan.org.access import unit_scope
from hogokan.org.models import Assignment, OrgUnit, Person, PersonnelEvent, Role, UnitKind
from hogokan.org.services import TransferLine

APRIL = date(2027, 4, 1)
MARCH_END = date(2027, 3, 31)


@pytest.fixture
def admin(town):
    return town.user("admin")


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


# ---- rename -----------------------------------------------------------------------------------

def test_rename_ends_the_old_row_and_carries_assignments(town, admin):
    renamed = services.unit_rename(actor=admin, unit=town.citizens, new_name=" 市民生活課 ", effective=APRIL)
    town.citizens.refresh_from_db()
    assert (renamed.name, renamed.code, renamed.parent, renamed.kind) == ("市民生活課", "211", town.citizens_dept,
                                                                          UnitKind.SECTION)
    assert (town.citizens.name, town.citizens.valid_to, town.citizens.successor) == ("市民課", MARCH_END, renamed)
    assert town.citizens.change_note == "名称変更（市民課 → 市民生活課）"
    carried = Assignment.objects.filter(unit=renamed)
    assert {a.person.name for a in carried} == {"課長 二郎", "担当 四郎"}
    assert all(a.start == APRIL for a in carried)
    events = PersonnelEvent.objects.filter(kind=PersonnelEvent.Kind.TRANSFER)
    assert events.count() == 2 and {e.batch for e in events} == {"名称変更（市民課 → 市民生活課）"}
    record = town.citizens.history.first()
    assert record.history_user == admin and record.history_change_reason == "名称変更（市民課 → 市民生活課）"


def test_rename_twice_follows_to_the_current_unit(town, admin):
    first = services.unit_rename(actor=admin, unit=town.citizens, new_name="市民生活課", effective=APRIL)
    second = services.unit_rename(actor=admin, unit=first, new_name="くらし課", effective=date(2028, 4, 1))
    town.citizens.refresh_from_db()
    assert town.citizens.current_successor() == second
    assert unit_scope(second.pk) >= {town.citizens.pk, first.pk, second.pk}


def test_renamed_parent_is_followed_in_the_path(town, admin):
    renamed = services.unit_rename(actor=admin, unit=town.citizens_dept, new_name="市民生活部", effective=APRIL)
    town.citizens.refresh_from_db()
    assert town.citizens.effective_parent() == renamed
    assert town.citizens.full_name() == "市民局 市民生活部 市民課"


@pytest.mark.parametrize(("name", "effective", "message"), [
    ("市民課", APRIL, "現在と同じ名称です。"),
    ("市民生活課", date(2020, 4, 1), "効力発生日は市民課の設置日（2020-04-01）より後にしてください。"),
])
def test_rename_refusals(town, admin, name, effective, message):
    with pytest.raises(ValidationError) as excinfo:
        services.unit_rename(actor=admin, unit=town.citizens, new_name=name, effective=effective)
    assert message in messages_of(excinfo)
    assert OrgUnit.objects.filter(code="211").count() == 1


def test_an_ended_unit_cannot_be_renamed(town, admin):
    services.unit_rename(actor=admin, unit=town.citizens, new_name="市民生活課", effective=APRIL)
    town.citizens.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.unit_rename(actor=admin, unit=town.citizens, new_name="別名課", effective=date(2028, 4, 1))
    assert "すでに廃止（または改編）済み" in messages_of(excinfo)


# ---- move -------------------------------------------------------------------------------------

def test_move_puts_a_copy_under_the_new_parent(town, admin):
    moved = services.unit_move(actor=admin, unit=town.pension, new_parent=town.general_affairs, effective=APRIL)
    assert moved.parent == town.general_affairs and moved.full_name() == "総務局 保険年金課"
    assert "所属変更（市民部 → 総務局）" == moved.change_note
    assert Assignment.objects.get(person__employee_no="E0005", unit=moved).start == APRIL


def test_move_refusals(town, admin):
    with pytest.raises(ValidationError) as excinfo:
        services.unit_move(actor=admin, unit=town.citizens_dept, new_parent=town.citizens, effective=APRIL)
    assert "自分自身または下位の組織の下には移せません。" in messages_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.unit_move(actor=admin, unit=town.citizens, new_parent=town.school_bureau, effective=APRIL)
    assert "移動先は同じ実施機関の組織にしてください。" in messages_of(excinfo)
    later = services.unit_create(actor=admin, organ=town.mayor, code="300", name="新局", kind=UnitKind.BUREAU,
                                 valid_from=date(2028, 4, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.unit_move(actor=admin, unit=town.citizens, new_parent=later, effective=APRIL)
    assert "移動先「新局」は 2027-04-01 に存在しません。" in messages_of(excinfo)
    town.citizens.refresh_from_db()
    assert town.citizens.valid_to is None


# ---- merge ------------------------------------------------------------------------------------

def test_merge_carries_everyone_to_the_new_unit(town, admin):
    merged = services.unit_merge(actor=admin, units=[town.citizens, town.pension], code="220", name="市民保険課",
                                 kind=UnitKind.SECTION, effective=APRIL)
    assert merged.parent == town.citizens_dept and merged.valid_from == APRIL
    assert set(merged.predecessors.all()) == {town.citizens, town.pension}
    assert {a.person.employee_no for a in Assignment.objects.filter(unit=merged)} == {"E0004", "E0005", "E0006"}
    assert not Assignment.objects.filter(unit__in=[town.citizens, town.pension], end__isnull=True).exists()
    assert unit_scope(merged.pk) >= {town.citizens.pk, town.pension.pk}


def test_merge_may_reuse_a_code_of_a_merged_unit(town, admin):
    merged = services.unit_merge(actor=admin, units=[town.citizens, town.pension], code="211", name="市民保険課",
                                 kind=UnitKind.SECTION, effective=APRIL, parent=town.citizens_dept)
    assert OrgUnit.objects.filter(code="211").valid_on(APRIL).get() == merged
    assert OrgUnit.objects.filter(code="211").valid_on(MARCH_END).get() == town.citizens


@pytest.mark.parametrize(("which", "code", "message"), [
    (["citizens"], "220", "統合する組織を2つ以上選んでください。"),
    (["citizens", "schools"], "220", "異なる実施機関の組織は統合できません。"),
    (["citizens", "pension"], "110", "組織コード「110」は同じ期間の別の組織が使っています。"),
])
def test_merge_refusals_write_nothing(town, admin, which, code, message):
    units = [getattr(town, name) for name in which]
    before = OrgUnit.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        services.unit_merge(actor=admin, units=units, code=code, name="市民保険課", kind=UnitKind.SECTION,
                            effective=APRIL)
    assert message in messages_of(excinfo)
    assert OrgUnit.objects.count() == before
    assert not OrgUnit.objects.filter(valid_to__isnull=False).exists()
    assert not PersonnelEvent.objects.exists()


# ---- abolish ----------------------------------------------------------------------------------

def test_abolish_ends_assignments_without_a_successor(town, admin):
    services.unit_abolish(actor=admin, unit=town.schools, effective=APRIL)
    town.schools.refresh_from_db()
    assert (town.schools.valid_to, town.schools.successor, town.schools.change_note) == (MARCH_END, None,
                                                                                        "廃止（学務課）")
    assignment = Assignment.objects.get(person__employee_no="E0009")
    assert assignment.end == MARCH_END
    event = PersonnelEvent.objects.get()
    assert (event.kind, event.from_assignment, event.to_assignment) == (PersonnelEvent.Kind.END, assignment, None)


def test_abolish_refuses_a_parent_with_living_children(town, admin):
    with pytest.raises(ValidationError) as excinfo:
        services.unit_abolish(actor=admin, unit=town.school_bureau, effective=APRIL)
    assert "下位の組織（学務課）が残っています。" in messages_of(excinfo)


def test_abolish_a_parent_once_its_children_end(town, admin):
    services.unit_abolish(actor=admin, unit=town.schools, effective=APRIL)
    services.unit_abolish(actor=admin, unit=town.school_bureau, effective=APRIL)
    town.school_bureau.refresh_from_db()
    assert town.school_bureau.valid_to == MARCH_END


# ---- people and assignments -------------------------------------------------------------------

def test_person_create_validates_the_password(town, admin):
    with pytest.raises(ValidationError) as excinfo:
        services.person_create(actor=admin, employee_no="E0100", name="保護 太郎", username="hogo", password="short")
    assert "短すぎます" in messages_of(excinfo)
    assert not Person.objects.filter(employee_no="E0100").exists()


def test_person_create_refuses_a_used_login_id(town, admin):
    with pytest.raises(ValidationError) as excinfo:
        services.person_create(actor=admin, employee_no="E0100", name="保護 太郎", username="officer")
    assert excinfo.value.message_dict == {"username": ["ログインID「officer」はすでに使われています。"]}


def test_assignment_end_refuses_to_extend_an_ended_assignment(town, admin):
    assignment = Assignment.objects.get(person__employee_no="E0004")
    services.assignment_end(actor=admin, assignment=assignment, end=date(2026, 12, 31))
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_end(actor=admin, assignment=assignment, end=MARCH_END)
    assert "この配属はすでに終了しています。" in messages_of(excinfo)


def test_assignment_start_refuses_an_overlap(town, admin):
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_start(actor=admin, person=town.people["staff"], unit=town.citizens, role=Role.STAFF,
                                  start=APRIL)
    assert "すでに同じ組織・役割の配属があります。" in messages_of(excinfo)


# ---- 人事異動 ----------------------------------------------------------------------------------

def line(town, who: str, *, end: bool = True, unit=None, role=None, title="") -> TransferLine:
    person = town.people[who]
    return TransferLine(person=person, end_assignment=Assignment.objects.get(person=person) if end else None,
                        new_unit=unit, new_role=role, new_title=title)


def test_transfers_apply_records_each_kind(town, admin):
    events = services.transfers_apply(actor=admin, effective=APRIL, batch="人事異動 2027-04-01", lines=[
        line(town, "staff", unit=town.pension, role=Role.STAFF, title="主事"),
        line(town, "outsider"),
        line(town, "officer2", end=False, unit=town.citizens, role=Role.OFFICER),
    ])
    assert [event.kind for event in events] == [PersonnelEvent.Kind.TRANSFER, PersonnelEvent.Kind.END,
                                                PersonnelEvent.Kind.START]
    assert Assignment.objects.get(person=town.people["staff"], unit=town.pension).title == "主事"
    assert Assignment.objects.get(person=town.people["outsider"]).end == MARCH_END


def test_transfers_apply_is_all_or_nothing(town, admin):
    foreign = line(town, "officer")
    foreign.person = town.people["staff"]  # ends someone else's assignment
    with pytest.raises(ValidationError) as excinfo:
        services.transfers_apply(actor=admin, effective=APRIL, batch="b", lines=[
            line(town, "outsider"), foreign])
    assert "担当 四郎さんの終了する配属が本人のものではありません。" in messages_of(excinfo)
    assert Assignment.objects.get(person=town.people["outsider"]).end is None
    assert not PersonnelEvent.objects.exists()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"end": False}, "異動内容がありません。"),
    ({"end": False, "unit": "pension"}, "新しい役割を選んでください。"),
    ({"end": False, "role": Role.STAFF}, "保護担当者・職員には組織の指定が必要です。"),
])
def test_transfers_apply_refusals(town, admin, kwargs, message):
    if "unit" in kwargs:
        kwargs["unit"] = getattr(town, kwargs["unit"])
    with pytest.raises(ValidationError) as excinfo:
        services.transfers_apply(actor=admin, effective=APRIL, batch="b", lines=[line(town, "staff", **kwargs)])
    assert message in messages_of(excinfo)


def test_transfers_apply_refuses_an_assignment_not_current_the_day_before(town, admin):
    assignment = Assignment.objects.get(person=town.people["staff"])
    services.assignment_end(actor=admin, assignment=assignment, end=date(2026, 12, 31))
    with pytest.raises(ValidationError) as excinfo:
        services.transfers_apply(actor=admin, effective=APRIL, batch="b", lines=[line(town, "staff")])
    assert "発令日の前日に有効ではありません。" in messages_of(excinfo)
