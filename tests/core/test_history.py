"""core.history.history_of: who changed what, with Japanese field labels and values before/after."""

from datetime import date

from hogokan.core.history import FieldChange, history_of
from hogokan.org.models import Person
from hogokan.org.services import person_update, unit_rename

EFFECTIVE = date(2026, 4, 1)


def test_rename_shows_actor_action_reason_and_fields_of_the_old_unit(town):
    unit_rename(actor=town.user("admin"), unit=town.citizens, new_name="市民窓口課", effective=EFFECTIVE)
    ended_then_linked, ended, created = history_of(town.citizens)  # newest first

    assert (ended.actor, ended.action, ended.reason) == ("管理 太郎", "変更", "名称変更（市民課 → 市民窓口課）")
    assert set(map(tuple, (vars(change).values() for change in ended.changes))) == {
        ("廃止日（この日まで有効）", "（なし）", "令和8年3月31日"),
        ("改編の内容", "（なし）", "名称変更（市民課 → 市民窓口課）"),
    }
    # A foreign key shows the related record, not its id.
    assert ended_then_linked.changes == [FieldChange("承継組織", "（なし）", "市民窓口課")]
    assert ended_then_linked.actor == "管理 太郎"

    # Made by the fixture without a user: the system; a choice shows its label (課, not "section").
    assert (created.actor, created.action) == ("システム", "作成")
    assert FieldChange("名称", "", "市民課") in created.changes
    assert FieldChange("種別", "", "課") in created.changes
    assert FieldChange("上位組織", "", "市民部") in created.changes


def test_rename_successor_starts_its_own_history(town):
    successor = unit_rename(actor=town.user("admin"), unit=town.citizens, new_name="市民窓口課", effective=EFFECTIVE)
    [created] = history_of(successor)
    assert (created.actor, created.action, created.reason) == ("管理 太郎", "作成", "名称変更（市民課 → 市民窓口課）")
    assert FieldChange("名称", "", "市民窓口課") in created.changes
    assert FieldChange("設置日", "", "令和8年4月1日") in created.changes


def test_in_place_change_shows_booleans_and_choices_in_japanese(town):
    person = town.people["contractor"]
    person_update(actor=town.user("admin"), person=person, is_active=False, company="株式会社サンプル情報システム")
    latest = history_of(person)[0]
    assert (latest.actor, latest.action) == ("管理 太郎", "変更")
    assert {(change.label, change.before, change.after) for change in latest.changes} == {
        ("在籍", "はい", "いいえ"),
        ("所属事業者", "株式会社サンプル情報", "株式会社サンプル情報システム"),
    }
    created = history_of(person)[-1]
    assert FieldChange("区分", "", str(Person.Kind.CONTRACTOR.label)) in created.changes


def test_history_of_respects_the_limit(town):
    unit_rename(actor=town.user("admin"), unit=town.citizens, new_name="市民窓口課", effective=EFFECTIVE)
    [newest] = history_of(town.citizens, limit=1)
    assert newest.changes == [FieldChange("承継組織", "（なし）", "市民窓口課")]  # still diffed against the one before
