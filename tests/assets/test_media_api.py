"""/api/v1/assets/media and /api/v1/assets/take-outs: the fields, the scope, the Japanese 400s."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from hogokan.accounts.services import token_issue
from hogokan.assets import services_media as services
from hogokan.assets.models_media import TakeOut


@pytest.fixture
def api(town):
    def client(username):
        _token, secret = token_issue(actor=None, user=town.user(username), name="test")
        c = APIClient()
        c.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return c
    return client


BODY = {"items": "訪問先一覧", "personal_information": "氏名、住所", "medium_kind": "paper", "protection": "none",
        "destination": "市民会館", "purpose": "meeting", "taken_out_on": "2026-11-10", "planned_return": "2026-11-12"}


def test_a_take_out_requested_approved_and_returned_over_the_api(api, town):
    response = api("staff").post("/api/v1/assets/take-outs", BODY, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "2026-001" and body["status"] == "requested" and body["unit"] == town.citizens.pk
    assert body["carrier"] == town.people["staff"].pk
    pk = body["id"]
    assert api("staff").post(f"/api/v1/assets/take-outs/{pk}/decide", {"decision": "approve"},
                             format="json").status_code == 403
    assert api("officer2").post(f"/api/v1/assets/take-outs/{pk}/decide", {"decision": "approve"},
                                format="json").status_code == 404
    approved = api("officer").post(f"/api/v1/assets/take-outs/{pk}/decide", {"decision": "approve"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    early = api("officer").post(f"/api/v1/assets/take-outs/{pk}/return", {"returned_on": "2026-11-09"}, format="json")
    assert early.status_code == 400
    assert early.json()["errors"]["returned_on"] == ["返却日が持出し日より前です。返却日を確かめてください。"]
    assert TakeOut.objects.get(pk=pk).status == "approved"
    back = api("officer").post(f"/api/v1/assets/take-outs/{pk}/return", {"returned_on": "2026-11-11"}, format="json")
    assert back.status_code == 200 and back.json()["status"] == "returned" and back.json()["overdue"] is False


def test_refusing_without_a_reason_is_a_400(api, town):
    pk = api("staff").post("/api/v1/assets/take-outs", BODY, format="json").json()["id"]
    response = api("officer").post(f"/api/v1/assets/take-outs/{pk}/decide", {"decision": "reject"}, format="json")
    assert response.status_code == 400 and response.json()["errors"]["comment"] == ["承認しない理由を入力してください。"]


def test_bad_bodies_name_the_field_in_japanese(api, town):
    response = api("staff").post("/api/v1/assets/take-outs", {**BODY, "medium_kind": "usb", "planned_return": "x"},
                                 format="json")
    errors = response.json()["errors"]
    assert response.status_code == 400
    assert "medium_kind は paper、medium、device のいずれかで指定してください。" in errors["medium_kind"]
    assert errors["planned_return"] == ["YYYY-MM-DD 形式の日付で指定してください。"]
    response = api("staff").post("/api/v1/assets/take-outs", {**BODY, "planned_return": "2026-11-01"}, format="json")
    assert response.json()["errors"]["planned_return"] == ["返却予定日は持出し日以降の日付にしてください。"]
    assert not TakeOut.objects.exists()


def test_overdue_filter_and_scope(api, town):
    late = services.takeout_request(actor=town.user("staff"), unit=town.citizens, carrier=town.people["staff"],
                                    items="台帳", personal_information="氏名", medium_kind="paper", destination="会議",
                                    purpose="meeting", taken_out_on=date(2026, 10, 1), planned_return=date(2026, 10, 2))
    services.takeout_approve(actor=town.user("officer"), takeout=late, today=date(2026, 10, 1))
    listed = api("officer").get("/api/v1/assets/take-outs?status=overdue").json()
    assert [row["number"] for row in listed["results"]] == [late.number] and listed["results"][0]["overdue"]
    assert api("officer2").get("/api/v1/assets/take-outs").json()["count"] == 0
    assert api("outsider").get(f"/api/v1/assets/take-outs/{late.pk}").status_code == 404


def test_a_medium_registered_over_the_api_belongs_to_the_actors_unit(api, town):
    response = api("officer").post("/api/v1/assets/media", {"number": "USB-1", "kind": "usb", "encryption": "hardware",
                                                            "permitted_from": "2026-04-01"}, format="json")
    assert response.status_code == 201 and response.json()["unit"] == town.citizens.pk
    again = api("officer").post("/api/v1/assets/media", {"number": "USB-1", "kind": "usb", "encryption": "hardware",
                                                         "permitted_from": "2026-04-01"}, format="json")
    assert again.status_code == 400 and "USB-1" in again.json()["errors"]["number"][0]
    assert api("staff").post("/api/v1/assets/media", {}, format="json").status_code == 403
    assert api("outsider").get(f"/api/v1/assets/media/{response.json()['id']}").status_code == 404
