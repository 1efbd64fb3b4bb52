"""Incident pages: scope (404/403), the first report, edit with recompute, notice, reports, status,
measures, timeline, near misses, search, statistics, the PPC list and the follow-up table."""

import io
from datetime import date

from openpyxl import load_workbook

from hogokan.core.models import Notification
from hogokan.incidents import services
from hogokan.incidents.models import Incident, NearMiss
from tests.conftest import assert_statuses


def test_detail_scope(client_for, incident):
    url = f"/incidents/{incident.pk}/"
    assert_statuses(client_for, "get", url, {"staff": 200, "officer": 200, "manager": 200, "chief": 200,
                                             "auditor": 200, "officer2": 404, "outsider": 404, "contractor": 404})
    assert_statuses(client_for, "get", f"{url}edit/", {"staff": 200, "officer": 200, "chief": 200, "auditor": 403,
                                                       "officer2": 404, "contractor": 404})
    assert_statuses(client_for, "post", f"{url}reports/", {"officer": 403, "auditor": 403, "outsider": 404},
                    data={"final_reported_on": "2025-06-30"})


def test_detail_shows_decision_beside_facts(client_for, incident):
    page = client_for("officer").get(f"/incidents/{incident.pk}/").content.decode()
    assert "報告が必要です" in page and "規則43条1号" in page
    assert "判定に使った事実" in page and "令和7年7月1日" in page  # 確報期限
    assert "変更履歴" in page and "第一報を受付" in page


def test_list_scope_filters_and_exports(client_for, incident, pension_incident):
    page = client_for("staff").get("/incidents/").content.decode()
    assert incident.title in page and pension_incident.title not in page
    page = client_for("chief").get("/incidents/?report=required").content.decode()
    assert incident.title in page and pension_incident.title not in page
    page = client_for("chief").get("/incidents/?q=誤送付").content.decode()
    assert incident.title in page and pension_incident.title not in page
    page = client_for("chief").get("/incidents/?fiscal_year=abc").content.decode()
    assert incident.title in page  # a bad filter value is ignored, never a 500
    response = client_for("chief").get("/incidents/?format=csv")
    assert "郵送物の誤送付" in response.content.decode("utf-8-sig")
    response = client_for("chief").get("/incidents/?format=xlsx")
    assert load_workbook(io.BytesIO(response.content)).active["B2"].value in {incident.title, pension_incident.title}


def test_first_report_by_staff_notifies_at_once(client_for, town):
    client = client_for("staff")
    response = client.post("/incidents/new/", {"title": "FAXの誤送信", "unit": town.citizens.pk,
                                                "learned_on": "2025-09-01", "persons": "120",
                                                "persons_is_estimate": "on", "summary": "番号を押し間違えた"})
    assert response.status_code == 302
    incident = Incident.objects.get(title="FAXの誤送信")
    assert incident.report_grounds == ["over_100"] and incident.reported_by == town.user("staff")
    assert Notification.objects.filter(recipient=town.user("officer"), subject__contains="第一報").exists()
    assert Notification.objects.filter(recipient=town.user("chief"), subject__contains="第一報").exists()


def test_first_report_bad_inputs_keep_text(client_for, town):
    response = client_for("staff").post("/incidents/new/", {"title": "書類の紛失", "unit": town.pension.pk,
                                                             "learned_on": "2100-01-01", "persons": "abc"})
    page = response.content.decode()
    assert response.status_code == 200 and "書類の紛失" in page
    assert "未来の日付" in page and "半角の整数" in page and "発生部署の選択肢から選んでください" in page
    assert not Incident.objects.exists()


def test_contractor_files_for_own_contract_and_sees_nothing_else(client_for, town, contract, incident):
    from hogokan.outsourcing import services as contract_services

    other = contract_services.contract_save(
        actor=town.user("chief"), title="他社の委託", unit=town.pension, contractor_name="別会社",
        period_start=date(2025, 4, 1), period_end=date(2026, 3, 31))
    client = client_for("contractor")
    page = client.get("/incidents/new/").content.decode()
    assert "窓口業務委託" in page and "他社の委託" not in page
    response = client.post("/incidents/new/", {"title": "他社の委託で事故", "contract": other.pk,
                                                "learned_on": "2025-09-01", "persons": "1"})
    assert response.status_code == 200 and "委託の選択肢から選んでください" in response.content.decode()
    response = client.post("/incidents/new/", {"title": "受付窓口での誤交付", "contract": contract.pk,
                                                "learned_on": "2025-09-01", "persons": "1"})
    assert response.status_code == 302
    filed = Incident.objects.get(title="受付窓口での誤交付")
    assert filed.unit == town.citizens and filed.contract == contract and filed.contractor_involved
    listing = client.get("/incidents/").content.decode()
    assert filed.title in listing and incident.title not in listing
    assert client.get(f"/incidents/{incident.pk}/").status_code == 404
    forbidden = client.get("/incidents/near-misses/")
    assert forbidden.status_code == 403
    assert "切り替えて" not in forbidden.content.decode()  # a contractor has no other role to switch to
    assert client_for("officer").get(f"/incidents/{filed.pk}/").status_code == 200


