"""Inspections while the contract runs (issue 13 §4): the stored schedule follows the rule and the contract,
a document inspection is answered by the contractor in the portal and reviewed by the section, a 否 asks
for an improvement report that the section accepts, and another company's inspection stays out of reach."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from hogokan.checklists import api as checklists
from hogokan.core.models import Notification, Reminder
from hogokan.core.services import reminder_key
from hogokan.outsourcing import services
from hogokan.outsourcing import services_inspections as inspections
from hogokan.outsourcing.models import Contract, ContractInspection, ImprovementReport

IS = ContractInspection.Status


def answers(inspection, failing=()):
    """The POST fields of a 検査書: every item 適, those numbered in ``failing`` 否 with a remark."""
    data = {}
    for item in inspection.sheet.template.items.all():
        data[f"a{item.pk}"] = "ng" if item.number in failing else "ok"
        if item.number in failing:
            data[f"a{item.pk}_remark"] = "従業者教育の記録がない"
    return data


def _form(inspection, data, files=None):
    return checklists.sheet_form(inspection.sheet, MultiValueDict({k: [v] for k, v in data.items()}), files)


def answered(town, contract, failing=()):
    """The contract's document inspection, requested, answered by the contractor and submitted (確認中)."""
    inspection = contract.inspections.get()
    inspections.inspection_request(actor=town.user("officer"), inspection=inspection)
    contractor = town.user("contractor")
    form = _form(inspection, answers(inspection, failing))
    assert form.is_valid(), form.errors
    inspections.inspection_save(actor=contractor, inspection=inspection, sheet_form=form, contractor=True,
                                respondent_department="運用部", respondent_title="主任", respondent_name="回答 一郎")
    return inspections.inspection_submit(actor=contractor, inspection=inspection, contractor=True)


def test_the_schedule_is_stored_from_the_rule(contract):
    [inspection] = contract.inspections.all()
    assert (inspection.fiscal_year, inspection.kind, inspection.due_on, inspection.status, inspection.origin) == (
        2026, "document", date(2027, 3, 31), "planned", "rule")
    assert inspection.history.first().history_change_reason.startswith("検査の予定")


def test_a_longer_term_updates_the_schedule_and_keeps_what_was_done(town, contract):
    """Done inspections are kept; a new fiscal year appears; the kinds follow the multi-year rule."""
    first = answered(town, contract)
    inspections.inspection_complete(actor=town.user("officer"), inspection=first)
    assert first.status == IS.DONE
    services.contract_save(actor=town.user("chief"), contract=Contract.objects.get(pk=contract.pk),
                           period_end=date(2029, 3, 31))
    rows = {(i.fiscal_year, i.kind, i.status) for i in contract.inspections.all()}
    # FY2026 was done as a document inspection: it stays (the rule now says on-site for the first year)
    assert rows == {(2026, "document", "done"), (2027, "document", "planned"), (2028, "document", "planned")}
    # shortened again: the planned ones not needed any more become 不要, the done one stays
    services.contract_save(actor=town.user("chief"), contract=Contract.objects.get(pk=contract.pk),
                           period_end=date(2027, 3, 31))
    rows = {(i.fiscal_year, i.status) for i in contract.inspections.all()}
    assert rows == {(2026, "done"), (2027, "cancelled"), (2028, "cancelled")}
    # and longer once more: the cancelled ones come back as 予定, nothing is duplicated
    services.contract_save(actor=town.user("chief"), contract=Contract.objects.get(pk=contract.pk),
                           period_end=date(2028, 3, 31))
    assert contract.inspections.count() == 3
    assert contract.inspections.get(fiscal_year=2027).status == IS.PLANNED


def test_the_facts_change_the_kind_of_a_planned_inspection(town, contract):
    services.contract_save(actor=town.user("chief"), contract=Contract.objects.get(pk=contract.pk),
                           persons_handled=6000)
    inspection = contract.inspections.get()
    assert inspection.kind == "onsite"
    assert "種類 書面検査 → 実地検査" in inspection.history.first().history_change_reason
    services.contract_save(actor=town.user("chief"), contract=Contract.objects.get(pk=contract.pk),
                           handles_personal_information=False, persons_handled=0)
    assert contract.inspections.get().status == IS.CANCELLED


