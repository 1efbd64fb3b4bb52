"""The self-inspection services: templates, campaigns, saving, submitting, reviews, actions."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.core.models import Reminder
from hogokan.inspections import services
from hogokan.inspections.models import ChecklistTemplate, CorrectiveAction, InspectionResponse
from tests.inspections.conftest import all_ok


def test_default_template_has_the_25_items_of_the_nagoya_form(db):
    template = services.template_in_use("nagoya-monthly")
    numbers = list(template.items.values_list("number", flat=True))
    assert len(numbers) == 25
    assert numbers[:7] == ["①", "②", "③", "④", "⑤", "⑥", "⑦"] and numbers[7:] == [str(n) for n in range(1, 19)]
    dash = set(template.items.filter(dash_allowed=True).values_list("number", flat=True))
    assert dash == {"①", "⑥", "⑦", "6", "14", "15"}  # 備考2
    assert services.template_in_use("staff-selfcheck").items.count() >= 8


def test_campaign_dates_follow_the_15th_rule(campaign):
    assert campaign.inspection_date == date(2026, 11, 13)  # 2026-11-15 is a Sunday
    assert campaign.report_due == date(2026, 12, 18)  # the 20th is a Sunday: the Friday before (備考1 as for the 点検日)
    assert campaign.fiscal_year == 2026
    assert campaign.responses.count() == 3


def test_officer_gets_a_reminder_and_managers_the_escalation(campaign, town, citizens_response):
    reminder = Reminder.objects.get(key=f"inspections.inspectionresponse:{citizens_response.pk}:submit")
    assert list(reminder.recipients.all()) == [town.user("officer")]
    assert list(reminder.escalate_to.all()) == [town.user("manager")]


def test_unknown_answer_and_forbidden_dash_are_refused_and_nothing_saved(citizens_response):
    answers = all_ok(citizens_response)
    first, second = list(answers)[:2]
    answers[first] = ("△", "")
    answers[second] = ("－", "")  # ② forbids －
    with pytest.raises(ValidationError) as error:
        services.response_save(actor=None, response=citizens_response, answers=answers)
    messages = error.value.message_dict
    assert "回答「△」は使えません（○・×・－のいずれか）。" in messages[first]
    assert "項目②は「－」（該当なし）を選べない項目です。○か×で回答してください。" in messages[second]
    assert citizens_response.answers.count() == 0


def test_a_remark_longer_than_the_field_is_refused_not_cut(citizens_response):
    answers = all_ok(citizens_response)
    first = next(iter(answers))
    answers[first] = ("○", "備" * 501)
    with pytest.raises(ValidationError) as error:
        services.response_save(actor=None, response=citizens_response, answers=answers)
    assert "備考は500文字以内で入力してください。" in error.value.message_dict[first][0]
    assert citizens_response.answers.count() == 0


def test_submit_lists_missing_items_and_requires_corrective_action(citizens_response, town):
    officer = town.user("officer")
    answers = all_ok(citizens_response)
    keys = list(answers)
    del answers[keys[-1]]
    answers[keys[3]] = ("×", "鍵の掛け忘れ")
    services.response_save(actor=officer, response=citizens_response, answers=answers)
    with pytest.raises(ValidationError) as error:
        services.response_submit(actor=officer, response=citizens_response)
    text = " ".join(error.value.messages)
    assert "未回答の項目があります: 18" in text
    assert "項目④は「×」のため、是正措置の是正の内容・担当者・期限を入力してください。" in text
    answers[keys[-1]] = ("○", "")
    services.response_save(actor=officer, response=citizens_response, answers=answers, actions={
        keys[3]: services.ActionInput("施錠の徹底を朝礼で周知", town.people["staff"], date(2026, 12, 15))})
    services.response_submit(actor=officer, response=citizens_response)
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.SUBMITTED
    assert CorrectiveAction.objects.get(response=citizens_response).status == CorrectiveAction.Status.OPEN
    with pytest.raises(ValidationError):
        services.response_save(actor=officer, response=citizens_response, answers=answers)


def test_return_then_correct_cancels_the_action(citizens_response, town):
    officer = town.user("officer")
    answers = all_ok(citizens_response)
    key = list(answers)[0]
    answers[key] = ("×", "")
    actions = {key: services.ActionInput("見直す", town.people["officer"], date(2026, 12, 1))}
    services.response_save(actor=officer, response=citizens_response, answers=answers, actions=actions)
    services.response_submit(actor=officer, response=citizens_response)
    with pytest.raises(ValidationError):
        services.response_return(actor=town.user("manager"), response=citizens_response, comment=" ")
    services.response_return(actor=town.user("manager"), response=citizens_response, comment="①を再確認")
    answers[key] = ("○", "")
    services.response_save(actor=officer, response=citizens_response, answers=answers)
    assert CorrectiveAction.objects.get(response=citizens_response).status == CorrectiveAction.Status.CANCELLED
    services.response_submit(actor=officer, response=citizens_response)
    services.response_approve(actor=town.user("manager"), response=citizens_response)
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.APPROVED
    reasons = list(citizens_response.history.values_list("history_change_reason", flat=True))
    assert {"差戻し: ①を再確認", "承認"} <= set(reasons) and any(reason.startswith("提出") for reason in reasons)


def test_template_in_use_cannot_change_only_be_superseded(db):
    template = services.template_in_use("nagoya-monthly")
    with pytest.raises(ValidationError):
        services.template_item_save(actor=None, template=template, item=template.items.first(), text="x")
    draft = services.template_revise(actor=None, template=template)
    services.template_item_save(actor=None, template=draft, number="19", category="その他", text="新しい項目",
                                group="各所属共通の点検項目")
    services.template_publish(actor=None, template=draft)
    template.refresh_from_db()
    assert template.status == ChecklistTemplate.Status.SUPERSEDED
    assert services.template_in_use("nagoya-monthly").items.count() == 26


def test_worker_generates_this_months_campaign_once(town):
    created = services.monthly_campaigns_generate(date(2026, 8, 3))
    assert [c.kind for c in created] == ["strengthening"]
    assert created[0].questions.count() == 3
    assert services.monthly_campaigns_generate(date(2026, 8, 4)) == []


def test_save_and_submit_in_one_step_refuses_a_response_changed_meanwhile(citizens_response, town):
    officer = town.user("officer")
    stale = InspectionResponse.objects.get(pk=citizens_response.pk)
    services.response_save_and_submit(actor=officer, response=citizens_response, answers=all_ok(citizens_response))
    with pytest.raises(ValidationError, match="他の操作で『提出済み』に変更されました"):
        services.response_save_and_submit(actor=officer, response=stale, answers=all_ok(stale))
    citizens_response.refresh_from_db()
    assert citizens_response.status == InspectionResponse.Status.SUBMITTED
    assert citizens_response.answers.count() == 25
