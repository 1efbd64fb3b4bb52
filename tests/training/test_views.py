"""Training pages: courses (the office), attendance by the section head, the import's dry run and commit,
outstanding lists with Excel, rates and reports, a person's own training, the dashboard."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from hogokan.training import services
from hogokan.training.models import Attendance, Course, TransmissionReport


def test_the_office_registers_a_course_and_a_bad_due_date_writes_nothing(client_for, town):
    client = client_for("chief")
    data = {"title": "新任課長研修", "fiscal_year": "2026", "kind": "new_head", "audience_roles": ["officer"],
            "assigned_since": "2026-04-01", "due": "2026-03-31"}
    response = client.post("/training/courses/new/", data)
    assert response.status_code == 200
    assert "受講期限は令和8年度の期間" in response.content.decode()
    assert not Course.objects.exists()
    response = client.post("/training/courses/new/", {**data, "due": "2026-06-30",
                                                      "audience_units": [town.citizens_dept.pk]})
    course = Course.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/training/courses/{course.pk}/"
    assert course.audience_roles == ["officer"] and list(course.audience_units.all()) == [town.citizens_dept]
    page = client.get(f"/training/courses/{course.pk}/").content.decode()
    assert "新任課長級" in page and "市民部" in page and "研修の登録" in page  # history


def test_a_section_head_records_their_staff_only(client_for, town, course):
    client = client_for("officer")
    url = f"/training/courses/{course.pk}/attendance/"
    response = client.post(url, {"employee_no": "E0009", "attended_on": "2026-06-01", "completed": "on"})
    assert "所属の職員の受講だけを記録できます。" in response.content.decode()
    response = client.post(url, {"employee_no": "E0006", "attended_on": "2026-06-01", "completed": "on"})
    assert response.status_code == 302
    response = client.post(url, {"employee_no": "E0006", "attended_on": "2026-06-02", "completed": "on"})
    assert "担当 四郎（職員番号 E0006）の受講記録はこの研修に既にあります。" in response.content.decode()
    assert Attendance.objects.get().source == "section_head"
    response = client.post(url, {"employee_no": "X1", "attended_on": "2026-06-01"})
    assert "職員番号「X1」の職員が見つかりません。" in response.content.decode()
    assert client_for("staff").get(url).status_code == 403


def test_import_dry_run_then_commit(client_for, town, course):
    client = client_for("chief")
    url = f"/training/courses/{course.pk}/import/"
    bad = "職員番号,受講日,修了\nE0006,2026/6/1,修了\nE9999,2026/6/1,修了\n".encode()
    response = client.post(url, {"file": SimpleUploadedFile("jlis.csv", bad)})
    page = response.content.decode()
    assert "3行目: 職員番号「E9999」の職員が見つかりません。" in page and "取り込む</button>" not in page
    assert not Attendance.objects.exists()
    good = bad.replace(b"E9999", b"E0005")
    page = client.post(url, {"file": SimpleUploadedFile("jlis.csv", good)}).content.decode()
    assert "取り込む受講記録: <strong>2人</strong>" in page
    assert not Attendance.objects.exists()  # the dry run writes nothing
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(f"/training/courses/{course.pk}/import/commit/", {"token": token})
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("person__employee_no", flat=True)) == {"E0005", "E0006"}
    response = client.post(f"/training/courses/{course.pk}/import/commit/", {"token": token})
    assert response.status_code == 302 and Attendance.objects.count() == 2  # a token is used once


def test_outstanding_lists_scoped_with_excel(client_for, town, course):
    page = client_for("officer").get(f"/training/courses/{course.pk}/outstanding/").content.decode()
    assert "課長 二郎" in page and "担当 四郎" in page and "学務 七郎" not in page
    response = client_for("chief").get(f"/training/courses/{course.pk}/outstanding/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == ["職員番号", "氏名", "所属", "ログインID"]
    assert sheet.max_row == 5
    page = client_for("officer").get(f"/training/units/{town.citizens.pk}/?fiscal_year=2026").content.decode()
    assert "個人情報保護研修" in page and "担当 四郎" in page
    assert client_for("officer").get(f"/training/units/{town.pension.pk}/").status_code == 404


def test_the_office_sends_reminders(client_for, town, course):
    from hogokan.core.models import Reminder

    response = client_for("chief").post(f"/training/courses/{course.pk}/remind/")
    assert response.status_code == 302
    assert Reminder.objects.filter(key__startswith=f"training.course:{course.pk}:attend:").count() == 4
    assert client_for("officer").post(f"/training/courses/{course.pk}/remind/").status_code == 403


def test_transmission_report_and_the_rates_tables(client_for, town, course):
    client = client_for("officer")
    url = f"/training/courses/{course.pk}/transmission/"
    response = client.post(url, {"status": "some", "how": ""})
    assert "伝達したときは伝達の方法を入力してください。" in response.content.decode()
    assert not TransmissionReport.objects.exists()
    assert client.post(url, {"status": "some", "how": "課内会議で資料を回覧"}).status_code == 302
    services.attendance_record(actor=town.user("chief"), course=course, person=town.people["staff"],
                               attended_on=date(2026, 6, 1))
    page = client_for("chief").get("/training/rates/?fiscal_year=2026").content.decode()
    assert "所属別の受講状況" in page and "②一部に伝達" in page and "1（100.0%）" in page
    response = client_for("chief").get("/training/rates/?fiscal_year=2026&format=xlsx")
    assert load_workbook(io.BytesIO(response.content)).sheetnames[:1]


def test_my_training_and_a_persons_page(client_for, town, course):
    services.attendance_record(actor=town.user("chief"), course=course, person=town.people["staff"],
                               attended_on=date(2026, 6, 1))
    page = client_for("staff").get("/training/mine/").content.decode()
    assert "個人情報保護研修" in page and "修了" in page
    page = client_for("officer").get(f"/training/people/{town.people['staff'].pk}/").content.decode()
    assert "担当 四郎の研修" in page and "令和8年6月1日" in page
    assert client_for("officer2").get(f"/training/people/{town.people['staff'].pk}/").status_code == 404


def test_dashboard_items(town, course):
    from hogokan.org.access import actor_for
    from hogokan.training.api import dashboard_items

    today = date(2026, 12, 1)
    staff = dashboard_items(actor_for(town.user("staff")), today)
    assert [item.label for item in staff] == ["研修の受講: 個人情報保護研修"]
    officer = [item.label for item in dashboard_items(actor_for(town.user("officer")), today)]
    assert "所属の未受講者 2人: 個人情報保護研修" in officer
    chief = [item.label for item in dashboard_items(actor_for(town.user("chief")), today)]
    assert chief == ["研修の修了 0.0%（未受講 4人、所属別の受講状況）: 個人情報保護研修"]