def test_each_open_inspection_reminds_once_the_contract_is_signed(town, contract):
    inspection = contract.inspections.get()
    key = reminder_key(inspection, "due")
    assert not Reminder.objects.filter(key=key).exists()  # 準備中: not yet a task
    Contract.objects.filter(pk=contract.pk).update(status=Contract.Status.PERFORMING)
    inspections.inspections_sync(Contract.objects.get(pk=contract.pk))
    reminder = Reminder.objects.get(key=key)
    assert reminder.due_date == date(2027, 3, 31) and reminder.remind_days_before == [30, 7, 1, 0]
    assert set(reminder.escalate_to.all()) == {town.user("chief")}
    assert town.user("officer") in reminder.recipients.all()


def test_document_inspection_answered_in_the_portal_and_reviewed(client_for, town, contract):
    inspection = contract.inspections.get()
    officer = client_for("officer")
    officer.post(f"/outsourcing/inspections/{inspection.pk}/request/", {"reason": "年度末までに回答してください"})
    inspection.refresh_from_db()
    assert inspection.status == IS.ANSWERING and inspection.sheet.template.purpose == "contractor_document"
    assert Notification.objects.filter(recipient=town.user("contractor"), subject__contains="書面検査").exists()

    client = client_for("contractor")
    assert "書面検査（遵守状況検査書）に回答する" in client.get("/outsourcing/portal/").content.decode()
    url = f"/outsourcing/inspections/{inspection.pk}/answer/"
    assert client.get(url).status_code == 200
    data = {**answers(inspection), "respondent_department": "運用部", "respondent_title": "主任",
            "respondent_name": "回答 一郎", "submit": "1"}
    item = inspection.sheet.template.items.get(number="9")
    data[f"a{item.pk}_evidence"] = SimpleUploadedFile("研修記録.pdf", b"%PDF-1.4 training")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    inspection.refresh_from_db()
    assert inspection.status == IS.REVIEWING and inspection.answered_by == town.user("contractor")
    view = checklists.sheet_view(inspection.sheet)
    assert [row.attachments[0].original_name for row in view.rows if row.attachments] == ["研修記録.pdf"]

    # the section returns it once (the reason is required), then confirms it: all 適 → 完了, notice sent
    officer = client_for("officer")
    officer.post(f"/outsourcing/inspections/{inspection.pk}/return/", {"reason": ""})
    inspection.refresh_from_db()
    assert inspection.status == IS.REVIEWING
    officer.post(f"/outsourcing/inspections/{inspection.pk}/return/", {"reason": "項目9の根拠資料を追加してください"})
    inspection.refresh_from_db()
    assert inspection.status == IS.ANSWERING and inspection.sheet.status == "returned"
    inspections.inspection_submit(actor=town.user("contractor"), inspection=inspection, contractor=True)
    client_for("officer").post(f"/outsourcing/inspections/{inspection.pk}/complete/", {"reason": "適切です"})
    inspection.refresh_from_db()
    assert inspection.status == IS.DONE and inspection.sheet.status == "confirmed"
    assert not inspection.improvements.exists()
    notice = client_for("contractor").get(f"/outsourcing/inspections/{inspection.pk}/notice/").content.decode()
    assert "すべての項目が「適」でした" in notice and "遵守状況検査の結果について（通知）" in notice