def test_a_contractor_with_one_contract_finds_it_chosen(client_for, town, contract):
    page = client_for("contractor").get("/incidents/new/").content.decode()
    assert f'<option value="{contract.pk}" selected>' in page


def test_edit_recomputes_and_keeps_input_on_error(client_for, town, incident, items):
    client = client_for("officer")
    data = {"title": incident.title, "unit": town.citizens.pk, "learned_on": "2025-06-02", "persons": "2",
            "data_items": [items["氏名"].pk, items["口座番号"].pk], "my_number_system": "none",
            "occurred_on": "2025-06-05"}
    response = client.post(f"/incidents/{incident.pk}/edit/", data)
    assert response.status_code == 200 and "発生日は判明日以前" in response.content.decode()
    data["occurred_on"] = "2025-05-30"
    assert client.post(f"/incidents/{incident.pk}/edit/", data).status_code == 302
    incident.refresh_from_db()
    assert incident.report_grounds == ["property"]
    assert incident.timeline.filter(text__contains="口座番号").exists()


def test_notice_report_status_timeline_measure(client_for, town, incident):
    officer, chief = client_for("officer"), None
    response = officer.post(f"/incidents/{incident.pk}/notice/", {"notice_status": "exempt",
                                                                  "notice_exemption": "difficult"})
    assert response.status_code == 200 and "代替措置" in response.content.decode()
    assert officer.post(f"/incidents/{incident.pk}/notice/", {
        "notice_status": "exempt", "notice_exemption": "difficult", "substitute_measure": "publication",
        "notice_exemption_reason": "住所が変わっており通知が第三者に届くおそれがある",
        "published_on": "2025-06-10"}).status_code == 302
    assert officer.post(f"/incidents/{incident.pk}/timeline/", {"text": "本人宅を訪問"}).status_code == 302
    assert officer.post(f"/incidents/{incident.pk}/measures/", {"description": "封入時に二人で確認する",
                                                                "status": "planned"}).status_code == 302
    response = officer.post(f"/incidents/{incident.pk}/status/", {"status": "closed"})
    assert response.status_code == 200 and "確報" in response.content.decode()
    chief = client_for("chief")
    assert chief.post(f"/incidents/{incident.pk}/reports/", {"preliminary_reported_on": "2025-06-04",
                                                             "final_reported_on": "2025-06-20"}).status_code == 302
    incident.refresh_from_db()
    assert incident.final_reported_on == date(2025, 6, 20)
    measure = incident.measures.get()
    page = chief.get(f"/incidents/{incident.pk}/measures/{measure.pk}/")
    assert page.status_code == 200
    assert chief.post(f"/incidents/{incident.pk}/measures/{measure.pk}/", {
        "description": measure.description, "status": "done"}).status_code == 200  # done needs a date
    assert chief.post(f"/incidents/{incident.pk}/measures/{measure.pk}/", {
        "description": measure.description, "status": "done", "done_on": "2025-07-01",
        "evaluation": "ダブルチェックが定着した"}).status_code == 302
    assert chief.post(f"/incidents/{incident.pk}/status/", {"status": "closed"}).status_code == 302
    incident.refresh_from_db()
    assert incident.status == Incident.Status.CLOSED
    assert client_for("auditor").post(f"/incidents/{incident.pk}/timeline/", {"text": "x"}).status_code == 403


def test_similar_past_cases(client_for, town, incident, items):
    services.incident_report(actor=town.user("officer"), title="郵送物の誤送付（別件）", unit=town.citizens,
                             learned_on=date(2025, 8, 1), persons=1, summary="窓あき封筒で別人の通知を送付した")
    newer = Incident.objects.get(title="郵送物の誤送付（別件）")
    page = client_for("officer").get(f"/incidents/{newer.pk}/").content.decode()
    assert "似ている過去の事案" in page and incident.number in page


