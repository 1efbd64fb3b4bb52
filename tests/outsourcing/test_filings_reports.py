"""管理体制等報告書 (第2号様式): the contractor files it in the portal, the section accepts or returns it,
changes are new versions and all are kept; a contract cannot start without an accepted report."""

import pytest
from django.core.exceptions import ValidationError

from hogokan.checklists import api as checklists
from hogokan.outsourcing import services_filings as filings
from hogokan.outsourcing.models import ContractorReport
from tests.conftest import assert_statuses

FILLED = {"manager_department": "運用部", "manager_title": "部長", "manager_name": "責任 太郎",
          "workers": "運用部　主任　従事 一郎\n運用部　担当　従事 二郎", "work_place": "みなと緑市本町1-2-3 第2ビル",
          "storage_place": "第2ビル3階 施錠された書庫", "has_handling_rules": True, "has_certification": True,
          "certification": "ISMS（ISO/IEC 27001）IS 123456", "city_contact_name": "課長 二郎",
          "city_contact_phone": "052-000-0001", "contact_name": "責任 太郎", "contact_phone": "03-0000-0002",
          "subcontracting": False}


def measures(report, codes=("1", "2")):
    """The POST fields of the safety-measure sheet: every item ticked with ``codes``."""
    return {f"a{item.pk}": list(codes) for item in report.sheet.template.items.all()}


def filled_report(town, contract):
    contractor = town.user("contractor")
    report = filings.report_start(actor=contractor, contract=contract)
    form = checklists.sheet_form(report.sheet, _multi(measures(report)))
    assert form.is_valid(), form.errors
    filings.report_save(actor=contractor, report=report, sheet_form=form, **FILLED)
    return report


def _multi(data):
    from django.utils.datastructures import MultiValueDict

    return MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in data.items()})


def submitted(town, contract):
    report = filled_report(town, contract)
    return filings.report_submit(actor=town.user("contractor"), report=report)


def test_the_default_form_has_the_four_safety_measure_groups(db):
    template = checklists.template_in_use(checklists.Purpose.CONTRACTOR_REPORT)
    groups = [item.category for item in template.items.order_by("order")]
    assert groups == ["組織的安全管理措置", "人的安全管理措置", "物理的安全管理措置", "技術的安全管理措置"]
    physical = template.items.get(number="3")
    assert "施錠できるキャビネット" in dict(physical.options())["2"]


