"""/org/units/: the list, a unit's page, and the reorganisation forms."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from hogokan.org.models import Assignment, OrgUnit, PersonnelEvent, UnitKind
from tests.conftest import SINCE, assert_statuses
from tests.org.conftest import NEXT_APRIL, TODAY

ALL = ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")
VIEWERS_OF_CITIZENS = {"admin": 200, "chief": 200, "auditor": 200, "manager": 200, "officer": 200, "staff": 200,
                       "officer2": 404, "outsider": 404, "contractor": 404}
CHANGE_OF_CITIZENS = {"admin": 200, "chief": 403, "auditor": 403, "manager": 403, "officer": 403, "staff": 403,
                      "officer2": 404, "outsider": 404, "contractor": 404}
ADMIN_ONLY = {"admin": 200, "chief": 403, "auditor": 403, "manager": 403, "officer": 403, "staff": 403,
              "outsider": 403, "contractor": 403}


def text(response) -> str:
    return response.content.decode()


def rows(response) -> str:
    """The table body of a list page (not the flash messages above it)."""
    body = text(response)
    return body[body.find("<tbody>"):body.find("</tbody>")] if "<tbody>" in body else ""


def unit_count() -> int:
    return OrgUnit.objects.count()


# ---- list -------------------------------------------------------------------------------------

def test_unit_list_needs_login(client, town):
    response = client.get(reverse("org:unit_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_staff_role_opens_the_unit_list(client_for):
    assert_statuses(client_for, "get", reverse("org:unit_list"),
                    {role: 403 if role == "contractor" else 200 for role in ALL})


def test_unit_list_shows_only_the_units_in_scope(client_for, town):
    body = text(client_for("officer").get(reverse("org:unit_list")))
    assert "市民課" in body
    assert "保険年金課" not in body and "学務課" not in body and "法務課" not in body
    body = text(client_for("chief").get(reverse("org:unit_list")))
    assert all(name in body for name in ("市民課", "保険年金課", "学務課", "法務課"))
    assert client_for("contractor").get(reverse("org:unit_list")).status_code == 403
    assert client_for("contractor").get(reverse("org:unit_list"), {"format": "xlsx"}).status_code == 403


def test_unit_list_filters_by_keyword_organ_and_date(client_for, town):
    client = client_for("admin")
    body = text(client.get(reverse("org:unit_list"), {"q": "年金"}))
    assert "保険年金課" in body and "市民課" not in body
    body = text(client.get(reverse("org:unit_list"), {"q": "910"}))
    assert "学務課" in body and "保険年金課" not in body
    body = text(client.get(reverse("org:unit_list"), {"organ": town.education.pk}))
    assert "学務課" in body and "法務課" not in body
    body = text(client.get(reverse("org:unit_list"), {"as_of": "2019-04-01"}))
    assert "条件に合う組織はありません" in body


def test_unit_list_as_of_date_and_ended_units(client_for, town):
    client = client_for("admin")
    client.post(reverse("org:unit_rename", args=[town.pension.pk]), {"name": "国保年金課", "effective": "2026-10-01"})
    body = rows(client.get(reverse("org:unit_list")))
    assert "国保年金課" in body and "保険年金課" not in body
    body = rows(client.get(reverse("org:unit_list"), {"include_ended": "on"}))
    assert "保険年金課" in body and 'data-tone="ended"' in body and "廃止" in body
    body = rows(client.get(reverse("org:unit_list"), {"as_of": "2026-09-30"}))
    assert "保険年金課" in body and "国保年金課" not in body


def test_unit_list_bad_date_shows_a_japanese_error(client_for, town):
    response = client_for("admin").get(reverse("org:unit_list"), {"as_of": "昨日"})
    assert response.status_code == 200
    assert "基準日は「2027-04-01」のように年-月-日で入力してください。" in text(response)


def test_unit_list_paginates_by_fifty(client_for, town):
    for number in range(60):
        OrgUnit.objects.create(organ=town.mayor, parent=town.general_affairs, code=f"5{number:02d}",
                               name=f"臨時係{number}", kind=UnitKind.OTHER, valid_from=SINCE)
    client = client_for("admin")
    first = text(client.get(reverse("org:unit_list")))
    assert "68件中 1〜50件目" in first
    second = text(client.get(reverse("org:unit_list"), {"page": 2}))
    assert "51〜68件目" in second


def test_unit_list_exports_csv_with_japanese_header(client_for, town):
    response = client_for("officer").get(reverse("org:unit_list"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["組織コード", "名称", "種別", "実施機関", "上位組織", "設置日", "廃止日", "承継組織"]
    assert rows[1:] == [["211", "市民課", "課", "市長", "市民部", "2020-04-01", "", ""]]


def test_unit_list_exports_the_filtered_list_as_xlsx(client_for, town):
    response = client_for("admin").get(reverse("org:unit_list"), {"organ": town.education.pk, "format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("組織コード", "名称", "種別")
    assert [row[1] for row in rows[1:]] == ["教育委員会事務局", "学務課"]
    assert rows[2][4] == "教育委員会事務局"


def test_export_neutralises_formula_like_names(client_for, town):
    OrgUnit.objects.create(organ=town.mayor, code="999", name="=HYPERLINK(1)", kind=UnitKind.OTHER, valid_from=SINCE)
    response = client_for("admin").get(reverse("org:unit_list"), {"q": "999", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == "'=HYPERLINK(1)"


# ---- detail -----------------------------------------------------------------------------------

def test_unit_detail_statuses(client_for, town):
    assert_statuses(client_for, "get", reverse("org:unit_detail", args=[town.citizens.pk]), VIEWERS_OF_CITIZENS)


def test_unit_detail_shows_path_people_and_history(client_for, town):
    response = client_for("officer").get(reverse("org:unit_detail", args=[town.citizens.pk]))
    body = text(response)
    assert "市民局" in body and "市民部" in body and "211" in body
    assert "課長 二郎" in body and "担当 四郎" in body
    assert "変更履歴" in body
    assert reverse("org:unit_rename", args=[town.citizens.pk]) not in body  # admin-only actions


def test_unit_detail_shows_admin_actions_to_admin(client_for, town):
    body = text(client_for("admin").get(reverse("org:unit_detail", args=[town.citizens_dept.pk])))
    assert reverse("org:unit_rename", args=[town.citizens_dept.pk]) in body
    assert "市民課" in body and "保険年金課" in body  # children


def test_unknown_unit_is_404(client_for, town):
    assert client_for("admin").get(reverse("org:unit_detail", args=[99999])).status_code == 404


# ---- create -----------------------------------------------------------------------------------

def test_unit_create_is_admin_only(client_for, town):
    assert_statuses(client_for, "get", reverse("org:unit_create"), ADMIN_ONLY)


def test_unit_create_defaults_to_next_april(client_for, town):
    body = text(client_for("admin").get(reverse("org:unit_create")))
    assert 'value="2027-04-01"' in body


def test_unit_create_happy_path(client_for, town):
    response = client_for("admin").post(reverse("org:unit_create"), {
        "organ": town.mayor.pk, "parent": town.citizens_dept.pk, "code": "213", "name": "戸籍課",
        "kind": UnitKind.SECTION, "valid_from": "2027-04-01"})
    unit = OrgUnit.objects.get(code="213")
    assert response.status_code == 302 and response["Location"] == reverse("org:unit_detail", args=[unit.pk])
    assert (unit.name, unit.parent, unit.valid_from) == ("戸籍課", town.citizens_dept, NEXT_APRIL)
    assert unit.history.first().history_user == town.user("admin")


def test_unit_create_refuses_a_duplicate_code(client_for, town):
    before = unit_count()
    response = client_for("admin").post(reverse("org:unit_create"), {
        "organ": town.mayor.pk, "code": "211", "name": "第二市民課", "kind": UnitKind.SECTION,
        "valid_from": "2027-04-01"})
    assert response.status_code == 200
    assert "組織コード「211」は同じ期間の別の組織が使っています。" in text(response)
    assert unit_count() == before


def test_unit_create_refuses_a_parent_of_another_organ(client_for, town):
    before = unit_count()
    response = client_for("admin").post(reverse("org:unit_create"), {
        "organ": town.mayor.pk, "parent": town.school_bureau.pk, "code": "214", "name": "迷子課",
        "kind": UnitKind.SECTION, "valid_from": "2027-04-01"})
    assert "上位組織は同じ実施機関の組織にしてください。" in text(response)
    assert unit_count() == before


def test_unit_create_required_fields_in_japanese(client_for, town):
    response = client_for("admin").post(reverse("org:unit_create"), {"valid_from": ""})
    body = text(response)
    for message in ("実施機関を選んでください。", "組織コードを入力してください。", "名称を入力してください。",
                    "種別を選んでください。", "設置日を入力してください。"):
        assert message in body
    assert 'aria-invalid="true"' in body and "error-summary" in body


# ---- rename -----------------------------------------------------------------------------------

def test_unit_rename_statuses(client_for, town):
    assert_statuses(client_for, "get", reverse("org:unit_rename", args=[town.citizens.pk]), CHANGE_OF_CITIZENS)


def test_unit_rename_post_is_refused_for_read_only_roles(client_for, town):
    data = {"name": "市民生活課", "effective": "2027-04-01"}
    assert_statuses(client_for, "post", reverse("org:unit_rename", args=[town.citizens.pk]),
                    {"chief": 403, "auditor": 403, "officer": 403, "outsider": 404}, data)
    assert not OrgUnit.objects.filter(name="市民生活課").exists()


def test_unit_rename_happy_path(client_for, town):
    response = client_for("admin").post(reverse("org:unit_rename", args=[town.citizens.pk]),
                                        {"name": "市民生活課", "effective": "2027-04-01"})
    renamed = OrgUnit.objects.get(name="市民生活課")
    assert response["Location"] == reverse("org:unit_detail", args=[renamed.pk])
    town.citizens.refresh_from_db()
    assert town.citizens.valid_to == date(2027, 3, 31) and town.citizens.successor == renamed
    assert renamed.code == "211" and renamed.valid_from == NEXT_APRIL


def test_unit_rename_with_empty_name_writes_nothing(client_for, town):
    before = unit_count()
    response = client_for("admin").post(reverse("org:unit_rename", args=[town.citizens.pk]),
                                        {"name": "", "effective": "2027-04-01"})
    assert response.status_code == 200
    assert "新しい名称を入力してください。" in text(response)
    assert unit_count() == before


def test_unit_rename_to_the_same_name_is_refused(client_for, town):
    response = client_for("admin").post(reverse("org:unit_rename", args=[town.citizens.pk]),
                                        {"name": "市民課", "effective": "2027-04-01"})
    assert "現在と同じ名称です。" in text(response)


def test_unit_rename_before_valid_from_is_refused(client_for, town):
    before = unit_count()
    response = client_for("admin").post(reverse("org:unit_rename", args=[town.citizens.pk]),
                                        {"name": "市民生活課", "effective": "2020-04-01"})
    assert "効力発生日は市民課の設置日（令和2年4月1日）より後の日付にしてください。" in text(response)
    assert unit_count() == before


def test_unit_rename_of_an_ended_unit_redirects_with_a_message(client_for, town):
    client = client_for("admin")
    client.post(reverse("org:unit_rename", args=[town.citizens.pk]), {"name": "市民生活課", "effective": "2027-04-01"})
    response = client.get(reverse("org:unit_rename", args=[town.citizens.pk]), follow=True)
    assert "すでに廃止（または改編）済みのため変更できません。" in text(response)


# ---- move -------------------------------------------------------------------------------------

def test_unit_move_statuses(client_for, town):
    assert_statuses(client_for, "get", reverse("org:unit_move", args=[town.citizens.pk]), CHANGE_OF_CITIZENS)


def test_unit_move_happy_path(client_for, town):
    response = client_for("admin").post(reverse("org:unit_move", args=[town.citizens.pk]),
                                        {"parent": town.general_affairs.pk, "effective": "2027-04-01"})
    moved = OrgUnit.objects.get(code="211", valid_from=NEXT_APRIL)
    assert response["Location"] == reverse("org:unit_detail", args=[moved.pk])
    assert moved.parent == town.general_affairs and moved.name == "市民課"


def test_unit_move_under_own_child_is_refused(client_for, town):
    before = unit_count()
    response = client_for("admin").post(reverse("org:unit_move", args=[town.citizens_dept.pk]),
                                        {"parent": town.citizens.pk, "effective": "2027-04-01"})
    assert response.status_code == 200
    assert "自分自身または下位の組織の下には移せません。" in text(response)
    assert unit_count() == before


def test_unit_move_to_another_organ_is_not_offered(client_for, town):
    response = client_for("admin").post(reverse("org:unit_move", args=[town.citizens.pk]),
                                        {"parent": town.school_bureau.pk, "effective": "2027-04-01"})
    assert "新しい上位組織の選択肢から選んでください。" in text(response)


# ---- abolish ----------------------------------------------------------------------------------

def test_unit_abolish_statuses(client_for, town):
    assert_statuses(client_for, "get", reverse("org:unit_abolish", args=[town.citizens.pk]), CHANGE_OF_CITIZENS)


def test_unit_abolish_happy_path_ends_assignments(client_for, town):
    response = client_for("admin").post(reverse("org:unit_abolish", args=[town.pension.pk]),
                                        {"effective": "2027-04-01", "confirm": "on"})
    assert response["Location"] == reverse("org:unit_detail", args=[town.pension.pk])
    town.pension.refresh_from_db()
    assert town.pension.valid_to == date(2027, 3, 31) and town.pension.successor is None
    assignment = Assignment.objects.get(person=town.people["officer2"])
    assert assignment.end == date(2027, 3, 31)
    body = text(client_for("admin").get(reverse("org:unit_detail", args=[town.pension.pk])))
    assert "この組織は令和9年4月1日に廃止されます。" in body


def test_unit_abolish_needs_confirmation(client_for, town):
    response = client_for("admin").post(reverse("org:unit_abolish", args=[town.pension.pk]),
                                        {"effective": "2027-04-01"})
    assert "確認のチェックを入れてください。" in text(response)
    town.pension.refresh_from_db()
    assert town.pension.valid_to is None


def test_unit_abolish_with_living_children_is_refused(client_for, town):
    response = client_for("admin").post(reverse("org:unit_abolish", args=[town.citizens_dept.pk]),
                                        {"effective": "2027-04-01", "confirm": "on"})
    assert response.status_code == 200
    assert "下位の組織（市民課、保険年金課）が残っています。" in text(response)
    town.citizens_dept.refresh_from_db()
    assert town.citizens_dept.valid_to is None


# ---- merge ------------------------------------------------------------------------------------

def merge_data(town, **changes):
    data = {"units": [town.citizens.pk, town.pension.pk], "code": "220", "name": "市民保険課",
            "kind": UnitKind.SECTION, "effective": "2027-04-01"}
    data.update(changes)
    return data


def test_unit_merge_is_admin_only(client_for, town):
    assert_statuses(client_for, "get", reverse("org:unit_merge"), ADMIN_ONLY)
    assert_statuses(client_for, "post", reverse("org:unit_merge"), {"chief": 403, "officer": 403, "auditor": 403},
                    merge_data(town))
    assert not OrgUnit.objects.filter(name="市民保険課").exists()


def test_unit_merge_with_one_unit_is_refused(client_for, town):
    before = unit_count()
    response = client_for("admin").post(reverse("org:unit_merge"), merge_data(town, units=[town.citizens.pk]))
    assert response.status_code == 200
    assert "統合する組織を2つ以上選んでください。" in text(response)
    assert unit_count() == before


def test_unit_merge_with_a_code_in_use_is_refused(client_for, town):
    before = unit_count()
    response = client_for("admin").post(reverse("org:unit_merge"), merge_data(town, code="110"))
    assert response.status_code == 200
    assert "組織コード「110」は同じ期間の別の組織が使っています。" in text(response)
    assert unit_count() == before
    town.citizens.refresh_from_db()
    assert town.citizens.valid_to is None
    assert not PersonnelEvent.objects.exists()


def test_unit_merge_across_organs_is_refused(client_for, town):
    response = client_for("admin").post(reverse("org:unit_merge"),
                                        merge_data(town, units=[town.citizens.pk, town.schools.pk]))
    assert "異なる実施機関の組織は統合できません。" in text(response)


def test_unit_merge_before_valid_from_is_refused(client_for, town):
    response = client_for("admin").post(reverse("org:unit_merge"), merge_data(town, effective="2019-04-01"))
    assert "効力発生日は統合する組織の設置日より後の日付にしてください" in text(response)
    assert not OrgUnit.objects.filter(name="市民保険課").exists()


@pytest.mark.parametrize("as_of", [TODAY, date(2027, 5, 1)], ids=["before", "after"])
def test_merging_two_sections_keeps_their_past_records_readable(client_for, town, travel_to, as_of):
    """Acceptance: merging two sections effective 2027-04-01 keeps their past records readable under the old names."""
    response = client_for("admin").post(reverse("org:unit_merge"), merge_data(town))
    merged = OrgUnit.objects.get(name="市民保険課")
    assert response.status_code == 302 and response["Location"] == reverse("org:unit_detail", args=[merged.pk])
    assert merged.valid_from == NEXT_APRIL and merged.parent == town.citizens_dept

    # The old units keep their names and end the day before.
    for old, name in ((town.citizens, "市民課"), (town.pension, "保険年金課")):
        old.refresh_from_db()
        assert (old.name, old.valid_to, old.successor) == (name, date(2027, 3, 31), merged)

    # Assignments end on 2027-03-31 and start again on 2027-04-01 on the merged unit.
    for role, old_unit in (("officer", town.citizens), ("staff", town.citizens), ("officer2", town.pension)):
        person = town.people[role]
        old = Assignment.objects.get(person=person, unit=old_unit)
        new = Assignment.objects.get(person=person, unit=merged)
        assert old.end == date(2027, 3, 31) and (new.start, new.end, new.role) == (NEXT_APRIL, None, old.role)
        assert PersonnelEvent.objects.filter(person=person, kind=PersonnelEvent.Kind.TRANSFER,
                                             from_assignment=old, to_assignment=new).exists()

    travel_to(as_of)
    verb = "改編されました" if as_of >= NEXT_APRIL else "改編されます"
    # The officer of 市民課 can still open the old unit page, under the old name, with the successor notice.
    response = client_for("officer").get(reverse("org:unit_detail", args=[town.citizens.pk]))
    assert response.status_code == 200
    body = text(response)
    assert "<h1>市民課" in body
    assert "この組織は令和9年4月1日に" in body and "市民保険課" in body and verb in body
    assert "課長 二郎" in body and "令和9年3月31日" in body
    # History shows who did it.
    assert "管理 太郎" in body and "統合（市民課・保険年金課 → 市民保険課）" in body
    # The other section's officer reads their old unit too; the merged unit lists both as predecessors.
    assert client_for("officer2").get(reverse("org:unit_detail", args=[town.pension.pk])).status_code == 200
    merged_page = text(client_for("admin").get(reverse("org:unit_detail", args=[merged.pk])))
    assert "前身の組織" in merged_page and "市民課" in merged_page and "保険年金課" in merged_page
    if as_of >= NEXT_APRIL:
        assert "現在の組織: " in body
        # Now on the merged unit, the officer reaches it and both old sections.
        assert client_for("officer").get(reverse("org:unit_detail", args=[merged.pk])).status_code == 200
        assert client_for("officer").get(reverse("org:unit_detail", args=[town.pension.pk])).status_code == 200


def test_unit_list_shows_planned_units_on_request(client_for, town):
    client = client_for("admin")
    client.post(reverse("org:unit_merge"), merge_data(town))
    body = rows(client.get(reverse("org:unit_list")))
    assert "市民保険課" not in body and "市民課" in body
    body = rows(client.get(reverse("org:unit_list"), {"include_future": "on"}))
    assert "市民保険課" in body and 'data-tone="future"' in body and "将来" in body


def test_unit_list_form_shows_today_as_the_default_date(client_for, town):
    body = text(client_for("admin").get(reverse("org:unit_list")))
    assert f'name="as_of" value="{TODAY.isoformat()}"' in body


def test_the_admin_sites_unit_form_sent_empty_shows_its_errors(client_for, town):
    """It raised "Cannot use None as a query value" (a 500) before the 設置日 was checked."""
    response = client_for("admin").post("/django-admin/org/orgunit/add/", {"code": "211", "name": "新しい課"})
    assert response.status_code == 200
    assert "この項目は必須です" in text(response)
    assert unit_count() == 8
