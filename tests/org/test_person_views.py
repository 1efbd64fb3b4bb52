"""/org/people/: the list, a person's page, and the admin forms for people and assignments."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
from django.contrib.auth import get_user_model
from django.urls import reverse

from hogokan.org.models import Assignment, Person, PersonnelEvent, Role
from tests.conftest import PASSWORD, assert_statuses
from tests.org.conftest import TODAY

ALL = ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")
VIEWERS_OF_CITIZENS = {"admin": 200, "chief": 200, "auditor": 200, "manager": 200, "officer": 200, "staff": 200,
                       "officer2": 404, "outsider": 404, "contractor": 404}
CHANGE_OF_CITIZENS = {"admin": 200, "chief": 403, "auditor": 403, "manager": 403, "officer": 403, "staff": 403,
                      "officer2": 404, "outsider": 404, "contractor": 404}


def text(response) -> str:
    return response.content.decode()


def rows(response) -> str:
    body = text(response)
    return body[body.find("<tbody>"):body.find("</tbody>")] if "<tbody>" in body else ""


def new_person_data(**changes):
    data = {"employee_no": "E0100", "name": "保護 太郎", "name_kana": "ホゴ タロウ", "email": "taro@example.lg.jp",
            "kind": Person.Kind.STAFF, "company": "", "username": "", "password1": "", "password2": ""}
    data.update(changes)
    return data


# ---- list -------------------------------------------------------------------------------------

def test_every_staff_role_opens_the_people_list(client_for):
    assert_statuses(client_for, "get", reverse("org:person_list"),
                    {role: 403 if role == "contractor" else 200 for role in ALL})


def test_people_list_is_scoped(client_for, town):
    body = rows(client_for("officer").get(reverse("org:person_list")))
    assert "課長 二郎" in body and "担当 四郎" in body
    assert "課長 三郎" not in body and "学務 七郎" not in body
    body = rows(client_for("manager").get(reverse("org:person_list")))
    assert all(name in body for name in ("部長 一郎", "課長 二郎", "課長 三郎", "担当 四郎"))
    # The list is a staff page (as the menu); a contractor still sees their own person page.
    assert client_for("contractor").get(reverse("org:person_list")).status_code == 403
    assert client_for("contractor").get(reverse("org:person_list"), {"format": "csv"}).status_code == 403


def test_people_list_search_and_filters(client_for, town):
    Person.objects.filter(pk=town.people["staff"].pk).update(name_kana="タントウ シロウ")
    client = client_for("admin")
    assert "担当 四郎" in rows(client.get(reverse("org:person_list"), {"q": "シロウ"}))
    found = rows(client.get(reverse("org:person_list"), {"q": "E0007"}))
    assert "監査 五郎" in found and "担当 四郎" not in found
    found = rows(client.get(reverse("org:person_list"), {"unit": town.citizens.pk}))
    assert "課長 二郎" in found and "担当 四郎" in found and "課長 三郎" not in found
    found = rows(client.get(reverse("org:person_list"), {"unit": town.citizens.pk, "role": Role.STAFF}))
    assert "担当 四郎" in found and "課長 二郎" not in found


def test_people_list_shows_only_people_in_post_by_default(client_for, town):
    Person.objects.filter(pk=town.people["staff"].pk).update(is_active=False)
    client = client_for("admin")
    assert "担当 四郎" not in rows(client.get(reverse("org:person_list")))
    assert "担当 四郎" in rows(client.get(reverse("org:person_list"), {"status": "all"}))
    found = rows(client.get(reverse("org:person_list"), {"status": "inactive"}))
    assert "担当 四郎" in found and "課長 二郎" not in found


def test_people_list_paginates_by_fifty(client_for, town):
    Person.objects.bulk_create(Person(employee_no=f"X{n:03d}", name=f"臨時 {n}") for n in range(55))
    client = client_for("admin")
    assert "64件中 1〜50件目" in text(client.get(reverse("org:person_list")))
    assert "51〜64件目" in text(client.get(reverse("org:person_list"), {"page": 2}))


def test_people_list_empty_state(client_for, town):
    assert "条件に合う職員等はいません。" in text(client_for("admin").get(reverse("org:person_list"), {"q": "該当なし"}))


def test_people_export_csv(client_for, town):
    response = client_for("officer").get(reverse("org:person_list"), {"format": "csv"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == ["職員番号", "氏名", "氏名（カナ）", "区分", "所属事業者", "メールアドレス", "在籍", "現在の配属"]
    assert [row[1] for row in table[1:]] == ["課長 二郎", "担当 四郎"]
    assert table[1][7] == "市民課・保護責任者"


def test_people_export_xlsx(client_for, town):
    response = client_for("admin").get(reverse("org:person_list"), {"q": "学務", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:2] == ["職員番号", "氏名"]
    assert sheet.cell(row=2, column=2).value == "学務 七郎"
    assert sheet.max_row == 2


# ---- detail -----------------------------------------------------------------------------------

def test_person_detail_statuses(client_for, town):
    url = reverse("org:person_detail", args=[town.people["officer"].pk])
    assert_statuses(client_for, "get", url, VIEWERS_OF_CITIZENS)


def test_contractor_sees_only_themselves(client_for, town):
    client = client_for("contractor")
    assert client.get(reverse("org:person_detail", args=[town.people["contractor"].pk])).status_code == 200
    assert client.get(reverse("org:person_detail", args=[town.people["staff"].pk])).status_code == 404


def test_person_detail_shows_assignments_under_the_unit_name_of_the_time(client_for, town):
    client = client_for("admin")
    client.post(reverse("org:unit_rename", args=[town.citizens.pk]), {"name": "市民生活課", "effective": "2026-10-01"})
    body = text(client.get(reverse("org:person_detail", args=[town.people["staff"].pk])))
    past = body[body.find('id="past-title"'):body.find('id="events-title"')]
    assert "市民課" in past and "令和8年9月30日" in past and "現在: " in past
    current = body[body.find('id="current-title"'):body.find('id="past-title"')]
    assert "市民生活課" in current and "令和8年10月1日" in current
    events = body[body.find('id="events-title"'):body.find('id="history-title"')]
    assert "異動" in events and "名称変更（市民課 → 市民生活課）" in events
    assert "変更履歴" in body


# ---- create -----------------------------------------------------------------------------------

def test_person_create_is_admin_only(client_for, town):
    assert_statuses(client_for, "get", reverse("org:person_create"),
                    {"admin": 200, "chief": 403, "auditor": 403, "officer": 403, "outsider": 403, "contractor": 403})
    assert_statuses(client_for, "post", reverse("org:person_create"), {"chief": 403, "officer": 403},
                    new_person_data())
    assert not Person.objects.filter(employee_no="E0100").exists()


def test_person_create_with_login(client_for, town):
    response = client_for("admin").post(reverse("org:person_create"), new_person_data(
        username="hogo.taro", password1=PASSWORD, password2=PASSWORD))
    person = Person.objects.get(employee_no="E0100")
    assert response["Location"] == reverse("org:person_detail", args=[person.pk])
    assert person.user.username == "hogo.taro" and person.user.check_password(PASSWORD)
    assert person.history.first().history_user == town.user("admin")


def test_person_create_without_login(client_for, town):
    client_for("admin").post(reverse("org:person_create"), new_person_data())
    assert Person.objects.get(employee_no="E0100").user is None


def test_person_create_shows_password_validator_messages(client_for, town):
    users = get_user_model().objects.count()
    response = client_for("admin").post(reverse("org:person_create"), new_person_data(
        username="hogo.taro", password1="12345", password2="12345"))
    body = text(response)
    assert response.status_code == 200
    assert "短すぎます" in body and 'id="id_password1_error"' in body
    assert not Person.objects.filter(employee_no="E0100").exists()
    assert get_user_model().objects.count() == users


def test_person_create_checks_the_password_confirmation_and_login_id(client_for, town):
    client = client_for("admin")
    body = text(client.post(reverse("org:person_create"), new_person_data(
        username="hogo.taro", password1=PASSWORD, password2=PASSWORD + "x")))
    assert "確認用の初期パスワードが一致しません。" in body
    body = text(client.post(reverse("org:person_create"), new_person_data(password1=PASSWORD, password2=PASSWORD)))
    assert "初期パスワードを設定するときはログインIDも入力してください。" in body
    body = text(client.post(reverse("org:person_create"), new_person_data(username="officer")))
    assert "ログインID「officer」はすでに使われています。" in body
    assert not Person.objects.filter(employee_no="E0100").exists()


def test_person_create_refuses_a_duplicate_employee_number(client_for, town):
    users = get_user_model().objects.count()
    response = client_for("admin").post(reverse("org:person_create"),
                                        new_person_data(employee_no="E0004", username="dup.user"))
    assert response.status_code == 200
    assert "職員番号" in text(response) and "既に存在します" in text(response)
    assert get_user_model().objects.count() == users


def test_person_create_contractor_needs_a_company(client_for, town):
    response = client_for("admin").post(reverse("org:person_create"), new_person_data(kind=Person.Kind.CONTRACTOR))
    assert "受託者の従事者は所属事業者を入力してください。" in text(response)


def test_person_create_required_fields(client_for, town):
    body = text(client_for("admin").post(reverse("org:person_create"), new_person_data(employee_no="", name="")))
    assert "職員番号を入力してください。" in body and "氏名を入力してください。" in body


# ---- edit -------------------------------------------------------------------------------------

def test_person_edit_statuses(client_for, town):
    url = reverse("org:person_edit", args=[town.people["officer"].pk])
    assert_statuses(client_for, "get", url, CHANGE_OF_CITIZENS)


def test_person_edit_happy_path_and_leaving(client_for, town):
    person = town.people["staff"]
    response = client_for("admin").post(reverse("org:person_edit", args=[person.pk]), {
        "name": "担当 四郎", "name_kana": "タントウ シロウ", "email": "shiro@example.lg.jp",
        "kind": Person.Kind.STAFF, "company": ""})
    assert response["Location"] == reverse("org:person_detail", args=[person.pk])
    person.refresh_from_db()
    assert (person.name_kana, person.is_active) == ("タントウ シロウ", False)
    assert person.user.email == "shiro@example.lg.jp" and not person.user.is_active
    body = text(client_for("admin").get(reverse("org:person_detail", args=[person.pk])))
    assert "タントウ シロウ" in body and "管理 太郎" in body


def test_person_edit_bad_email(client_for, town):
    person = town.people["staff"]
    response = client_for("admin").post(reverse("org:person_edit", args=[person.pk]), {
        "name": "担当 四郎", "email": "shiro@", "kind": Person.Kind.STAFF, "is_active": "on"})
    assert "メールアドレスは「name@example.lg.jp」の形式で入力してください。" in text(response)
    person.refresh_from_db()
    assert person.email == "staff@example.jp"


# ---- assignments ------------------------------------------------------------------------------

def test_assignment_create_statuses(client_for, town):
    url = reverse("org:assignment_create", args=[town.people["officer"].pk])
    assert_statuses(client_for, "get", url, CHANGE_OF_CITIZENS)


def test_assignment_create_happy_path(client_for, town):
    person = town.people["staff"]
    response = client_for("admin").post(reverse("org:assignment_create", args=[person.pk]), {
        "unit": town.pension.pk, "role": Role.STAFF, "title": "主事", "start": "2026-12-01"})
    assert response["Location"] == reverse("org:person_detail", args=[person.pk])
    assignment = Assignment.objects.get(person=person, unit=town.pension)
    assert (assignment.start, assignment.title) == (date(2026, 12, 1), "主事")
    assert PersonnelEvent.objects.filter(person=person, kind=PersonnelEvent.Kind.START,
                                         to_assignment=assignment).exists()


def test_assignment_create_unit_role_needs_a_unit(client_for, town):
    person = town.people["staff"]
    response = client_for("admin").post(reverse("org:assignment_create", args=[person.pk]),
                                        {"unit": "", "role": Role.OFFICER, "start": "2026-12-01"})
    assert "保護責任者には組織の指定が必要です。" in text(response)
    assert Assignment.objects.filter(person=person).count() == 1


def test_assignment_create_duplicate_is_refused(client_for, town):
    person = town.people["staff"]
    response = client_for("admin").post(reverse("org:assignment_create", args=[person.pk]),
                                        {"unit": town.citizens.pk, "role": Role.STAFF, "start": "2026-12-01"})
    assert response.status_code == 200
    assert "担当 四郎さんはすでに同じ組織・役割の配属があります。" in text(response)


def test_assignment_create_before_the_unit_exists_is_refused(client_for, town):
    person = town.people["staff"]
    response = client_for("admin").post(reverse("org:assignment_create", args=[person.pk]),
                                        {"unit": town.pension.pk, "role": Role.STAFF, "start": "2019-04-01"})
    assert "保険年金課は開始日（平成31年4月1日）に存在しない組織です。" in text(response)


def test_assignment_end_statuses(client_for, town):
    assignment = Assignment.objects.get(person=town.people["officer"])
    assert_statuses(client_for, "get", reverse("org:assignment_end", args=[assignment.pk]), CHANGE_OF_CITIZENS)


def test_assignment_end_happy_path(client_for, town):
    assignment = Assignment.objects.get(person=town.people["officer"])
    response = client_for("admin").post(reverse("org:assignment_end", args=[assignment.pk]), {"end": "2027-03-31"})
    assert response["Location"] == reverse("org:person_detail", args=[town.people["officer"].pk])
    assignment.refresh_from_db()
    assert assignment.end == date(2027, 3, 31)
    assert PersonnelEvent.objects.get(from_assignment=assignment).kind == PersonnelEvent.Kind.END


def test_assignment_end_before_start_is_refused(client_for, town):
    assignment = Assignment.objects.get(person=town.people["officer"])
    response = client_for("admin").post(reverse("org:assignment_end", args=[assignment.pk]), {"end": "2019-03-31"})
    assert "終了日は開始日（令和2年4月1日）以降の日付にしてください。" in text(response)
    assignment.refresh_from_db()
    assert assignment.end is None and not PersonnelEvent.objects.exists()


def test_assignment_end_defaults_to_today(client_for, town):
    assignment = Assignment.objects.get(person=town.people["officer"])
    body = text(client_for("admin").get(reverse("org:assignment_end", args=[assignment.pk])))
    assert f'value="{TODAY.isoformat()}"' in body