def test_a_no_asks_for_an_improvement_report_that_the_section_accepts(client_for, town, contract, settings):
    settings.HOGOKAN_CONTRACT_IMPROVEMENT_DAYS = 20
    inspection = answered(town, contract, failing=("9",))
    inspections.inspection_complete(actor=town.user("officer"), inspection=inspection, comment="教育の記録を")
    assert inspection.status == IS.IMPROVEMENT
    report = inspection.improvements.get()
    assert report.due_on == timezone.localdate() + timedelta(days=20)
    assert "項目9 従業者に対する監督・教育" in report.findings and "従業者教育の記録がない" in report.findings
    assert Reminder.objects.filter(key=reminder_key(report, "due")).exists()

    client = client_for("contractor")
    assert "改善報告を提出する" in client.get("/outsourcing/portal/").content.decode()
    edit = f"/outsourcing/improvements/{report.pk}/edit/"
    response = client.post(edit, {"measures": "", "submit": "1"})  # nothing written: Japanese errors
    assert "改善の内容を入力してください。" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "requested"
    client.post(edit, {"measures": "全従業者に研修を行い記録簿を作った", "done_on": timezone.localdate().isoformat(),
                       "attachment": SimpleUploadedFile("記録簿.pdf", b"%PDF"), "submit": "1"})
    report.refresh_from_db()
    assert report.status == "submitted"

    officer = client_for("officer")
    officer.post(f"/outsourcing/improvements/{report.pk}/return/", {"reason": "記録簿の写しが読めません"})
    report.refresh_from_db()
    assert report.status == "returned" and report.return_reason == "記録簿の写しが読めません"
    inspections.improvement_submit(actor=town.user("contractor"), report=report)
    officer.post(f"/outsourcing/improvements/{report.pk}/accept/", {"reason": "確認しました"})
    report.refresh_from_db()
    inspection.refresh_from_db()
    assert report.status == "accepted" and inspection.status == IS.DONE
    reasons = [row.history_change_reason for row in report.history.order_by("history_date")]
    assert reasons[0] == "改善報告の依頼" and any(r.startswith("差戻し") for r in reasons) and reasons[-1].startswith(
        "改善報告の受理")


def test_the_officer_adds_an_onsite_inspection_and_records_it(client_for, town, contract):
    client = client_for("officer")
    response = client.post(f"/outsourcing/{contract.pk}/inspections/new/", {"kind": "onsite", "due_on": "2026-13-01"})
    assert "存在しない日付" in response.content.decode() or "年-月-日" in response.content.decode()
    assert contract.inspections.count() == 1
    client.post(f"/outsourcing/{contract.pk}/inspections/new/", {"kind": "onsite", "due_on": "2026-10-31",
                                                                  "notes": "大量データ移行のため"})
    added = contract.inspections.get(origin="added")
    assert (added.kind, added.fiscal_year, added.status) == ("onsite", 2026, "planned")
    url = f"/outsourcing/inspections/{added.pk}/record/"
    client.post(url, {"inspected_on": "2026-10-01", "inspector": "市民課 課長", "save": "1"})
    added.refresh_from_db()
    assert added.sheet.template.purpose == "contractor_onsite"
    client.post(url, {**answers(added), "inspected_on": "2026-10-01", "inspector": "市民課 課長", "submit": "1"})
    added.refresh_from_db()
    assert added.status == IS.REVIEWING
    # the rule's inspection is untouched by the added one
    assert contract.inspections.get(origin="rule").status == IS.PLANNED
    # a contractor can neither add nor record
    contractor = client_for("contractor")
    assert contractor.post(f"/outsourcing/{contract.pk}/inspections/new/", {"kind": "onsite",
                                                                           "due_on": "2026-11-30"}).status_code == 403
    assert contract.inspections.count() == 2


def test_contractor_cannot_reach_another_companys_inspection(client_for, town, contract, other_contract, api_for):
    theirs = other_contract.inspections.get()
    Contract.objects.filter(pk=other_contract.pk).update(status=Contract.Status.PERFORMING)
    client = client_for("contractor")
    for url in (f"/outsourcing/inspections/{theirs.pk}/", f"/outsourcing/inspections/{theirs.pk}/answer/",
                f"/outsourcing/inspections/{theirs.pk}/notice/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/outsourcing/inspections/{theirs.pk}/answer/", {"submit": "1"}).status_code == 404
    assert "国保システム保守" not in client.get("/outsourcing/portal/").content.decode()
    api = api_for("contractor")
    listed = api.get("/api/v1/outsourcing/inspections").json()
    assert {row["contract"] for row in listed["results"]} == {contract.pk}
    assert api.get(f"/api/v1/outsourcing/inspections/{theirs.pk}").status_code == 404
    assert client_for("contractor").get("/outsourcing/inspections/").status_code == 403  # the section's list


