"""The rows of the unit and people lists' downloads (the same filtered rows as on screen; core.exports writes them)."""

from __future__ import annotations

from collections.abc import Iterable

UNIT_HEADER = ("組織コード", "名称", "種別", "実施機関", "上位組織", "設置日", "廃止日", "承継組織")
PERSON_HEADER = ("職員番号", "氏名", "氏名（カナ）", "区分", "所属事業者", "メールアドレス", "在籍", "現在の配属")


def unit_rows(units: Iterable) -> list[tuple]:
    rows = []
    for unit in units:
        parent = unit.effective_parent()
        rows.append((unit.code, unit.name, unit.get_kind_display(), unit.organ.name, parent.name if parent else "",
                     unit.valid_from, unit.valid_to, unit.successor.name if unit.successor_id else ""))
    return rows


def person_rows(people: Iterable) -> list[tuple]:
    rows = []
    for person in people:
        held = "、".join(_assignment_label(a) for a in getattr(person, "current_assignments", []))
        rows.append((person.employee_no, person.name, person.name_kana, person.get_kind_display(), person.company,
                     person.email, "在籍" if person.is_active else "—", held))
    return rows


def _assignment_label(assignment) -> str:
    label = str(assignment)
    return f"{label}（{assignment.title}）" if assignment.title else label