def test_contractor_files_in_the_portal_and_the_section_accepts(client_for, town, contract):
    client = client_for("contractor")
    page = client.get("/outsourcing/portal/").content.decode()
    assert "管理体制等報告書を提出する: 窓口業務委託" in page
    response = client.post(f"/outsourcing/{contract.pk}/reports/new/")
    report = ContractorReport.objects.get(contract=contract)
    assert response.url == f"/outsourcing/reports/{report.pk}/edit/"
    assert report.kind == "new" and report.version == 1 and report.status == "draft"
    data = {**{k: v for k, v in FILLED.items() if not isinstance(v, bool)}, "has_handling_rules": "on",
            **measures(report), "submit": "1"}
    response = client.post(f"/outsourcing/reports/{report.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_by == town.user("contractor")
    assert report.sheet.status == "submitted"
    assert filings.start_refusal(contract) is not None
    officer = client_for("officer")
    page = officer.get(f"/outsourcing/reports/{report.pk}/").content.decode()
    assert "受理する" in page and "責任 太郎" in page and "施錠できるキャビネット" in page
    response = officer.post(f"/outsourcing/reports/{report.pk}/accept/", {"reason": "内容を確認しました。"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted" and report.decided_by == town.user("officer")
    assert report.sheet.status == "confirmed"
    assert filings.start_refusal(contract) is None
    assert report.history.first().history_change_reason == "受理: 内容を確認しました。"


def test_submit_with_gaps_names_each_gap_and_keeps_what_was_typed(client_for, town, contract):
    client = client_for("contractor")
    client.post(f"/outsourcing/{contract.pk}/reports/new/")
    report = ContractorReport.objects.get(contract=contract)
    response = client.post(f"/outsourcing/reports/{report.pk}/edit/", {"manager_name": "責任 太郎", "submit": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "組織的安全管理措置" in page and "当てはまるものを1つ以上選んでください" in page
    report.refresh_from_db()
    assert report.status == "draft" and report.manager_name == ""  # nothing stored from a refused post
    response = client.post(f"/outsourcing/reports/{report.pk}/edit/",
                           {"manager_name": "責任 太郎", **measures(report), "submit": "1"})
    page = response.content.decode()
    assert "業務従事者を1人以上入力してください。" in page and "作業場所（住所）を入力してください。" in page
    assert 'value="責任 太郎"' in page
    report.refresh_from_db()
    assert report.status == "draft"


def test_temporary_save_needs_nothing(client_for, town, contract):
    client = client_for("contractor")
    client.post(f"/outsourcing/{contract.pk}/reports/new/")
    report = ContractorReport.objects.get(contract=contract)
    response = client.post(f"/outsourcing/reports/{report.pk}/edit/", {"work_place": "本町1-2", "save": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.work_place == "本町1-2" and report.status == "draft"


def test_return_needs_a_reason_then_the_contractor_corrects_and_resubmits(client_for, town, contract):
    report = submitted(town, contract)
    officer = client_for("officer")
    response = officer.post(f"/outsourcing/reports/{report.pk}/return/", {"reason": ""}, follow=True)
    assert "差し戻す理由を入力してください。" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"
    officer.post(f"/outsourcing/reports/{report.pk}/return/", {"reason": "従事者の部署名が空欄です。"})
    report.refresh_from_db()
    assert report.status == "returned" and report.return_reason == "従事者の部署名が空欄です。"
    client = client_for("contractor")
    page = client.get("/outsourcing/portal/").content.decode()
    assert "差し戻された管理体制等報告書を修正する" in page
    filings.report_submit(actor=town.user("contractor"), report=report)
    report.refresh_from_db()
    assert report.status == "submitted" and report.return_reason == ""


def test_a_change_is_a_new_version_and_every_version_is_kept(town, contract):
    first = submitted(town, contract)
    filings.report_accept(actor=town.user("officer"), report=first)
    with pytest.raises(ValidationError):  # not the contractor's to review
        filings.report_accept(actor=town.user("officer"), report=first)
    change = filings.report_start(actor=town.user("contractor"), contract=contract)
    assert (change.version, change.kind, change.status) == (2, "change", "draft")
    assert change.manager_name == "責任 太郎"  # copied from the version before
    assert set(change.sheet.answers.values_list("selected", flat=True).first()) == {"1", "2"}
    with pytest.raises(ValidationError, match="作成中または確認待ち"):
        filings.report_start(actor=town.user("contractor"), contract=contract)
    with pytest.raises(ValidationError) as error:
        filings.report_submit(actor=town.user("contractor"), report=change)
    assert "変更の内容及び理由を入力してください" in str(error.value)
    filings.report_save(actor=town.user("contractor"), report=change, change_reason="従事者の追加")
    filings.report_submit(actor=town.user("contractor"), report=change)
    assert filings.accepted_report(contract) == first  # in force until the change is accepted
    filings.report_accept(actor=town.user("officer"), report=change)
    assert filings.accepted_report(contract) == change
    assert list(filings.reports_of(contract).values_list("version", "status")) == [(2, "accepted"), (1, "accepted")]


def test_who_may_see_file_and_review(client_for, town, contract, other_contract):
    report = submitted(town, contract)
    url = f"/outsourcing/reports/{report.pk}/"
    assert_statuses(client_for, "get", url, {"contractor": 200, "officer": 200, "manager": 200, "chief": 200,
                                             "auditor": 200, "officer2": 404, "outsider": 404})
    assert_statuses(client_for, "post", f"{url}accept/", {"contractor": 403, "staff": 403, "auditor": 403,
                                                          "manager": 403, "officer2": 404, "outsider": 404})
    assert_statuses(client_for, "get", f"{url}edit/", {"officer": 403, "chief": 403, "officer2": 404})
    # another company's contract: the contractor cannot see it nor start a report for it
    assert_statuses(client_for, "post", f"/outsourcing/{other_contract.pk}/reports/new/", {"contractor": 404})
    assert_statuses(client_for, "post", f"/outsourcing/{contract.pk}/reports/new/", {"officer": 403, "chief": 403})
    assert not ContractorReport.objects.filter(contract=other_contract).exists()


def test_a_submitted_report_cannot_be_edited(client_for, town, contract):
    report = submitted(town, contract)
    response = client_for("contractor").post(f"/outsourcing/reports/{report.pk}/edit/",
                                             {"manager_name": "書き換え", "save": "1"}, follow=True)
    assert "変更できません" in response.content.decode()
    report.refresh_from_db()
    assert report.manager_name == "責任 太郎"


def test_the_register_refuses_performing_without_an_accepted_report(town, contract):
    from hogokan.outsourcing import services

    performing, completed = contract.Status.PERFORMING, contract.Status.COMPLETED
    assert any("管理体制等報告書" in reason for reason in services.blockers(contract, performing))
    assert any("削除・返却報告" in reason for reason in services.blockers(contract, completed))
    report = submitted(town, contract)
    filings.report_accept(actor=town.user("officer"), report=report)
    assert not any("管理体制等報告書" in reason for reason in services.blockers(contract, performing))
