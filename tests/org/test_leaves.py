"""休職・休業 on the person: recorded one by one or imported (dry run first), overlapping leaves refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hogokan.org import api, services
from hogokan.org.models import Leave


def test_a_leave_is_recorded_and_read_through_the_api(town):
    services.leave_record(actor=town.user("admin"), person=town.people["staff"], kind="childcare",
                          start=date(2026, 5, 1), end=None)
    assert api.people_on_leave(date(2027, 1, 1)) == {town.people["staff"].pk}
    assert api.people_on_leave(date(2026, 4, 30)) == set()
    assert list(api.leaves_on(date(2026, 6, 1)).values_list("kind", flat=True)) == ["childcare"]


def test_overlapping_leaves_are_refused_in_japanese(town):
    services.leave_record(actor=town.user("admin"), person=town.people["staff"], kind="sick",
                          start=date(2026, 5, 1), end=date(2026, 6, 30))
    with pytest.raises(ValidationError) as error:
        services.leave_record(actor=town.user("admin"), person=town.people["staff"], kind="suspension",
                              start=date(2026, 6, 1), end=None)
    assert "期間の重なる休職・休業" in error.value.message_dict["start"][0]
    assert Leave.objects.count() == 1


def test_the_page_records_a_leave_for_the_office_only(client_for, town):
    response = client_for("chief").post("/org/leaves/", {"employee_no": "E0006", "kind": "sick",
                                                         "start": "2026/5/1", "end": "2026/7/31"})
    assert response.status_code == 302
    assert Leave.objects.get().person == town.people["staff"]
    assert client_for("officer").post("/org/leaves/", {"employee_no": "E0006"}).status_code == 403


def test_an_import_with_an_unknown_employee_number_writes_nothing(client_for, town):
    client = client_for("admin")
    upload = SimpleUploadedFile("leaves.csv", "職員番号,種別,開始日,終了日,備考\nE0006,育児休業,2026/5/1,,\n"
                                              "X0001,休職,2026/5/1,2026/4/1,\n".encode())
    body = client.post("/org/leaves/import/", {"file": upload}).content.decode()
    assert "3行目: 職員番号「X0001」の職員等は登録されていません。" in body
    assert "3行目: 終了日は開始日以降の日付にしてください。" in body
    assert not Leave.objects.exists()
    upload = SimpleUploadedFile("leaves.csv", "職員番号,種別,開始日,終了日,備考\nE0006,育児休業,令和8年5月1日,,\n".encode())
    body = client.post("/org/leaves/import/", {"file": upload}).content.decode()
    token = body.split('name="token" value="')[1].split('"')[0]
    assert client.post("/org/leaves/import/commit/", {"token": token}).status_code == 302
    assert Leave.objects.get().start == date(2026, 5, 1)
