"""The request pages: receipt, detail, steps, scoping of the requester's data, bad inputs, downloads."""

from datetime import date

from django.urls import reverse

from hogokan.disclosures import services
from hogokan.disclosures.models import DataSubjectRequest, Decision
from tests.conftest import assert_statuses

NAME = "開示 請求者"


def test_office_receives_a_request_and_the_deadline_is_shown(client_for, town):
    client = client_for("chief")
    response = client.post(reverse("disclosures:create"), {
        "kind": "disclosure", "organ": town.mayor.pk, "received_on": "2026-11-02", "channel": "online",
        "units": [town.citizens.pk, town.pension.pk], "requester_name": "山田 花子", "target_description": "税の記録",
        "identity_document": "マイナンバーカード（公的個人認証）"})
    assert response.status_code == 302
    created = DataSubjectRequest.objects.get()
    assert created.due_date == date(2026, 12, 2) and created.number.startswith("2026-")
    page = client.get(response["Location"])
    assert "令和8年12月2日" in page.content.decode() and "山田 花子" in page.content.decode()


def test_bad_receipt_keeps_what_was_typed(client_for, town):
    response = client_for("chief").post(reverse("disclosures:create"), {
        "kind": "disclosure", "organ": town.mayor.pk, "received_on": "2026-13-40", "channel": "counter",
        "units": [], "requester_name": "山田 花子", "target_description": "税の記録"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "受付日の「2026-13-40」は存在しない日付です。" in text and "担当課を1つ以上選んでください。" in text
    assert "山田 花子" in text and "税の記録" in text


def test_units_of_another_organ_are_refused(client_for, town):
    response = client_for("chief").post(reverse("disclosures:create"), {
        "kind": "disclosure", "organ": town.mayor.pk, "received_on": "2026-11-02", "channel": "counter",
        "units": [town.schools.pk], "requester_name": "山田 花子", "target_description": "記録"})
    assert "担当課は請求を受けた実施機関の組織から選んでください。" in response.content.decode()


def test_who_sees_the_request_and_the_requester(client_for, town, make_request):
    request = make_request(units=[town.citizens])
    url = reverse("disclosures:detail", args=[request.pk])
    assert_statuses(client_for, "get", url, {"chief": 200, "officer": 200, "staff": 200, "manager": 200,
                                             "auditor": 200, "officer2": 404, "outsider": 404, "contractor": 403})
    for role, sees in [("chief", True), ("officer", True), ("staff", True), ("manager", False), ("auditor", False),
                       ("admin", False)]:
        text = client_for(role).get(url).content.decode()
        assert (NAME in text) is sees, role
        assert ("みなと緑市本町1-1" in text) is sees, role


def test_list_is_scoped_and_hides_names_from_managers(client_for, town, make_request):
    make_request(units=[town.citizens], name="市民課 宛")
    make_request(units=[town.pension], name="年金課 宛")
    url = reverse("disclosures:list")
    officer = client_for("officer").get(url).content.decode()
    assert "市民課 宛" in officer and "年金課 宛" not in officer
    manager = client_for("manager").get(url).content.decode()
    assert "市民課 宛" not in manager and manager.count("2026-00") == 2
    assert client_for("outsider").get(url).content.decode().count("2026-00") == 0
    csv = client_for("chief").get(url + "?format=csv")
    assert "年金課 宛" in csv.content.decode("utf-8-sig")
    assert client_for("manager").get(url + "?format=xlsx").status_code == 200


def test_only_the_office_receives_and_steps(client_for, town, make_request):
    request = make_request()
    assert_statuses(client_for, "get", reverse("disclosures:create"), {"chief": 200, "officer": 403, "manager": 403,
                                                                       "auditor": 403})
    assert_statuses(client_for, "get", reverse("disclosures:extend", args=[request.pk]),
                    {"chief": 200, "officer": 403, "auditor": 403, "officer2": 404, "outsider": 404})


def test_correction_received_before_requested_is_refused_with_data_kept(client_for, town, make_request):
    request = make_request()
    response = client_for("chief").post(reverse("disclosures:correction_add", args=[request.pk]), {
        "requested_on": "2026-11-10", "received_on": "2026-11-05", "content": "請求の対象の特定"})
    text = response.content.decode()
    assert "補正を受けた日が補正を求めた日より前です。" in text and "請求の対象の特定" in text
    ok = client_for("chief").post(reverse("disclosures:correction_add", args=[request.pk]), {
        "requested_on": "2026-11-05", "received_on": "2026-11-09"})
    assert ok.status_code == 302
    request.refresh_from_db()
    assert request.due_date == date(2026, 12, 7)  # 12-02 + 5 days (both days included)


def test_decision_dated_before_receipt_is_refused(client_for, town, make_request):
    request = make_request()
    response = client_for("officer").post(reverse("disclosures:decision_add", args=[request.pk]), {
        "unit": town.citizens.pk, "type": "partial", "grounds": ["2"], "decided_on": "2026-10-30",
        "reason": "第三者の氏名を除く"})
    text = response.content.decode()
    assert "決定日が請求の受付日（令和8年11月2日）より前です。" in text and "第三者の氏名を除く" in text
    assert not Decision.objects.exists()


def test_partial_decision_needs_grounds_and_unit_records_its_own(client_for, town, make_request):
    request = make_request(units=[town.citizens, town.pension])
    client = client_for("officer")
    missing = client.post(reverse("disclosures:decision_add", args=[request.pk]), {
        "unit": town.citizens.pk, "type": "partial", "decided_on": "2026-11-20"})
    assert "不開示情報（法78①の号）を選んでください" in missing.content.decode()
    wrong_unit = client.post(reverse("disclosures:decision_add", args=[request.pk]), {
        "unit": town.pension.pk, "type": "full", "decided_on": "2026-11-20"})
    assert wrong_unit.status_code == 200 and not Decision.objects.exists()
    ok = client.post(reverse("disclosures:decision_add", args=[request.pk]), {
        "unit": town.citizens.pk, "type": "partial", "grounds": ["2", "7"], "decided_on": "2026-11-20",
        "notified_on": "2026-11-20"})
    assert ok.status_code == 302
    decision = Decision.objects.get()
    assert decision.grounds == ["2", "7"]
    assert client_for("manager").get(reverse("disclosures:decision_add", args=[request.pk])).status_code == 403
    assert_statuses(client_for, "get", reverse("disclosures:decision_edit", args=[request.pk, decision.pk]),
                    {"officer": 200, "staff": 200, "chief": 200, "officer2": 403, "manager": 403})


def test_extension_over_30_days_is_refused_and_30_is_kept(client_for, town, make_request):
    request = make_request()
    client = client_for("chief")
    too_long = client.post(reverse("disclosures:extend", args=[request.pk]), {"days": "31", "reason": "大量"})
    assert "延長できるのは30日以内です（法83②）。" in too_long.content.decode()
    client.post(reverse("disclosures:extend", args=[request.pk]), {"days": "30", "reason": "大量の文書",
                                                                  "notified_on": "2026-11-20"})
    request.refresh_from_db()
    assert request.extended_due_date == date(2027, 1, 1) and request.recommended_by == date(2026, 12, 28)


def test_execution_fee_and_third_party_objection(client_for, town, make_request, settings):
    settings.HOGOKAN_DISCLOSURE_FEE_PER_PAGE = 10
    request = make_request()
    chief = town.user("chief")
    services.hearing_add(actor=chief, request=request, third_party="第三者A", reason="2ro", sent_on=date(2026, 11, 5),
                         answered_on=date(2026, 11, 12), objection=True)
    decision = services.decision_record(actor=chief, request=request, unit=town.citizens, type="partial",
                                        grounds=["2"], decided_on=date(2026, 11, 20))
    url = reverse("disclosures:execution", args=[request.pk, decision.pk])
    early = client_for("officer").post(url, {"method": "copy", "disclosed_on": "2026-11-25", "pages": "12"})
    assert "法86③" in early.content.decode()
    client_for("officer").post(url, {"method": "copy", "disclosed_on": "2026-12-07", "pages": "12"})
    decision.refresh_from_db()
    assert decision.fee == 120 and decision.method == "copy"


def test_withdrawal_and_appeal(client_for, town, make_request):
    request = make_request(units=[town.citizens, town.pension])
    chief = town.user("chief")
    decision = services.decision_record(actor=chief, request=request, unit=town.citizens, type="absent",
                                        decided_on=date(2026, 11, 10))
    client = client_for("chief")
    client.post(reverse("disclosures:withdraw", args=[request.pk]), {"withdrawn_on": "2026-11-12"})
    assert set(request.decisions.values_list("type", flat=True)) == {"absent", "withdrawn"}
    bad = client.post(reverse("disclosures:appeal_add", args=[request.pk]), {
        "decision": decision.pk, "filed_on": "2026-11-20", "exception_105": "unlawful", "consulted_on": "2026-11-25"})
    assert "法105①の場合は諮問しません" in bad.content.decode()
    ok = client.post(reverse("disclosures:appeal_add", args=[request.pk]), {
        "decision": decision.pk, "filed_on": "2026-11-20", "consulted_on": "2026-11-25"})
    assert ok.status_code == 302 and request.appeals.count() == 1


def test_history_hides_requester_changes_from_managers(client_for, town, make_request):
    request = make_request()
    services.request_update(actor=town.user("chief"), request=request, requester_name="別名 太郎")
    url = reverse("disclosures:detail", args=[request.pk])
    assert "別名 太郎" in client_for("chief").get(url).content.decode()
    assert "別名 太郎" not in client_for("manager").get(url).content.decode()


def test_statistics_page_and_excel(client_for, town, make_request):
    make_request(received_on=date(2024, 6, 3))
    assert_statuses(client_for, "get", reverse("disclosures:stats"), {"chief": 200, "auditor": 200, "admin": 200,
                                                                      "manager": 403, "officer": 403,
                                                                      "contractor": 403})
    page = client_for("auditor").get(reverse("disclosures:stats") + "?fiscal_year=2024").content.decode()
    assert "保有個人情報開示請求（令和6年度）" in page and "第7号 事務又は事業に関する情報" in page
    xlsx = client_for("chief").get(reverse("disclosures:stats") + "?fiscal_year=2024&table=requests&format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for("chief").get(reverse("disclosures:stats") + "?table=nope&format=csv").status_code == 404


def test_dashboard_shows_overdue_requests(client_for, town, make_request):
    from hogokan.disclosures.api import dashboard_items
    from hogokan.org.access import actor_for

    make_request(received_on=date(2026, 9, 1))
    items = dashboard_items(actor_for(town.user("chief"), None), date(2026, 11, 23))
    assert items and items[0].overdue and "（市民課）の決定" in items[0].label
    assert dashboard_items(actor_for(town.user("outsider"), None), date(2026, 11, 23)) == []


def test_all_tables_in_one_workbook(client_for, town, make_request):
    import io

    from openpyxl import load_workbook

    make_request(received_on=date(2024, 6, 3))
    response = client_for("auditor").get(reverse("disclosures:stats") + "?fiscal_year=2024&table=all&format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["requests", "grounds", "five_years"]
    assert book["requests"]["A1"].value == "保有個人情報開示請求（令和6年度）"
    assert book["requests"]["C3"].value == 1  # 市長: 請求件数


def test_requester_side_deadlines_are_shown(client_for, town, make_request):
    request = make_request(received_on=date(2026, 10, 1))
    decision = services.decision_record(actor=town.user("chief"), request=request, unit=town.citizens, type="full",
                                        decided_on=date(2026, 10, 20), notified_on=date(2026, 10, 21))
    services.disclosure_execute(actor=town.user("chief"), decision=decision, method="viewing",
                                exercise_requested_on=date(2026, 10, 25), disclosed_on=date(2026, 11, 2))
    text = client_for("staff").get(reverse("disclosures:detail", args=[request.pk])).content.decode()
    assert "実施の申出: 令和8年11月20日まで" in text       # 法87③: 10-21 + 30
    assert "訂正・利用停止請求: 令和9年2月1日まで" in text  # 法90③: 11-02 + 90 = 1-31 (Sun) → 2-1
    assert "審査請求: 令和9年1月21日まで" in text           # 行審法18①: 3 months from 10-22


def test_hearing_answer_is_recorded_later(client_for, town, make_request):
    request = make_request()
    hearing = services.hearing_add(actor=town.user("chief"), request=request, third_party="株式会社A",
                                   reason="3proviso", sent_on=date(2026, 11, 5))
    url = reverse("disclosures:hearing_edit", args=[request.pk, hearing.pk])
    bad = client_for("chief").post(url, {"third_party": "株式会社A", "reason": "3proviso", "sent_on": "2026-11-05",
                                         "answered_on": "2026-11-01"})
    assert "意見書の受領日が意見照会日より前です。" in bad.content.decode()
    client_for("chief").post(url, {"third_party": "株式会社A", "reason": "3proviso", "sent_on": "2026-11-05",
                                   "answered_on": "2026-11-12", "objection": "on"})
    hearing.refresh_from_db()
    assert hearing.objection and hearing.mandatory
    assert client_for("officer").get(url).status_code == 403


def test_office_edits_the_request_and_a_decided_unit_stays(client_for, town, make_request):
    request = make_request(units=[town.citizens, town.pension])
    services.decision_record(actor=town.user("chief"), request=request, unit=town.citizens, type="full",
                             decided_on=date(2026, 11, 10))
    url = reverse("disclosures:edit", args=[request.pk])
    data = {"kind": "disclosure", "organ": town.mayor.pk, "received_on": "2026-11-02", "channel": "mail",
            "units": [town.pension.pk], "requester_name": "開示 請求者", "target_description": "住民票の交付記録"}
    refused = client_for("chief").post(url, data)
    assert "決定を記録した担当課は外せません。" in refused.content.decode()
    ok = client_for("chief").post(url, {**data, "units": [town.citizens.pk], "channel": "online"})
    assert ok.status_code == 302
    request.refresh_from_db()
    assert request.channel == "online" and not request.is_open  # the only unit left has decided
    assert client_for("officer").get(url).status_code == 403


def test_closed_day_policy_setting_moves_the_stored_due_date(town, make_request, settings):
    settings.HOGOKAN_DISCLOSURE_DEADLINE_ON_CLOSED_DAY = "next"
    request = make_request(received_on=date(2024, 4, 4))
    assert request.due_date == date(2024, 5, 7) and request.recommended_by == date(2024, 5, 7)
    settings.HOGOKAN_DISCLOSURE_PERIOD_DAYS = 14
    assert make_request(received_on=date(2024, 4, 1)).due_date == date(2024, 4, 15)


def test_list_filters(client_for, town, make_request):
    make_request(channel="online", received_on=date(2025, 6, 2))
    done = make_request(received_on=date(2026, 10, 1))
    services.request_withdraw(actor=town.user("chief"), request=done, withdrawn_on=date(2026, 10, 2))
    url = reverse("disclosures:list")
    client = client_for("chief")
    assert client.get(url + "?channel=online").content.decode().count("<tr>") == 2  # header + 1
    assert client.get(url + "?fiscal_year=2026").content.decode().count("<tr>") == 2
    assert "取下げ" in client.get(url + "?state=done").content.decode()
    assert client.get(url + "?state=overdue").content.decode().count("<tr>") == 2
    assert client.get(url + "?fiscal_year=abc").status_code == 200


def test_a_pending_correction_stops_the_clock_and_the_reminder(client_for, town, make_request):
    from hogokan.core.models import Reminder

    request = make_request(received_on=date(2026, 9, 1))
    first = Reminder.objects.get(key=f"disclosures.datasubjectrequest:{request.pk}:decision")
    assert first.resolved_at is None and first.due_date == date(2026, 10, 1)
    correction = services.correction_request(actor=town.user("chief"), request=request,
                                             requested_on=date(2026, 9, 5))
    first.refresh_from_db()
    assert first.resolved_at is not None
    text = client_for("chief").get(reverse("disclosures:list") + "?state=overdue").content.decode()
    assert request.number not in text
    assert "補正待ち" in client_for("chief").get(reverse("disclosures:list")).content.decode()
    services.correction_receive(actor=town.user("chief"), correction=correction, received_on=date(2026, 9, 10))
    second = Reminder.objects.get(key=f"disclosures.datasubjectrequest:{request.pk}:decision:after-correction-1")
    assert second.resolved_at is None and second.due_date == date(2026, 10, 7)  # + 6 days (9/5〜9/10)


def test_identity_checked_before_the_receipt_is_refused(client_for, town):
    response = client_for("chief").post(reverse("disclosures:create"), {
        "kind": "disclosure", "organ": town.mayor.pk, "received_on": "2026-11-02", "identity_checked_on": "2026-10-30",
        "channel": "counter", "units": [town.citizens.pk], "requester_name": "山田 花子",
        "target_description": "税の記録", "identity_document": "運転免許証"})
    page = response.content.decode()
    assert response.status_code == 200 and "本人確認日が受付日より前です。" in page and "山田 花子" in page


def test_a_new_request_reaches_its_unit_at_once(client_for, town, make_request):
    from hogokan.core.models import Notification
    from hogokan.disclosures.api import dashboard_items
    from hogokan.org.access import actor_for

    request = make_request(received_on=date(2026, 11, 2))
    note = Notification.objects.get(recipient=town.user("officer"))
    assert request.number in note.subject and "決定期限" in note.body
    # on the unit's dashboard from the day of receipt, weeks before its due date
    labels = [item.label for item in dashboard_items(actor_for(town.user("staff")), date(2026, 11, 2))]
    assert any(request.number in label for label in labels)
    # not a task of the manager or the auditor, who decide nothing here
    for role in ("manager", "auditor"):
        assert dashboard_items(actor_for(town.user(role)), date(2026, 11, 2)) == []


def test_a_due_date_on_a_closed_day_is_shown_with_the_recommended_day(client_for, town, make_request):
    from hogokan.disclosures.api import dashboard_items
    from hogokan.org.access import actor_for

    # received 2026-10-27: the 30th day is 2026-11-26 (Thu) — find a receipt whose due date is closed
    for day in range(1, 28):
        candidate = make_request(received_on=date(2026, 10, day), name=f"請求者{day}")
        if candidate.recommended_by != candidate.due_date:
            break
    else:
        raise AssertionError("no closed due date found in October 2026")
    listing = client_for("chief").get("/disclosures/").content.decode()
    assert "推奨決定日" in listing
    label = next(item.label for item in dashboard_items(actor_for(town.user("officer")), candidate.received_on)
                 if candidate.number in item.label)
    assert "までの決定を推奨" in label
