"""/org/transfers/: 人事異動 — rows validated one by one, applied all or nothing."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from hogokan.org.models import Assignment, PersonnelEvent, Role
from tests.conftest import assert_statuses
from tests.org.conftest import NEXT_APRIL

URL = reverse("org:transfers")


def text(response) -> str:
    return response.content.decode()


def payload(rows: list[dict], effective: str = "2027-04-01", extra: int = 10) -> dict:
    data = {"effective": effective, "rows-TOTAL_FORMS": str(max(extra, len(rows))), "rows-INITIAL_FORMS": "0",
            "rows-MIN_NUM_FORMS": "0", "rows-MAX_NUM_FORMS": "200"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"rows-{index}-{key}"] = value
    return data


def test_transfers_is_admin_only(client_for, town):
    assert_statuses(client_for, "get", URL, {"admin": 200, "chief": 403, "auditor": 403, "manager": 403,
                                             "officer": 403, "staff": 403, "contractor": 403, "outsider": 403})
    assert_statuses(client_for, "post", URL, {"chief": 403, "officer": 403},
                    payload([{"employee_no": "E0006", "old_code": "211", "new_code": "212", "role": Role.STAFF}]))
    assert not PersonnelEvent.objects.exists()


def test_transfers_form_defaults_to_next_april(client_for, town):
    body = text(client_for("admin").get(URL))
    assert 'value="2027-04-01"' in body and "登録された人事異動はありません。" in body


def test_transfer_moves_people_and_lists_the_events(client_for, town):
    client = client_for("admin")
    response = client.post(URL, payload([
        {"employee_no": "E0006", "old_code": "211", "new_code": "212", "role": Role.STAFF, "title": "主事"},
        {"employee_no": "E0009", "old_code": "910", "new_code": "", "role": ""},          # 転出: end only
        {"employee_no": "E0005", "old_code": "", "new_code": "211", "role": Role.OFFICER},  # 兼務: start only
    ]))
    assert response.status_code == 302
    staff, outsider, officer2 = town.people["staff"], town.people["outsider"], town.people["officer2"]
    old = Assignment.objects.get(person=staff, unit=town.citizens)
    new = Assignment.objects.get(person=staff, unit=town.pension)
    assert old.end == date(2027, 3, 31) and (new.start, new.role, new.title) == (NEXT_APRIL, Role.STAFF, "主事")
    assert Assignment.objects.get(person=outsider).end == date(2027, 3, 31)
    assert Assignment.objects.filter(person=officer2, unit=town.citizens, start=NEXT_APRIL).exists()
    events = PersonnelEvent.objects.all()
    assert {(event.person.employee_no, event.kind) for event in events} == {
        ("E0006", PersonnelEvent.Kind.TRANSFER), ("E0009", PersonnelEvent.Kind.END),
        ("E0005", PersonnelEvent.Kind.START)}
    assert {event.batch for event in events} == {"人事異動 2027-04-01"}
    assert all(event.recorded_by == town.user("admin") for event in events)
    body = text(client.get(URL))
    assert "令和9年4月1日付けの人事異動を3件登録しました。" in body
    assert "担当 四郎" in body and "市民課・保護担当者・職員" in body and "保険年金課・保護担当者・職員（主事）" in body


def test_unknown_employee_number_is_reported_by_row_and_nothing_is_written(client_for, town):
    response = client_for("admin").post(URL, payload([
        {"employee_no": "E0006", "old_code": "211", "new_code": "212", "role": Role.STAFF},
        {"employee_no": "E9999", "old_code": "211", "new_code": "212", "role": Role.STAFF},
    ]))
    assert response.status_code == 200
    body = text(response)
    assert "2行目: 職員番号「E9999」が見つかりません。" in body
    assert 'data-state="error"' in body and "error-summary" in body
    assert not PersonnelEvent.objects.exists()
    assert Assignment.objects.get(person=town.people["staff"]).end is None


def test_row_errors_name_the_row_and_the_problem(client_for, town):
    body = text(client_for("admin").post(URL, payload([
        {"employee_no": "E0006", "old_code": "212", "new_code": "", "role": ""},
        {"employee_no": "E0004", "old_code": "999", "new_code": "212", "role": Role.OFFICER},
        {"employee_no": "E0004", "old_code": "211", "new_code": "777", "role": Role.OFFICER},
        {"employee_no": "E0003", "old_code": "210", "new_code": "212", "role": ""},
        {"employee_no": "E0003", "old_code": "", "new_code": "", "role": Role.STAFF},
        {"employee_no": "E0008", "old_code": "", "new_code": "", "role": ""},
        {"employee_no": "", "old_code": "211", "new_code": "212", "role": Role.STAFF},
    ])))
    assert "1行目: 担当 四郎さんは令和9年3月31日に保険年金課に配属されていません。" in body
    assert "2行目: 異動前の組織コード「999」の組織は令和9年3月31日に存在しません。" in body
    assert "3行目: 異動後の組織コード「777」の組織は令和9年4月1日に存在しません。" in body
    assert "4行目: 異動後の役割を選んでください。" in body
    assert "5行目: 保護担当者・職員には異動後の組織コードが必要です。" in body
    assert "6行目: 異動前または異動後の組織コードを入力してください。" in body
    assert "7行目: 職員番号を入力してください。" in body
    assert not PersonnelEvent.objects.exists()


def test_duplicate_rows_are_refused(client_for, town):
    row = {"employee_no": "E0006", "old_code": "211", "new_code": "212", "role": Role.STAFF}
    body = text(client_for("admin").post(URL, payload([row, row])))
    assert "2行目: 職員番号「E0006」は1行目と同じ異動前の組織で重複しています。" in body
    assert not PersonnelEvent.objects.exists()


def test_empty_transfer_and_bad_date(client_for, town):
    client = client_for("admin")
    assert "異動の内容を1行以上入力してください。" in text(client.post(URL, payload([])))
    body = text(client.post(URL, payload([{"employee_no": "E0006", "old_code": "211"}], effective="4月1日")))
    assert "発令日は「2027-04-01」のように年-月-日で入力してください。" in body
    assert not PersonnelEvent.objects.exists()


def test_old_unit_is_looked_up_on_the_day_before(client_for, town):
    """Old codes are looked up on the day before the 発令日: after a rename, the renamed unit."""
    client = client_for("admin")
    client.post(reverse("org:unit_rename", args=[town.pension.pk]), {"name": "国保年金課", "effective": "2027-04-01"})
    town.pension.refresh_from_db()
    renamed = town.pension.successor
    # The rename carried 課長 三郎 to 国保年金課; move them from there on 2027-05-01.
    response = client.post(URL, payload([{"employee_no": "E0005", "old_code": "212", "new_code": "211",
                                          "role": Role.OFFICER}], effective="2027-05-01"))
    assert response.status_code == 302
    carried = Assignment.objects.get(person=town.people["officer2"], unit=renamed)
    assert carried.end == date(2027, 4, 30)
    assert Assignment.objects.get(person=town.people["officer2"], unit=town.citizens).start == date(2027, 5, 1)


def test_more_rows_can_be_asked_for(client_for, town):
    body = text(client_for("admin").get(URL, {"rows": 30}))
    assert 'name="rows-29-employee_no"' in body and 'name="rows-30-employee_no"' not in body
    assert "入力欄を増やす（40行）" in body
