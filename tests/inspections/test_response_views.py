"""/inspections/ and /inspections/responses/<pk>/: the task page, the response form, submit and review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hogokan.inspections import services
from hogokan.inspections.models import Campaign, CorrectiveAction, InspectionResponse
from tests.conftest import assert_statuses
from tests.inspections.conftest import all_ok

# A corrective action's deadline must lie ahead (a past one is refused), whenever the suite runs.
LATER = (timezone.localdate() + timedelta(days=60)).isoformat()

VIEWERS = {"admin": 200, "chief": 200, "manager": 200, "officer": 200, "staff": 200, "auditor": 200,
           "officer2": 404, "outsider": 404, "contractor": 404}
ANSWERERS = {"officer": 302, "staff": 302, "admin": 403, "chief": 403, "manager": 403, "auditor": 403,
             "officer2": 404, "outsider": 404, "contractor": 404}
REVIEWERS = {"officer": 403, "staff": 403, "auditor": 403, "admin": 403, "officer2": 404, "outsider": 404,
             "contractor": 404}


def text(response) -> str:
    return response.content.decode()


def url(response) -> str:
    return reverse("inspections:response", args=[response.pk])


def form_data(response, **overrides) -> dict:
    """Every item answered ○ as the page posts it; ``i12="ng"`` etc. override, ``None`` leaves one out."""
    data = {key: "ok" for key, _item in services.response_items(response)}
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    data["save"] = "1"
    return data


def keys(response) -> list[str]:
    return [key for key, _item in services.response_items(response)]


def item(response, number: str):
    return next(i for _k, i in services.response_items(response) if i.number == number)


def submit_all_ok(response, user):
    services.response_save(actor=user, response=response, answers=all_ok(response))
    return services.response_submit(actor=user, response=response)


# ---- the task page ----------------------------------------------------------------------------

def test_home_needs_login(client, town):
    response = client.get(reverse("inspections:home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_home_shows_the_officers_own_section_only(client_for, citizens_response):
    body = text(client_for("officer").get(reverse("inspections:home")))
    assert url(citizens_response) in body and "市民課" in body
    assert "保険年金課" not in body and "学務課" not in body
    assert "未着手" in body and "期限超過" in body  # 2026-11-13 has passed (today is 2026-11-23)
    assert "令和8年11月13日" in body
    assert "対応中の是正措置はありません。" in body


def test_home_for_staff_lists_open_corrective_actions(client_for, citizens_response, town):
    answers = all_ok(citizens_response)
    answers[keys(citizens_response)[3]] = ("×", "")
    services.response_save(actor=town.user("officer"), response=citizens_response, answers=answers,
                           actions={keys(citizens_response)[3]: services.ActionInput("鍵の管理簿を作る")})
    body = text(client_for("staff").get(reverse("inspections:home")))
    assert "鍵の管理簿を作る" in body and "作成中" in body


def test_home_for_the_manager_lists_reviews_and_non_submitters(client_for, campaign, town):
    citizens = campaign.responses.get(unit=town.citizens)
    submit_all_ok(citizens, town.user("officer"))
    body = text(client_for("manager").get(reverse("inspections:home")))
    review = body[body.find("確認待ちの点検結果"):body.find("未提出の点検")]
    pending = body[body.find("未提出の点検"):]
    assert "市民課" in review and "1件" in review
    assert "保険年金課" in pending and "学務課" not in body
    assert f'href="{reverse("inspections:results")}">点検結果の集計（所管の部）' in body  # the page scopes it


def test_home_for_chief_and_auditor_links_to_campaigns_and_results(client_for, campaign):
    body = text(client_for("chief").get(reverse("inspections:home")))
    assert f'href="{reverse("inspections:campaign_list")}"' in body
    assert f'href="{reverse("inspections:results")}"' in body
    assert f'{campaign.title}の集計' in body  # the link says which campaign it opens
    body = text(client_for("auditor").get(reverse("inspections:home")))
    assert "/inspections/results/" in body and "/inspections/manage/campaigns/" not in body


def test_home_empty_states(client_for, town):
    body = text(client_for("officer").get(reverse("inspections:home")))
    assert "自課に割り当てられた点検はまだありません。" in body
    assert client_for("contractor").get(reverse("inspections:home")).status_code == 403  # a staff page


# ---- scoping ----------------------------------------------------------------------------------

def test_who_sees_a_sections_response(client_for, citizens_response):
    assert_statuses(client_for, "get", url(citizens_response), VIEWERS)


def test_who_may_answer(client_for, citizens_response):
    assert_statuses(client_for, "post", url(citizens_response), ANSWERERS, data=form_data(citizens_response))


def test_auditor_reads_but_cannot_answer(client_for, citizens_response):
    client = client_for("auditor")
    body = text(client.get(url(citizens_response)))
    assert "閲覧のみです" in body and '<input type="radio"' not in body
    assert client.post(url(citizens_response), form_data(citizens_response)).status_code == 403
    assert citizens_response.answers.count() == 0


def test_who_may_review(client_for, citizens_response, town):
    submit_all_ok(citizens_response, town.user("officer"))
    review = reverse("inspections:response_review", args=[citizens_response.pk])
    assert_statuses(client_for, "post", review, REVIEWERS, data={"decision": "approve"})
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.SUBMITTED


# ---- the form ---------------------------------------------------------------------------------

def test_form_shows_items_grouped_with_dash_only_where_allowed(client_for, citizens_response):
    body = text(client_for("officer").get(url(citizens_response)))
    assert "重点点検項目" in body and "各所属共通の点検項目" in body and "ファイルサーバーの管理" in body
    first, second = item(citizens_response, "①"), item(citizens_response, "②")
    assert f'id="i{first.pk}-na"' in body and f'id="i{second.pk}-na"' not in body
    assert "課長 二郎" in body and "担当 四郎" in body  # assignee choices: the people of 市民課
    assert "部長 一郎" not in body
    assert "令和8年11月13日" in body and "令和8年12月18日" in body
    assert 'name="submit"' in body


def test_a_corrective_action_deadline_already_past_is_refused(client_for, citizens_response, town):
    fourth = item(citizens_response, "④")
    key = f"i{fourth.pk}"
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = form_data(citizens_response, **{key: "ng", f"{key}-description": "施錠の徹底",
                                           f"{key}-assignee": str(town.people["staff"].pk), f"{key}-due": past})
    response = client_for("staff").post(url(citizens_response), data)
    assert response.status_code == 200 and "の是正措置の期限に過去の日付" in text(response)
    assert not CorrectiveAction.objects.filter(response=citizens_response).exists()


def test_save_a_draft_with_a_cross_opens_a_corrective_action(client_for, citizens_response, town):
    fourth = item(citizens_response, "④")
    key = f"i{fourth.pk}"
    data = form_data(citizens_response, **{key: "ng", f"{key}-remark": "鍵の掛け忘れ",
                                           f"{key}-description": "施錠の徹底を周知する",
                                           f"{key}-assignee": str(town.people["staff"].pk), f"{key}-due": LATER})
    client = client_for("staff")
    response = client.post(url(citizens_response), data)
    assert response.status_code == 302
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.DRAFT
    assert citizens_response.answers.count() == 25
    action = CorrectiveAction.objects.get(response=citizens_response)
    assert action.description == "施錠の徹底を周知する" and action.assignee == town.people["staff"]
    assert action.due_date.isoformat() == LATER
    body = text(client.get(url(citizens_response)))
    assert "一時保存しました" in body and "鍵の掛け忘れ" in body and "施錠の徹底を周知する" in body
    assert f'id="{key}-ng" name="{key}" value="ng" checked' in body


def test_bad_answers_show_japanese_errors_keep_everything_typed_and_save_nothing(client_for, citizens_response):
    first, second, third = item(citizens_response, "①"), item(citizens_response, "②"), item(citizens_response, "③")
    data = form_data(citizens_response, **{f"i{first.pk}": "△", f"i{second.pk}": "na", f"i{third.pk}": "ng",
                                           f"i{third.pk}-remark": "BCC漏れ 1件", f"i{third.pk}-description": "送信前の確認表を作る"})
    response = client_for("officer").post(url(citizens_response), data)
    assert response.status_code == 200
    body = text(response)
    assert "入力内容に誤りがあります" in body
    assert "回答「△」は使えません（○・×・－のいずれか）。" in body
    assert "項目②は「－」（該当なし）を選べない項目です。○か×で回答してください。" in body
    assert f'href="#i{first.pk}-ok"' in body and "＊回答「△」は使えません" in body
    assert "BCC漏れ 1件" in body and "送信前の確認表を作る" in body
    assert f'id="i{third.pk}-ng" name="i{third.pk}" value="ng" checked' in body
    eighteen = item(citizens_response, "18")
    assert f'id="i{eighteen.pk}-ok" name="i{eighteen.pk}" value="ok" checked' in body
    assert citizens_response.answers.count() == 0
    assert not CorrectiveAction.objects.exists()


def test_bad_action_fields_are_refused_and_nothing_saved(client_for, citizens_response, town):
    fourth = item(citizens_response, "④")
    key = f"i{fourth.pk}"
    data = form_data(citizens_response, **{key: "ng", f"{key}-description": "周知する",
                                           f"{key}-assignee": str(town.people["manager"].pk), f"{key}-due": "12月末"})
    body = text(client_for("officer").post(url(citizens_response), data))
    assert "項目④の是正措置の担当者は一覧から選んでください。" in body
    assert "項目④の是正措置の期限は日付で入力してください（例: 2026-12-15）。" in body
    assert 'value="12月末"' in body and "周知する" in body
    assert citizens_response.answers.count() == 0


def test_submit_with_missing_answers_lists_them_and_keeps_the_draft(client_for, citizens_response):
    last = item(citizens_response, "18")
    data = form_data(citizens_response, **{f"i{last.pk}": None})
    data["submit"], data["confirmed"] = "1", "1"  # the confirmation step answered
    response = client_for("officer").post(url(citizens_response), data)
    assert response.status_code == 200
    body = text(response)
    assert "提出できませんでした（入力した内容は一時保存しました）" in body
    assert "未回答の項目があります: 18" in body and "＊項目18が未回答です。" in body
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.DRAFT
    assert citizens_response.answers.exclude(value="").count() == 24


def test_submit_requires_the_corrective_action_of_a_cross(client_for, citizens_response):
    fourth = item(citizens_response, "④")
    data = form_data(citizens_response, **{f"i{fourth.pk}": "ng"})
    data["submit"], data["confirmed"] = "1", "1"  # the confirmation step answered
    body = text(client_for("officer").post(url(citizens_response), data))
    assert "項目④は「×」のため、是正措置の是正の内容・担当者・期限を入力してください。" in body
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.DRAFT


def test_staff_may_save_but_not_submit(client_for, citizens_response):
    client = client_for("staff")
    body = text(client.get(url(citizens_response)))
    assert 'name="submit"' not in body and "提出は保護責任者" in body
    data = form_data(citizens_response)
    data["submit"], data["confirmed"] = "1", "1"  # the confirmation step answered
    assert client.post(url(citizens_response), data).status_code == 403
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.NOT_STARTED
    assert citizens_response.answers.count() == 0


def test_officer_submits_late_and_the_response_is_locked(client_for, citizens_response):
    client = client_for("officer")
    data = form_data(citizens_response)
    data["submit"], data["confirmed"] = "1", "1"  # the confirmation step answered
    response = client.post(url(citizens_response), data, follow=True)
    body = text(response)
    assert "点検結果を提出しました（点検日を過ぎているため、期限後の提出として記録しました）。" in body
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.SUBMITTED and citizens_response.late
    assert "提出済み" in body and "期限後" in body
    assert '<input type="radio"' not in body and "差戻しを依頼してください" in body
    first = item(citizens_response, "②")
    response = client.post(url(citizens_response), form_data(citizens_response, **{f"i{first.pk}": "ng"}), follow=True)
    assert "提出済みの点検結果は変更できません" in text(response)
    assert citizens_response.answers.get(item=first).value == "ok"


def test_manager_approves_with_an_optional_comment(client_for, citizens_response, town):
    submit_all_ok(citizens_response, town.user("officer"))
    client = client_for("manager")
    body = text(client.get(url(citizens_response)))
    assert "点検結果の確認" in body and "承認する" in body and '<input type="radio"' not in body
    review = reverse("inspections:response_review", args=[citizens_response.pk])
    response = client.post(review, {"decision": "approve", "confirmed": "1"}, follow=True)
    assert "承認しました。" in text(response)
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.APPROVED
    assert citizens_response.reviewed_by == town.user("manager")


def test_return_needs_a_comment_then_the_section_edits_and_resubmits(client_for, citizens_response, town):
    submit_all_ok(citizens_response, town.user("officer"))
    review = reverse("inspections:response_review", args=[citizens_response.pk])
    client = client_for("manager")
    response = client.post(review, {"decision": "return", "comment": "  "})
    assert response.status_code == 200 and "差し戻す理由を入力してください。" in text(response)
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.SUBMITTED
    client.post(review, {"decision": "return", "comment": "項目④の状況を確認してください"})
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.RETURNED

    client = client_for("officer")
    body = text(client.get(url(citizens_response)))
    assert "差し戻されました" in body and "項目④の状況を確認してください" in body and '<input type="radio"' in body
    fourth = item(citizens_response, "④")
    key = f"i{fourth.pk}"
    data = form_data(citizens_response, **{key: "ng", f"{key}-description": "鍵の管理簿を作る",
                                           f"{key}-assignee": str(town.people["officer"].pk), f"{key}-due": LATER})
    data["submit"], data["confirmed"] = "1", "1"  # the confirmation step answered
    assert client.post(url(citizens_response), data).status_code == 302
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.SUBMITTED
    assert citizens_response.answers.get(item=fourth).value == "ng"
    body = text(client.get(url(citizens_response)))
    assert "鍵の管理簿を作る" in body and "差戻し" in body  # the history keeps the return
    assert "変更履歴" in body


def test_chief_may_also_review(client_for, citizens_response, town):
    submit_all_ok(citizens_response, town.user("officer"))
    review = reverse("inspections:response_review", args=[citizens_response.pk])
    client_for("chief").post(review, {"decision": "approve", "comment": "確認しました", "confirmed": "1"})
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.APPROVED
    assert citizens_response.review_comment == "確認しました"


def test_review_of_a_draft_is_refused_with_a_message(client_for, citizens_response):
    review = reverse("inspections:response_review", args=[citizens_response.pk])
    response = client_for("manager").post(review, {"decision": "approve", "confirmed": "1"}, follow=True)
    assert "提出済みの点検結果だけが承認・差戻しできます。" in text(response)


def test_attachments_and_history_are_shown(client_for, citizens_response):
    body = text(client_for("officer").get(url(citizens_response)))
    assert "添付ファイル" in body and "添付する" in body and "変更履歴" in body
    body = text(client_for("auditor").get(url(citizens_response)))
    assert "添付ファイル" in body and "添付する" not in body


@pytest.fixture
def august(town):
    return services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.STRENGTHENING, year=2026, month=8,
                                    units=[town.citizens])


def test_strengthening_month_survey_is_answered_and_kept(client_for, august, town):
    response = august.responses.get()
    first, third = august.questions.order_by("order")[0], august.questions.order_by("order")[1]
    data = form_data(response)
    data[f"q{first.pk}"] = [first.choices[0], first.choices[2]]
    data[f"q{first.pk}-text"] = "朝礼で読み合わせ"
    data[f"q{third.pk}"] = [third.choices[0]]
    client = client_for("officer")
    body = text(client.get(url(response)))
    assert "支給以外の端末の利用状況" in body and 'type="checkbox"' in body and "その他の主な具体例" in body
    assert client.post(url(response), data).status_code == 302
    saved = response.survey_answers.get(question=first)
    assert saved.selected == [first.choices[0], first.choices[2]] and saved.text == "朝礼で読み合わせ"
    body = text(client.get(url(response)))
    assert "朝礼で読み合わせ" in body and f'value="{first.choices[2]}" checked' in body


def test_survey_choice_that_does_not_exist_is_refused_and_the_rest_kept(client_for, august):
    response = august.responses.get()
    first = august.questions.order_by("order")[0]
    data = form_data(response)
    data[f"q{first.pk}"] = ["でたらめな選択肢"]
    data[f"q{first.pk}-text"] = "残っているはずの記述"
    body = text(client_for("officer").post(url(response), data))
    assert f"設問{first.number}の選択肢にない回答があります。" in body
    assert "残っているはずの記述" in body
    assert response.answers.count() == 0 and response.survey_answers.count() == 0


def test_submitting_asks_once_and_writes_nothing_until_confirmed(client_for, citizens_response):
    data = form_data(citizens_response)
    data["submit"] = "1"
    page = client_for("officer").post(url(citizens_response), data)
    body = text(page)
    assert page.status_code == 200 and "提出の確認" in body and 'name="confirmed" value="1"' in body
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.NOT_STARTED
    assert citizens_response.answers.count() == 0


def test_after_approval_the_page_does_not_tell_the_reviewer_to_ask_a_reviewer(client_for, town, citizens_response):
    submit_all_ok(citizens_response, town.user("officer"))
    reviewer = client_for("manager")
    before = text(reviewer.get(url(citizens_response)))
    assert "承認するか差し戻してください" in before and "保護管理者に差戻しを依頼" not in before
    reviewer.post(reverse("inspections:response_review", args=[citizens_response.pk]),
                  {"decision": "approve", "confirmed": "1"})
    after = text(reviewer.get(url(citizens_response)))
    assert "承認済みです" in after and "保護管理者に差戻しを依頼" not in after
