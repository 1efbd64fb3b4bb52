"""Every write to the organisation: units and their reorganisations, people, assignments, 人事異動.

Each function takes the acting user, validates with ``full_clean`` and keeps history (who, when,
before/after) through django-simple-history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from hogokan.core.services import save_with_history
from hogokan.org.models import Assignment, Leave, Organ, OrgUnit, Person, PersonnelEvent
from hogokan.org.signals import leave_recorded, personnel_changed

_save = save_with_history


def _require_open(unit: OrgUnit, effective: date) -> None:
    if unit.valid_to is not None:
        raise ValidationError(f"{unit.name}はすでに廃止（または改編）済みのため変更できません。")
    if effective <= unit.valid_from:
        raise ValidationError(f"効力発生日は{unit.name}の設置日（{unit.valid_from}）より後にしてください。")


# ---- organs and units -------------------------------------------------------------------------

@transaction.atomic
def organ_create(*, actor, code: str, name: str, display_order: int = 0) -> Organ:
    return _save(Organ(code=code, name=name, display_order=display_order), actor, "登録")


@transaction.atomic
def unit_create(*, actor, organ: Organ, code: str, name: str, kind: str, valid_from: date,
                parent: OrgUnit | None = None) -> OrgUnit:
    if parent is not None and not parent.is_valid_on(valid_from):
        raise ValidationError({"parent": f"上位組織「{parent.name}」は {valid_from} に存在しません。"})
    return _save(OrgUnit(organ=organ, code=code, name=name, kind=kind, valid_from=valid_from, parent=parent),
                 actor, "新設")


def _end_unit(unit: OrgUnit, *, actor, effective: date, successor: OrgUnit | None, note: str) -> None:
    unit.valid_to = effective - timedelta(days=1)
    unit.successor = successor
    unit.change_note = note
    _save(unit, actor, note)


def _carry_assignments(*, actor, old_units: Iterable[OrgUnit], new_unit: OrgUnit | None, effective: date,
                       batch: str) -> int:
    """End the assignments still open on ``old_units`` at ``effective`` and restart them on ``new_unit``."""
    events = []
    open_assignments = Assignment.objects.filter(unit__in=list(old_units)).current_on(effective).select_related("person")
    for old in open_assignments:
        old.end = effective - timedelta(days=1)
        _save(old, actor, batch)
        new = None
        if new_unit is not None:
            new = _save(Assignment(person=old.person, unit=new_unit, role=old.role, title=old.title, start=effective),
                        actor, batch)
        events.append(PersonnelEvent.objects.create(
            kind=PersonnelEvent.Kind.TRANSFER if new else PersonnelEvent.Kind.END, person=old.person,
            effective_date=effective, from_assignment=old, to_assignment=new, batch=batch, recorded_by=actor,
        ))
    _announce(events, actor)
    return len(events)


def _announce(events: list[PersonnelEvent], actor) -> None:
    """Tell the modules that react to 人事異動 (access reviews), inside this transaction."""
    if events:
        personnel_changed.send(sender=PersonnelEvent, events=events, actor=actor)


def _successor_copy(unit: OrgUnit, *, actor, effective: date, note: str, **changes) -> OrgUnit:
    values = {"organ": unit.organ, "parent": unit.parent, "code": unit.code, "name": unit.name, "kind": unit.kind}
    values.update(changes)
    successor = OrgUnit(valid_from=effective, change_note=note, **values)
    # The old row ends first so that the code is free for the new period.
    _end_unit(unit, actor=actor, effective=effective, successor=None, note=note)
    _save(successor, actor, note)
    unit.successor = successor
    _save(unit, actor, note)
    _carry_assignments(actor=actor, old_units=[unit], new_unit=successor, effective=effective, batch=note)
    return successor


@transaction.atomic
def unit_rename(*, actor, unit: OrgUnit, new_name: str, effective: date) -> OrgUnit:
    _require_open(unit, effective)
    if new_name.strip() == unit.name:
        raise ValidationError({"new_name": "現在と同じ名称です。"})
    return _successor_copy(unit, actor=actor, effective=effective, name=new_name.strip(),
                           note=f"名称変更（{unit.name} → {new_name.strip()}）")


@transaction.atomic
def unit_move(*, actor, unit: OrgUnit, new_parent: OrgUnit, effective: date) -> OrgUnit:
    _require_open(unit, effective)
    if new_parent.pk == unit.pk or unit in new_parent.path():
        raise ValidationError({"new_parent": "自分自身または下位の組織の下には移せません。"})
    if not new_parent.is_valid_on(effective):
        raise ValidationError({"new_parent": f"移動先「{new_parent.name}」は {effective} に存在しません。"})
    if new_parent.organ_id != unit.organ_id:
        raise ValidationError({"new_parent": "移動先は同じ実施機関の組織にしてください。"})
    return _successor_copy(unit, actor=actor, effective=effective, parent=new_parent,
                           note=f"所属変更（{unit.effective_parent() or '最上位'} → {new_parent.name}）")


@transaction.atomic
def unit_merge(*, actor, units: list[OrgUnit], code: str, name: str, kind: str, effective: date,
               parent: OrgUnit | None = None) -> OrgUnit:
    """統合: the units end the day before ``effective``; a new unit carries them on."""
    if len(units) < 2:
        raise ValidationError({"units": "統合する組織を2つ以上選んでください。"})
    organs = {unit.organ_id for unit in units}
    if len(organs) != 1:
        raise ValidationError({"units": "異なる実施機関の組織は統合できません。"})
    for unit in units:
        _require_open(unit, effective)
    parent = parent if parent is not None else units[0].parent
    note = f"統合（{'・'.join(unit.name for unit in units)} → {name}）"
    for unit in units:
        _end_unit(unit, actor=actor, effective=effective, successor=None, note=note)
    merged = _save(OrgUnit(organ=units[0].organ, parent=parent, code=code, name=name, kind=kind,
                           valid_from=effective, change_note=note), actor, note)
    for unit in units:
        unit.successor = merged
        _save(unit, actor, note)
    _carry_assignments(actor=actor, old_units=units, new_unit=merged, effective=effective, batch=note)
    return merged


@transaction.atomic
def unit_abolish(*, actor, unit: OrgUnit, effective: date) -> OrgUnit:
    _require_open(unit, effective)
    living_children = [child for child in unit.children.all() if child.valid_to is None or child.valid_to >= effective]
    if living_children:
        names = "、".join(child.name for child in living_children)
        raise ValidationError(f"下位の組織（{names}）が残っています。先に廃止または移動してください。")
    note = f"廃止（{unit.name}）"
    _end_unit(unit, actor=actor, effective=effective, successor=None, note=note)
    _carry_assignments(actor=actor, old_units=[unit], new_unit=None, effective=effective, batch=note)
    return unit


# ---- people and assignments -------------------------------------------------------------------

@transaction.atomic
def person_create(*, actor, employee_no: str, name: str, name_kana: str = "", email: str = "",
                  kind: str = Person.Kind.STAFF, company: str = "", username: str = "",
                  password: str | None = None) -> Person:
    user = None
    if username:
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            raise ValidationError({"username": f"ログインID「{username}」はすでに使われています。"})
        user = user_model(username=username, email=email, first_name=name)
        if password:
            from django.contrib.auth.password_validation import validate_password

            validate_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return _save(Person(user=user, employee_no=employee_no, name=name, name_kana=name_kana, email=email,
                        kind=kind, company=company), actor, "登録")


@transaction.atomic
def person_update(*, actor, person: Person, reason: str = "", **fields) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    _save(person, actor, reason or "変更")
    if person.user_id:
        user = person.user
        user.email, user.first_name, user.is_active = person.email, person.name, person.is_active
        user.save(update_fields=["email", "first_name", "is_active"])
    return person


@transaction.atomic
def assignment_start(*, actor, person: Person, unit: OrgUnit | None, role: str, start: date, title: str = "",
                     batch: str = "") -> Assignment:
    overlapping = Assignment.objects.filter(person=person, unit=unit, role=role).current_on(start)
    if overlapping.exists():
        raise ValidationError(f"{person.name}さんはすでに同じ組織・役割の配属があります。")
    assignment = _save(Assignment(person=person, unit=unit, role=role, title=title, start=start), actor,
                       batch or "配属")
    _announce([PersonnelEvent.objects.create(kind=PersonnelEvent.Kind.START, person=person, effective_date=start,
                                             to_assignment=assignment, batch=batch, recorded_by=actor)], actor)
    return assignment


@transaction.atomic
def assignment_end(*, actor, assignment: Assignment, end: date, batch: str = "") -> Assignment:
    if assignment.end is not None and assignment.end < end:
        raise ValidationError("この配属はすでに終了しています。")
    assignment.end = end
    _save(assignment, actor, batch or "配属の終了")
    _announce([PersonnelEvent.objects.create(kind=PersonnelEvent.Kind.END, person=assignment.person,
                                             effective_date=end, from_assignment=assignment, batch=batch,
                                             recorded_by=actor)], actor)
    return assignment


@dataclass
class TransferLine:
    person: Person
    end_assignment: Assignment | None
    new_unit: OrgUnit | None
    new_role: str | None
    new_title: str = ""


@transaction.atomic
def transfers_apply(*, actor, effective: date, lines: list[TransferLine], batch: str) -> list[PersonnelEvent]:
    """人事異動: on ``effective`` end the listed assignments (the day before) and start the new ones."""
    events = []
    for line in lines:
        old = line.end_assignment
        if old is not None:
            if old.person_id != line.person.pk:
                raise ValidationError(f"{line.person.name}さんの終了する配属が本人のものではありません。")
            if not old.is_current_on(effective - timedelta(days=1)):
                raise ValidationError(f"{line.person.name}さんの配属「{old}」は発令日の前日に有効ではありません。")
            old.end = effective - timedelta(days=1)
            _save(old, actor, batch)
        new = None
        if line.new_unit is not None or line.new_role:
            if not line.new_role:
                raise ValidationError(f"{line.person.name}さんの新しい役割を選んでください。")
            new = _save(Assignment(person=line.person, unit=line.new_unit, role=line.new_role, title=line.new_title,
                                   start=effective), actor, batch)
        if old is None and new is None:
            raise ValidationError(f"{line.person.name}さんの異動内容がありません。")
        kind = (PersonnelEvent.Kind.TRANSFER if old and new else
                PersonnelEvent.Kind.END if old else PersonnelEvent.Kind.START)
        events.append(PersonnelEvent.objects.create(kind=kind, person=line.person, effective_date=effective,
                                                    from_assignment=old, to_assignment=new, batch=batch,
                                                    recorded_by=actor))
    _announce(events, actor)
    return events


# ---- leaves (休職・育児休業・病気休暇) --------------------------------------------------------------

@transaction.atomic
def leave_record(*, actor, person: Person, kind: str, start: date, end: date | None = None,
                 note: str = "") -> Leave:
    """Record a leave on the person (the personnel office); the modules that react to it are told."""
    leave = _save(Leave(person=person, kind=kind, start=start, end=end, note=note, recorded_by=actor), actor,
                  "休職・休業の登録")
    leave_recorded.send(sender=Leave, leaves=[leave], actor=actor)
    return leave


@transaction.atomic
def leave_update(*, actor, leave: Leave, end: date | None, note: str | None = None) -> Leave:
    """Change the (planned) end of a leave: a leave that becomes long enough is announced again."""
    leave.end = end
    if note is not None:
        leave.note = note
    _save(leave, actor, "休職・休業の期間の変更")
    leave_recorded.send(sender=Leave, leaves=[leave], actor=actor)
    return leave


@transaction.atomic
def leaves_import(*, actor, rows: list[dict]) -> list[Leave]:
    """Leaves from a checked table (``rows`` of person, kind, start, end, note): all or nothing."""
    leaves = [_save(Leave(recorded_by=actor, **row), actor, "休職・休業の取込") for row in rows]
    if leaves:
        leave_recorded.send(sender=Leave, leaves=leaves, actor=actor)
    return leaves
