"""再委託 (特記仕様書 第5条), 削除・返却報告 (第10条) and the yearly counts the contractor reports."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hogokan.core.models import Reminder
from hogokan.org.access import actor_for
from hogokan.outsourcing import services_filings as filings
from hogokan.outsourcing.models import Contract, ContractorYearlyCount, DeletionReport, Subcontract
from tests.conftest import assert_statuses, make_user
from tests.outsourcing.test_filings_reports import FILLED, measures

APPLICATION = {"company_name": "株式会社再委託データ", "company_address": "みなと緑市港町2-1",
               "reason": "繁忙期の入力作業のため", "work": "申請書のデータ入力",
               "information": "氏名、住所、生年月日", "safeguards": "ISMS認証取得、入退室管理",
               "supervision": "月次の作業報告と立入確認"}


def certificate(name="消去証明書.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 erased")


@pytest.fixture
def sub_person(town):
    _user, person = make_user("subcontractor", "再委 八子", unit=None, role="contractor", employee_no="E0100",
                              kind="contractor", company="株式会社再委託データ")
    return person


def test_contractor_applies_section_approves_and_the_sub_contractor_files_its_own_report(
        client_for, town, contract, sub_person):
    client = client_for("contractor")
    response = client.post(f"/outsourcing/{contract.pk}/subcontracts/new/", APPLICATION)
    subcontract = Subcontract.objects.get(contract=contract)
    assert response.url == f"/outsourcing/subcontracts/{subcontract.pk}/"
    assert subcontract.status == "submitted" and subcontract.submitted_by == town.user("contractor")
    officer = client_for("officer")
    assert "承認する" in officer.get(f"/outsourcing/subcontracts/{subcontract.pk}/").content.decode()
    officer.post(f"/outsourcing/subcontracts/{subcontract.pk}/decide/",
                 {"decision": "approve", "people": [sub_person.pk], "reason": "条件を確認"})
    subcontract.refresh_from_db()
    assert subcontract.status == "approved" and list(subcontract.people.all()) == [sub_person]
    assert [s.pk for s in filings.chain(contract)] == [subcontract.pk]
    # the sub-contractor: its portal shows the report to file; it sees nothing else of the contract
    sub = client_for("contractor")
    from tests.conftest import login

    login(sub, sub_person.user)
    page = sub.get("/outsourcing/portal/").content.decode()
    assert "株式会社再委託データ" in page and "窓口業務委託" in page
    assert sub.get(f"/outsourcing/{contract.pk}/").status_code == 404
    response = sub.post(f"/outsourcing/subcontracts/{subcontract.pk}/reports/new/")
    report = subcontract.reports.get()
    assert response.url == f"/outsourcing/reports/{report.pk}/edit/"
    data = {**{k: v for k, v in FILLED.items() if not isinstance(v, bool)}, **measures(report), "submit": "1"}
    assert sub.post(f"/outsourcing/reports/{report.pk}/edit/", data).status_code == 302
    filings.report_accept(actor=town.user("officer"), report=report)
    assert filings.chain(contract)[0].report_in_force == report
    assert filings.accepted_report(contract) is None  # the sub-contractor's report is not the contractor's


def test_refusal_needs_a_reason_and_a_refused_sub_contractor_cannot_file(client_for, town, contract):
    subcontract = filings.subcontract_apply(actor=town.user("contractor"), contract=contract, **APPLICATION)
    officer = client_for("officer")
    page = officer.post(f"/outsourcing/subcontracts/{subcontract.pk}/decide/", {"decision": "refuse"},
                        follow=True).content.decode()
    assert "不承認の理由を入力してください。" in page
    subcontract.refresh_from_db()
    assert subcontract.status == "submitted"
    filings.subcontract_refuse(actor=town.user("officer"), subcontract=subcontract, reason="安全管理措置が不十分")
    with pytest.raises(ValidationError, match="承認されていない"):
        filings.report_start(actor=town.user("contractor"), contract=contract, subcontract=subcontract)
    assert filings.chain(contract) == []


def test_application_form_errors_are_in_japanese_and_nothing_is_stored(client_for, contract):
    response = client_for("contractor").post(f"/outsourcing/{contract.pk}/subcontracts/new/",
                                             {"company_name": "株式会社再委託データ"})
    page = response.content.decode()
    assert response.status_code == 200 and "再委託する理由を入力してください。" in page
    assert 'value="株式会社再委託データ"' in page
    assert not Subcontract.objects.exists()


def test_deletion_report_with_certificate_confirmed_by_the_section(client_for, town, contract):
    client = client_for("contractor")
    data = {"name": "窓口受付データ", "medium": "サーバーのハードディスク", "quantity": "2台", "method": "erasure",
            "method_detail": "消去ソフトで上書き", "done_on": "2027-04-10", "done_time": "14:30",
            "person_in_charge": "受託 六子"}
    response = client.post(f"/outsourcing/{contract.pk}/deletion/new/", data)
    assert response.status_code == 200
    assert "消去・廃棄・返却の証明書を添付してください。" in response.content.decode()
    assert not DeletionReport.objects.exists()
    response = client.post(f"/outsourcing/{contract.pk}/deletion/new/", {**data, "certificate": certificate()})
    report = DeletionReport.objects.get()
    assert response.url == f"/outsourcing/deletion/{report.pk}/"
    assert filings.completion_refusal(contract) is not None
    officer = client_for("officer")
    page = officer.get(f"/outsourcing/deletion/{report.pk}/").content.decode()
    assert "消去証明書.pdf" in page and "確認済みにする" in page
    officer.post(f"/outsourcing/deletion/{report.pk}/return/", {"reason": "証明書の日付が読めません。"})
    report.refresh_from_db()
    assert report.status == "returned"
    client = client_for("contractor")  # one test client: log the contractor in again
    response = client.post(f"/outsourcing/deletion/{report.pk}/edit/",
                           {**data, "certificate": certificate("再発行.pdf")})
    report.refresh_from_db()
    assert report.status == "submitted" and report.return_reason == "証明書の日付が読めません。"
    officer = client_for("officer")
    officer.post(f"/outsourcing/deletion/{report.pk}/confirm/", {"reason": ""})
    report.refresh_from_db()
    assert report.status == "accepted" and report.decided_by == town.user("officer")
    assert filings.completion_refusal(contract) is None


def test_bad_deletion_input_is_refused(client_for, contract):
    response = client_for("contractor").post(f"/outsourcing/{contract.pk}/deletion/new/", {
        "name": "データ", "medium": "紙", "quantity": "1箱", "method": "burn", "done_on": "2026-02-30",
        "person_in_charge": "担当", "certificate": certificate("script.exe")})
    page = response.content.decode()
    assert "選択肢" in page and not DeletionReport.objects.exists()
    response = client_for("contractor").post(f"/outsourcing/{contract.pk}/deletion/new/", {
        "name": "データ", "medium": "紙", "quantity": "1箱", "method": "return", "done_on": "2026-04-02",
        "person_in_charge": "担当", "certificate": certificate("script.exe")})
    assert "この種類のファイルは添付できません" in response.content.decode()
    assert not DeletionReport.objects.exists()


def test_overdue_listing_follows_the_setting(client_for, town, contract, other_contract, settings):
    ended = Contract.objects.filter(pk=contract.pk)
    today = date(2027, 5, 1)  # the contract ended 2027-03-31: 31 days ago
    assert list(filings.deletion_overdue(ended, today)) == [contract]
    settings.HOGOKAN_CONTRACT_DELETION_DAYS = 60
    assert list(filings.deletion_overdue(ended, today)) == []
    settings.HOGOKAN_CONTRACT_DELETION_DAYS = 30
    report = filings.deletion_report_file(actor=town.user("contractor"), contract=contract, name="データ",
                                          medium="紙", quantity="1箱", method="return", done_on=date(2027, 4, 2),
                                          person_in_charge="担当", certificate=certificate())
    assert filings.deletion_overdue(ended, today).get().deletion_pending  # filed, not yet confirmed
    filings.deletion_report_confirm(actor=town.user("officer"), report=report)
    assert list(filings.deletion_overdue(ended, today)) == []


def test_overdue_page_is_scoped_and_exports(client_for, town, contract, other_contract):
    page = client_for("officer").get("/outsourcing/deletion/overdue/").content.decode()
    # both contracts ended 2027-03-31; whether they are overdue depends on today, so check the scope only
    assert "国保システム保守" not in page
    response = client_for("chief").get("/outsourcing/deletion/overdue/?format=csv")
    assert response.status_code == 200 and response.content.decode("utf-8-sig").startswith("案件名")
    assert client_for("contractor").get("/outsourcing/deletion/overdue/").status_code == 403


def test_deletion_reminder_goes_to_the_contractor(town, contract):
    filings.deletion_request(contract=contract)
    reminder = Reminder.objects.get(key=f"outsourcing.contract:{contract.pk}:deletion_report")
    assert reminder.due_date == date(2027, 4, 30)
    assert list(reminder.recipients.all()) == [town.user("contractor")]


def test_yearly_counts_reported_corrected_and_checked(client_for, town, contract):
    client = client_for("contractor")
    url = f"/outsourcing/{contract.pk}/counts/"
    response = client.post(url, {"fiscal_year": "2026", "takeouts": "5", "home_takeouts": "7", "copies": "1"})
    assert "自宅への持出し件数は、持出し件数以下にしてください" in response.content.decode()
    response = client.post(url, {"fiscal_year": "2019", "takeouts": "-1", "home_takeouts": "x", "copies": "1"})
    page = response.content.decode()
    assert "契約期間内の年度を選んでください。" in page and "0以上" in page
    assert not ContractorYearlyCount.objects.exists()
    client.post(url, {"fiscal_year": "2026", "takeouts": "5", "home_takeouts": "1", "copies": "2"})
    client.post(url, {"fiscal_year": "2026", "takeouts": "6", "home_takeouts": "1", "copies": "2"})
    count = ContractorYearlyCount.objects.get()
    assert (count.takeouts, count.home_takeouts, count.copies) == (6, 1, 2)
    assert [h.history_change_reason for h in count.history.order_by("history_date")] == ["取扱件数の報告", "取扱件数の修正"]
    table = filings.yearly_counts_table(Contract.objects.all(), 2026)
    assert table == {"takeout_contracts": 1, "takeouts": 6, "home_contracts": 1, "home_takeouts": 1, "copies": 2,
                     "reported": 1}
    assert_statuses(client_for, "post", url, {"officer": 403, "chief": 403, "officer2": 404})


def test_the_filings_follow_the_contracts_scope(town, contract, other_contract):
    from hogokan.core.permissions import restrict

    filings.subcontract_apply(actor=town.user("chief"), contract=other_contract, **APPLICATION)
    mine = filings.subcontract_apply(actor=town.user("contractor"), contract=contract, **APPLICATION)
    assert list(restrict(Subcontract.objects.all(), actor_for(town.user("contractor")))) == [mine]
    assert list(restrict(Subcontract.objects.all(), actor_for(town.user("officer2")))) != [mine]
    assert restrict(Subcontract.objects.all(), actor_for(town.user("outsider"))).count() == 0
