"""/inspections/actions/: corrective actions — the scoped list, its downloads, and 完了報告."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from hogokan.inspections import services
from hogokan.inspections.models import CorrectiveAction
from tests.conftest import assert_statuses
from tests.inspections.conftest import all_ok


def text(response) -> str:
    return response.content.decode()


def rows(response) -> str:
    body = text(response)
    return body[body.find("<tbody>"):body.find("</tbody>")] if "<tbody>" in body else ""


def open_action(response, user, person, *, number: str, description: str, due: date) -> CorrectiveAction:
    """Save ``response`` all ○ except ``number`` answered × with a complete corrective action."""
    key = next(k for k, item in services.response_items(response) if item.number == number)
    answers = all_ok(response)
    answers[key] = ("×", "")
    services.response_save(actor=user, response=response, answers=answers,
                           actions={key: services.ActionInput(description, person, due)})
    return CorrectiveAction.objects.get(response=response, answer__item__number=number)


@pytest.fixture
def actions(campaign, town):
    citizens = campaign.responses.get(unit=town.citizens)
    pension = campaign.responses.get(unit=town.pension)
    late = open_action(citizens, town.user("officer"), town.people["staff"], number="④",
                       description="施錠の徹底を周知する", due=date(2026, 11, 1))
    pending = open_action(pension, town.user("officer2"), town.people["officer2"], number="②",
                          description="=送付前チェック表を作る", due=date(2027, 1, 31))
    return {"citizens": late, "pension": pending}


def test_list_needs_login(client, town):
    response = client.get(reverse("inspections:action_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_each_section_sees_only_its_own_actions(client_for, actions):
    body = rows(client_for("officer").get(reverse("inspections:action_list")))
    assert "施錠の徹底を周知する" in body and "送付前チェック表" not in body
    body = rows(client_for("officer2").get(reverse("inspections:action_list")))
    assert "送付前チェック表" in body and "施錠の徹底" not in body
    body = rows(client_for("manager").get(reverse("inspections:action_list")))
    assert "施錠の徹底" in body and "送付前チェック表" in body
    body = rows(client_for("auditor").get(reverse("inspections:action_list")))
    assert "施錠の徹底" in body and "完了を報告" not in body
    response = client_for("outsider").get(reverse("inspections:action_list"))
    assert response.status_code == 200 and "対応中の是正措置はありません。" in text(response)
    assert client_for("contractor").get(reverse("inspections:action_list")).status_code == 403


def test_overdue_actions_are_highlighted(client_for, actions):
    body = rows(client_for("manager").get(reverse("inspections:action_list")))
    late_row = body[:body.find("</tr>")]
    assert 'data-state="error"' in late_row and "期限超過" in late_row and "市民課" in late_row
    assert body.count('data-state="error"') == 1


def test_filter_open_done_all(client_for, actions, town):
    services.action_complete(actor=town.user("officer"), action=actions["citizens"], note="周知済み")
    client = client_for("manager")
    assert "施錠の徹底" not in rows(client.get(reverse("inspections:action_list")))
    body = rows(client.get(reverse("inspections:action_list"), {"status": "done"}))
    assert "施錠の徹底" in body and "送付前チェック表" not in body
    body = rows(client.get(reverse("inspections:action_list"), {"status": "all"}))
    assert "施錠の徹底" in body and "送付前チェック表" in body
    body = text(client.get(reverse("inspections:action_list"), {"status": "nonsense"}))
    assert "送付前チェック表" in body and "状態は一覧から選んでください。" in body


def test_csv_and_excel_exports_follow_the_scope(client_for, actions):
    response = client_for("manager").get(reverse("inspections:action_list"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(content)))
    assert table[0][:5] == ["点検", "課・公所", "番号", "点検項目", "是正の内容"]
    assert {row[1] for row in table[1:]} == {"市民課", "保険年金課"}
    assert "'=送付前チェック表を作る" in content  # no formula injection
    response = client_for("officer").get(reverse("inspections:action_list"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "点検" and len(values) == 2 and values[1][1] == "市民課"


def test_who_may_complete(client_for, actions):
    complete = reverse("inspections:action_complete", args=[actions["citizens"].pk])
    assert_statuses(client_for, "get", complete, {
        "officer": 200, "staff": 200, "manager": 403, "chief": 403, "auditor": 403, "admin": 403,
        "officer2": 404, "outsider": 404, "contractor": 404,
    })


def test_staff_completes_with_a_note(client_for, actions, town):
    complete = reverse("inspections:action_complete", args=[actions["citizens"].pk])
    client = client_for("staff")
    response = client.post(complete, {"note": "全職員に周知し、鍵の管理簿を作成した"}, follow=True)
    assert "是正措置を完了にしました。" in text(response)
    action = CorrectiveAction.objects.get(pk=actions["citizens"].pk)
    assert action.status == CorrectiveAction.Status.DONE and action.done_note == "全職員に周知し、鍵の管理簿を作成した"
    response = client.get(complete, follow=True)
    assert "この是正措置は対応中ではないため、完了報告はできません。" in text(response)


def test_completing_without_a_note_is_refused_in_japanese(client_for, actions):
    complete = reverse("inspections:action_complete", args=[actions["citizens"].pk])
    response = client_for("officer").post(complete, {"note": "   "})
    assert response.status_code == 200
    body = text(response)
    assert "実施した内容を入力してください。" in body and 'aria-invalid="true"' in body
    assert CorrectiveAction.objects.get(pk=actions["citizens"].pk).status == CorrectiveAction.Status.OPEN


def test_auditor_cannot_complete(client_for, actions):
    complete = reverse("inspections:action_complete", args=[actions["citizens"].pk])
    assert client_for("auditor").post(complete, {"note": "代わりに完了"}).status_code == 403
    assert CorrectiveAction.objects.get(pk=actions["citizens"].pk).status == CorrectiveAction.Status.OPEN