def test_the_section_list_filters_and_downloads(client_for, town, contract, other_contract):
    mine = contract.inspections.get()
    ContractInspection.objects.filter(pk=mine.pk).update(due_on=date(2026, 5, 31))
    client = client_for("chief")
    page = client.get("/outsourcing/inspections/?overdue=on").content.decode()
    assert "窓口業務委託" in page and "国保システム保守" not in page and "期限超過" in page
    assert "窓口業務委託" not in client.get("/outsourcing/inspections/?status=done").content.decode()
    response = client.get("/outsourcing/inspections/?fiscal_year=2026&format=csv")
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    assert "窓口業務委託" in text and "国保システム保守" in text and "期限超過" in text
    assert client.get("/outsourcing/inspections/?format=xlsx").status_code == 200
    # officer2 (保険年金課) sees only its own unit's
    page = client_for("officer2").get("/outsourcing/inspections/").content.decode()
    assert "国保システム保守" in page and "窓口業務委託" not in page


def test_bad_input_changes_nothing(town, contract):
    inspection = contract.inspections.get()
    officer = town.user("officer")
    with pytest.raises(ValidationError, match="実地検査は担当課が結果を記録します"):
        onsite = inspections.inspection_add(actor=officer, contract=contract, due_on=date(2026, 9, 30))
        inspections.inspection_request(actor=officer, inspection=onsite)
    with pytest.raises(ValidationError) as error:
        inspections.inspection_add(actor=officer, contract=contract, due_on=date(2030, 1, 1))
    assert "期限は契約期間の開始日から" in str(error.value)
    with pytest.raises(ValidationError, match="結果を確定できません"):
        inspections.inspection_complete(actor=officer, inspection=inspection)
    inspections.inspection_request(actor=officer, inspection=inspection)
    with pytest.raises(ValidationError) as error:
        inspections.inspection_submit(actor=town.user("contractor"), inspection=inspection, contractor=True)
    assert "受託者検査対応者の部署名を入力してください。" in str(error.value)
    inspection.refresh_from_db()
    assert inspection.status == IS.ANSWERING and inspection.sheet.status == "draft"
    with pytest.raises(ValidationError, match="差し戻す理由を入力してください"):
        answered_one = ContractInspection.objects.get(pk=inspection.pk)
        inspections.inspection_save(actor=town.user("contractor"), inspection=answered_one,
                                    sheet_form=_form(answered_one, answers(answered_one)), contractor=True,
                                    respondent_department="運用部", respondent_name="回答 一郎")
        inspections.inspection_submit(actor=town.user("contractor"), inspection=answered_one, contractor=True)
        inspections.inspection_return(actor=officer, inspection=answered_one, reason="  ")
    assert ImprovementReport.objects.count() == 0


def test_api_lists_and_shows_inspections(api_for, town, contract):
    inspection = answered(town, contract, failing=("4",))
    inspections.inspection_complete(actor=town.user("officer"), inspection=inspection)
    body = api_for("officer").get(f"/api/v1/outsourcing/inspections/{inspection.pk}").json()
    assert body["status"] == "improvement" and body["kind"] == "document"
    assert [a["number"] for a in body["answers"] if a["answer"] == "ng"] == ["4"]
    assert body["improvements"][0]["status"] == "requested"
    listed = api_for("chief").get("/api/v1/outsourcing/inspections?status=improvement").json()
    assert [row["id"] for row in listed["results"]] == [inspection.pk]
    bad = api_for("chief").get("/api/v1/outsourcing/inspections?status=nonsense")
    assert bad.status_code == 400