def test_near_misses_shared_and_searchable(client_for, town):
    client = client_for("staff")
    response = client.post("/incidents/near-misses/new/", {"title": "宛名ラベルの貼り間違い", "occurred_on": "2025-05-01",
                                                            "description": "封入前に二人目が気付いた",
                                                            "anonymous": "on"})
    assert response.status_code == 302
    near_miss = NearMiss.objects.get()
    assert near_miss.reported_by is None
    assert client_for("outsider").get(f"/incidents/near-misses/{near_miss.pk}/").status_code == 200
    page = client_for("outsider").get("/incidents/search/?q=貼り間違い").content.decode()
    assert "宛名ラベルの貼り間違い" in page
    page = client_for("outsider").get("/incidents/search/?q=宛名").content.decode()  # 2 characters: icontains
    assert "宛名ラベルの貼り間違い" in page
    response = client_for("staff").post("/incidents/near-misses/new/", {"title": "", "occurred_on": "x",
                                                                         "description": "説明だけ"})
    assert response.status_code == 200 and "説明だけ" in response.content.decode()
    assert client_for("auditor").get("/incidents/near-misses/new/").status_code == 403


def test_statistics_ppc_list_and_followup_export(client_for, town, incident, pension_incident):
    services.measure_save(actor=town.user("officer"), incident=incident, description="封入時に二人で確認する",
                          evidence="課内ルールを改訂", evaluation="定着した")
    chief = client_for("chief")
    page = chief.get("/incidents/statistics/?year=2025").content.decode()
    assert "種類別" in page and "市民課" in page
    page = chief.get("/incidents/reported/?year=2025").content.decode()
    assert "郵送物の誤送付" in page and "FAXの誤送信" not in page
    response = chief.get("/incidents/follow-up/?year=2025&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == ["番号", "部署", "事故の概要", "再発防止策",
                                                 "再発防止策の実施状況（取組に対する評価等を含む）"]
    assert sheet["D2"].value == "①封入時に二人で確認する"
    assert "（評価）" in sheet["E2"].value
    assert chief.get("/incidents/statistics/?year=2025&format=csv").status_code == 200
    assert client_for("contractor").get("/incidents/statistics/").status_code == 403


def test_dashboard_puts_overdue_reports_first(town, incident, items):
    from django.utils import timezone

    from hogokan.incidents import api
    from hogokan.org.access import actor_for

    recent = services.incident_report(actor=town.user("officer"), title="最近の事故", unit=town.citizens,
                                      learned_on=timezone.localdate(), persons=1, data_items=[items["障害"]])
    chief_items = api.dashboard_items(actor_for(town.user("chief")), timezone.localdate())
    assert chief_items[0].overdue and incident.title in chief_items[0].label
    assert any(recent.title in item.label and not item.overdue for item in chief_items)


def test_summary_page_in_the_yachiyo_layout(client_for, incident):
    page = client_for("chief").get(f"/incidents/{incident.pk}/summary/").content.decode()
    assert "事案の件名" in page and "漏えいした個人情報の件数" in page and "2人" in page
    assert "未記入</strong>: 原因" in page  # 規則44 items still missing are named
    assert client_for("outsider").get(f"/incidents/{incident.pk}/summary/").status_code == 404


def test_statistics_take_any_year_parameter_without_a_500(client_for, incident):
    """/incidents/statistics/?year=0 answered 500 (a copy of the fiscal-year parser had no bounds)."""
    chief = client_for("chief")
    for query in ("year=0", "year=-1", "year=99999", "fiscal_year=abc", "fiscal_year=２０２５", "year=²"):
        for page in ("statistics", "reported", "follow-up"):
            assert chief.get(f"/incidents/{page}/?{query}").status_code == 200, (page, query)
    # the old name still works on old links, the new one too
    assert "令和7年度" in chief.get("/incidents/statistics/?year=2025").content.decode()
    assert "令和7年度" in chief.get("/incidents/statistics/?fiscal_year=2025").content.decode()


def test_a_long_title_is_refused_with_a_word_not_cut_by_the_browser(client_for, town):
    client = client_for("staff")
    form = client.get("/incidents/new/").content.decode()
    assert "maxlength" not in form.split("<main")[1]  # a browser would cut pasted text without a word
    title = "誤" * 201
    response = client.post("/incidents/new/", {"title": title, "unit": town.citizens.pk, "learned_on": "2025-06-02",
                                               "persons": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "200 文字" in page and title in page
    assert not Incident.objects.exists()
