"""The chief's campaign pages (点検): create, follow the status, remind non-submitters, close; scoped reading."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hogokan.core.models import Notification
from hogokan.inspections import services
from hogokan.inspections.forms_manage import CampaignForm, parse_questions
from hogokan.inspections.models import Campaign, InspectionResponse, SurveyQuestion
from hogokan.org.models import OrgUnit
from tests.conftest import assert_statuses
from tests.inspections.conftest import all_ok

STAFF_READERS = ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor")
REFUSED = {"manager": 403, "officer": 403, "officer2": 403, "staff": 403, "auditor": 403}


def url(name, *args):
    return reverse(f"inspections:{name}", args=args)


@pytest.fixture
def nagoya(db):
    return services.template_in_use("nagoya-monthly")


def post_data(nagoya, **overrides) -> dict:
    data = {"kind": "monthly", "year": "2026", "month": "11", "title": "", "template": str(nagoya.pk),
            "target": "all", "inspection_date": "", "questions": ""}
    data.update(overrides)
    return data


def created(client, data) -> Campaign:
    response = client.post(url("campaign_create"), data)
    assert response.status_code == 302, response.content.decode()
    campaign = Campaign.objects.order_by("-pk").first()
    assert response["Location"] == url("campaign_detail", campaign.pk)
    return campaign


def units_of(campaign) -> set[str]:
    return set(campaign.responses.values_list("unit__name", flat=True))


# ---- creating ----------------------------------------------------------------------------------

def test_create_for_every_section_with_the_15th_rule(client_for, nagoya):
    campaign = created(client_for("chief"), post_data(nagoya))
    assert campaign.kind == Campaign.Kind.MONTHLY and campaign.title == "令和8年11月 情報に関する点検"
    assert campaign.inspection_date == date(2026, 11, 13)  # 2026-11-15 is a Sunday
    assert campaign.template == nagoya and campaign.questions.count() == 0
    assert units_of(campaign) == {"法務課", "市民課", "保険年金課", "学務課"}


def test_create_for_one_bureau_on_keiro_no_hi(client_for, nagoya):
    bureau = OrgUnit.objects.get(code="200")  # 市民局 → 市民部 → 市民課, 保険年金課
    campaign = created(client_for("chief"), post_data(nagoya, year="2025", month="9", target="bureau",
                                                      bureau=str(bureau.pk)))
    assert campaign.inspection_date == date(2025, 9, 12)  # 2025-09-15 is 敬老の日
    assert units_of(campaign) == {"市民課", "保険年金課"}


def test_create_for_a_list_with_an_overridden_date(client_for, nagoya, town):
    campaign = created(client_for("chief"), post_data(nagoya, kind="system", target="list",
                                                      units=[town.legal.pk, town.schools.pk],
                                                      inspection_date="2026-11-20"))
    assert campaign.inspection_date == date(2026, 11, 20)
    assert units_of(campaign) == {"法務課", "学務課"}


def test_the_form_shows_the_computed_inspection_date(db):
    form = CampaignForm(data={"year": "2026", "month": "11"}, today=date(2026, 10, 1))
    assert "2026年11月なら令和8年11月13日（金）（15日が休庁日のため前の開庁日）です。" in form.fields["inspection_date"].help_text
    form = CampaignForm(data={"year": "2025", "month": "9"}, today=date(2025, 8, 1))
    assert "令和7年9月12日（金）" in form.fields["inspection_date"].help_text


def test_the_form_page_offers_only_templates_in_use_and_the_date_rule(client_for, nagoya, town):
    services.template_revise(actor=town.user("chief"), template=nagoya)
    body = client_for("chief").get(url("campaign_create")).content.decode()
    assert "各月15日（休庁日の場合はその前の開庁日）" in body
    assert "（第1版・25項目）" in body and "第2版" not in body


def test_strengthening_month_copies_the_standard_survey(client_for, nagoya):
    campaign = created(client_for("chief"), post_data(nagoya, kind="strengthening", month="8"))
    headings = list(campaign.questions.values_list("heading", flat=True))
    assert "支給以外の端末の利用状況" in headings and len(headings) == 3
    assert campaign.questions.first().text_label == "その他の主な具体例"


def test_adhoc_survey_questions_from_the_textarea(client_for, nagoya):
    text = ("実施方法（複数回答可）\n朝礼で確認した\n回覧で確認した\nその他\n自由記述: その他の主な具体例\n\n"
            "研修の受講状況\n全員が受講した\n受講していない\n\n課内で工夫していること")
    campaign = created(client_for("chief"), post_data(nagoya, kind="adhoc", title="情報管理の臨時調査", questions=text))
    multiple, single, free = campaign.questions.all()
    assert (multiple.kind, multiple.choices, multiple.text_label) == (
        SurveyQuestion.Kind.MULTIPLE, ["朝礼で確認した", "回覧で確認した", "その他"], "その他の主な具体例")
    assert (single.kind, single.choices) == (SurveyQuestion.Kind.SINGLE, ["全員が受講した", "受講していない"])
    assert (free.kind, free.text, free.choices) == (SurveyQuestion.Kind.TEXT, "課内で工夫していること", [])
    assert campaign.title == "情報管理の臨時調査"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"month": "13"}, "月は1から12で指定してください。"),
    ({"month": ""}, "月を入力してください。"),
    ({"year": "二〇二六"}, "年は「2026」または「令和8」のように入力してください。"),
    ({"year": "令和90"}, "年は2000から2100で指定してください。"),  # 令和90 = 2108
    ({"target": "list"}, "対象の課・公所を1つ以上選んでください。"),
    ({"target": "bureau"}, "対象の局・区・室を選んでください。"),
    ({"inspection_date": "2026-11-15"}, "令和8年11月15日（日）は休庁日です。開庁日を指定してください。"),
    ({"kind": "adhoc"}, "臨時調査では調査の設問を入力してください。"),
    ({"kind": "strengthening", "month": "10"}, "10月には標準の設問がありません（8月・2月だけ）。"),
    ({"questions": "設問\n選択肢A\n選択肢B"}, "調査の設問は、点検強化月間と臨時調査にだけ設定できます。"),
    ({"kind": "adhoc", "questions": "どうですか\nはい"}, "1つ目の設問: 選択肢が1つだけです。"),
    ({"kind": "adhoc", "questions": "自由記述: 例\nはい\nいいえ"}, "1つ目の設問: 1行目には設問を書いてください"),
    ({"kind": "adhoc", "questions": "A\nはい\nいいえ\n\nB\nはい\nはい"}, "2つ目の設問: 選択肢「はい」が重複しています。"),
    ({"kind": "adhoc", "questions": "A\nはい\nいいえ\n自由記述:"}, "「自由記述:」の後に記述欄の見出しを書いてください。"),
])
def test_bad_inputs_give_japanese_errors_and_create_nothing(client_for, nagoya, overrides, message):
    response = client_for("chief").post(url("campaign_create"), post_data(nagoya, **overrides))
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert "入力内容に誤りがあります" in body and 'aria-invalid="true"' in body
    assert Campaign.objects.count() == 0 and InspectionResponse.objects.count() == 0


def test_a_template_not_in_use_is_refused(client_for, nagoya, town):
    draft = services.template_revise(actor=town.user("chief"), template=nagoya)
    response = client_for("chief").post(url("campaign_create"), post_data(nagoya, template=str(draft.pk)))
    assert "使用中の様式を選んでください。" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_a_second_regular_campaign_for_the_month_is_refused(client_for, nagoya, campaign):
    response = client_for("chief").post(url("campaign_create"), post_data(nagoya, kind="strengthening"))
    assert "令和8年11月の定期点検はすでに作成されています。" in response.content.decode()
    assert Campaign.objects.count() == 1


def test_a_bureau_without_sections_is_refused(client_for, nagoya, town):
    empty = OrgUnit.objects.create(organ=town.mayor, code="300", name="会計室", kind="office", valid_from=date(2020, 4, 1))
    response = client_for("chief").post(url("campaign_create"), post_data(nagoya, target="bureau", bureau=empty.pk))
    assert "会計室には令和8年11月13日時点の課・公所がありません。" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_parse_questions_rules():
    assert parse_questions("") == []
    assert parse_questions("Q（複数回答可）\nA\nB\n自由記述：その他") == [
        ("1", "", "Q（複数回答可）", "multiple", ["A", "B"], "その他")]
    with pytest.raises(ValidationError) as error:
        parse_questions("自由のみ\n自由記述: 見出し")
    assert error.value.messages == ["1つ目の設問: 選択肢のない設問は自由記述の設問です。「自由記述:」の行は不要です。"]


def test_generate_this_months_campaign_like_the_worker(client_for, nagoya, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: date(2026, 8, 5))
    client = client_for("chief")
    response = client.post(url("campaign_generate"), follow=True)
    assert "令和8年8月 情報に関する点検（点検強化月間）を作成しました。" in response.content.decode()
    campaign = Campaign.objects.get()
    assert campaign.generated and campaign.kind == Campaign.Kind.STRENGTHENING and campaign.questions.count() == 3
    response = client.post(url("campaign_generate"), follow=True)
    assert "今月の定期点検はすでに作成されています。" in response.content.decode()
    assert Campaign.objects.count() == 1


# ---- scoping -----------------------------------------------------------------------------------

def test_only_the_chief_manages_campaigns(client_for, nagoya, campaign):
    assert_statuses(client_for, "get", url("campaign_create"), {**REFUSED, "contractor": 403, "chief": 200,
                                                                "admin": 200})
    assert_statuses(client_for, "post", url("campaign_create"), {**REFUSED, "contractor": 403},
                    data=post_data(nagoya, month="12"))
    assert_statuses(client_for, "post", url("campaign_generate"), {**REFUSED, "contractor": 403})
    assert_statuses(client_for, "post", url("campaign_notify", campaign.pk), {**REFUSED, "contractor": 404})
    assert_statuses(client_for, "post", url("campaign_close", campaign.pk), {**REFUSED, "contractor": 404})
    assert Campaign.objects.count() == 1 and Notification.objects.count() == 0
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.OPEN
    assert_statuses(client_for, "post", url("campaign_create"), {"chief": 302}, data=post_data(nagoya, month="12"))
    assert_statuses(client_for, "post", url("campaign_notify", campaign.pk), {"chief": 302})
    assert_statuses(client_for, "post", url("campaign_close", campaign.pk), {"chief": 302})


def test_campaign_pages_are_read_by_staff_and_scoped(client_for, campaign, town):
    readers = dict.fromkeys(STAFF_READERS + ("outsider",), 200)
    assert_statuses(client_for, "get", url("campaign_list"), {**readers, "contractor": 403})
    assert_statuses(client_for, "get", url("campaign_detail", campaign.pk), {**readers, "contractor": 404})


def test_outsider_sees_only_campaigns_that_include_their_section(client_for, campaign, town):
    other = services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.SYSTEM, year=2026, month=11,
                                     units=[town.citizens], title="市民課だけの情報システム管理点検")
    client = client_for("outsider")
    body = client.get(url("campaign_list")).content.decode()
    assert campaign.title in body and other.title not in body
    assert client.get(url("campaign_detail", other.pk)).status_code == 404
    assert client.get(url("campaign_detail", campaign.pk)).status_code == 200


@pytest.mark.parametrize(("role", "sections"), [
    ("chief", {"市民課", "保険年金課", "学務課"}),
    ("auditor", {"市民課", "保険年金課", "学務課"}),
    ("manager", {"市民課", "保険年金課"}),
    ("officer", {"市民課"}),
    ("staff", {"市民課"}),
    ("outsider", {"学務課"}),
])
def test_status_table_shows_the_sections_in_scope(client_for, campaign, role, sections):
    body = client_for(role).get(url("campaign_detail", campaign.pk)).content.decode()
    table = body.split('id="status-title"')[1].split("</table>")[0]
    assert {name for name in ("市民課", "保険年金課", "学務課") if name in table} == sections
    csv = client_for(role).get(url("campaign_detail", campaign.pk), {"format": "csv"}).content.decode("utf-8-sig")
    assert {name for name in ("市民課", "保険年金課", "学務課") if name in csv} == sections


# ---- following a campaign ----------------------------------------------------------------------

def submit(response, user):
    services.response_save(actor=user, response=response, answers=all_ok(response))
    return services.response_submit(actor=user, response=response)


def test_list_counts_submitted_and_late_and_filters(client_for, campaign, citizens_response, town):
    submit(citizens_response, town.user("officer"))
    InspectionResponse.objects.filter(pk=citizens_response.pk).update(late=True)
    client = client_for("chief")
    body = client.get(url("campaign_list")).content.decode()
    assert "1／3" in body
    manager_body = client_for("manager").get(url("campaign_list")).content.decode()
    assert "1／2" in manager_body  # the manager counts their department's sections only
    client = client_for("chief")
    assert campaign.title in client.get(url("campaign_list"), {"fiscal_year": "2026", "kind": "monthly"}).content.decode()
    assert campaign.title not in client.get(url("campaign_list"), {"kind": "adhoc"}).content.decode()
    assert campaign.title not in client.get(url("campaign_list"), {"status": "closed"}).content.decode()
    xlsx = client.get(url("campaign_list"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_detail_sorts_and_filters_by_status(client_for, campaign, citizens_response, town):
    submit(citizens_response, town.user("officer"))
    client = client_for("chief")
    body = client.get(url("campaign_detail", campaign.pk), {"status": "submitted"}).content.decode()
    table = body.split('id="status-title"')[1].split("</table>")[0]
    assert "市民課" in table and "保険年金課" not in table
    body = client.get(url("campaign_detail", campaign.pk), {"status": "pending"}).content.decode()
    table = body.split('id="status-title"')[1].split("</table>")[0]
    assert "市民課" not in table and "保険年金課" in table and "学務課" in table
    body = client.get(url("campaign_detail", campaign.pk), {"sort": "-unit"}).content.decode()
    table = body.split('id="status-title"')[1].split("</table>")[0]
    assert table.index("学務課") < table.index("保険年金課") < table.index("市民課")
    assert 'aria-sort="descending"' in table
    body = client.get(url("campaign_detail", campaign.pk), {"sort": "-status"}).content.decode()
    table = body.split('id="status-title"')[1].split("</table>")[0]
    assert table.index("市民課") < table.index("保険年金課")
    assert client.get(url("campaign_detail", campaign.pk), {"sort": "bogus", "status": "x"}).status_code == 200
    assert "令和8年11月13日（金）" in body and "令和8年12月18日" in body


def test_notify_reaches_only_officers_of_sections_not_submitted(client_for, campaign, citizens_response, town):
    submit(citizens_response, town.user("officer"))
    response = client_for("chief").post(url("campaign_notify", campaign.pk), follow=True)
    body = response.content.decode()
    assert "未提出の1課・公所の保護責任者に通知しました。" in body
    assert "保護責任者が登録されていないため通知できなかった課・公所: 学務課" in body
    notes = Notification.objects.filter(subject__contains="提出のお願い")
    assert [note.recipient.username for note in notes] == ["officer2"]
    assert notes.get().url == url("response", campaign.responses.get(unit=town.pension).pk)
    assert "未提出の課・公所に通知（1 件）" in body  # recorded in the campaign's history


def test_close_refuses_later_saves(client_for, campaign, citizens_response, town):
    client = client_for("chief")
    confirm = client.get(url("campaign_close", campaign.pk)).content.decode()
    assert "未提出の課・公所が 3 件あります。" in confirm and "締め切る" in confirm
    response = client.post(url("campaign_close", campaign.pk), follow=True)
    assert "を締め切りました。" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED
    with pytest.raises(ValidationError) as error:
        services.response_save(actor=town.user("officer"), response=citizens_response,
                               answers=all_ok(citizens_response))
    assert error.value.messages == ["この点検は締め切られています。"]
    body = client.get(url("campaign_detail", campaign.pk)).content.decode()
    assert "この点検は締め切られています。" in body and "未提出の課に通知" not in body
    response = client.post(url("campaign_notify", campaign.pk), follow=True)
    assert "締め切られた点検では通知できません。" in response.content.decode()
    response = client.post(url("campaign_close", campaign.pk), follow=True)
    assert "この点検はすでに締め切られています。" in response.content.decode()


def test_status_table_exports_as_csv_and_excel(client_for, campaign):
    client = client_for("chief")
    csv = client.get(url("campaign_detail", campaign.pk), {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "組織コード,課・公所,実施機関,状態,提出日時,提出者,期限後の提出"
    assert lines[1].startswith("211,市民課,市長,未着手")
    xlsx = client.get(url("campaign_detail", campaign.pk), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats") and xlsx.content[:2] == b"PK"
