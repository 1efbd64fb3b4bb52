"""The contractor portal and the filings' API: a contractor sees only its own company's contracts and
tasks, nothing of another company's or of the body's other records — on the pages and in the API."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hogokan.accounts.services import token_issue
from hogokan.outsourcing import services_filings as filings
from hogokan.outsourcing.models import ContractorReport
from tests.conftest import assert_statuses
from tests.outsourcing.test_filings_reports import submitted


@pytest.fixture
def api_for(client, town):
    def make(username):
        _token, secret = token_issue(actor=None, user=town.user(username), name="テスト")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        return client

    return make


@pytest.fixture
def filed(town, contract, other_contract):
    """A submitted report on each contract, a deletion report and counts on each."""
    mine, theirs = submitted(town, contract), submitted(town, other_contract)
    for c in (contract, other_contract):
        filings.deletion_report_file(actor=town.user("chief"), contract=c, name=f"{c.title}のデータ", medium="紙",
                                     quantity="1箱", method="return", done_on=date(2027, 4, 2),
                                     person_in_charge="担当", certificate=SimpleUploadedFile("証明.pdf", b"%PDF"))
        filings.yearly_count_save(actor=town.user("chief"), contract=c, fiscal_year=2026, takeouts=1,
                                  home_takeouts=0, copies=0)
    return mine, theirs


def test_portal_is_the_contractors_only(client_for, contract, other_contract):
    page = client_for("contractor").get("/outsourcing/portal/").content.decode()
    assert "窓口業務委託" in page and "国保システム保守" not in page and "別会社株式会社" not in page
    assert_statuses(client_for, "get", "/outsourcing/portal/", {"officer": 403, "chief": 403, "staff": 403,
                                                                "contractor": 200})


def test_contractor_pages_of_another_company_are_not_found(client_for, filed, other_contract):
    _mine, theirs = filed
    client = client_for("contractor")
    for url in (f"/outsourcing/{other_contract.pk}/filings/", f"/outsourcing/reports/{theirs.pk}/",
                f"/outsourcing/deletion/{other_contract.deletion_reports.get().pk}/",
                f"/outsourcing/{other_contract.pk}/counts/", f"/outsourcing/{other_contract.pk}/deletion/new/"):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/outsourcing/{other_contract.pk}/counts/", {"fiscal_year": "2026", "takeouts": "9",
                                                                        "home_takeouts": "0", "copies": "0"})
    assert response.status_code == 404
    assert other_contract.yearly_counts.get().takeouts == 1  # a report for a contract not theirs changes nothing


def test_api_lists_only_the_contractors_own_records(api_for, filed, contract):
    mine, _theirs = filed
    client = api_for("contractor")
    reports = client.get("/api/v1/outsourcing/reports").json()["results"]
    assert [r["id"] for r in reports] == [mine.pk]
    assert reports[0]["status"] == "submitted" and reports[0]["kind_label"] == "新規"
    assert reports[0]["measures"][0]["category"] == "組織的安全管理措置"
    assert reports[0]["measures"][0]["selected"][0].startswith("業務に従事する者以外")
    for path in ("deletion-reports", "yearly-counts"):
        rows = client.get(f"/api/v1/outsourcing/{path}").json()["results"]
        assert {row["contract"] for row in rows} == {contract.pk}, path
    assert client.get(f"/api/v1/outsourcing/reports/{_theirs.pk}").status_code == 404


def test_api_accept_and_return_by_the_section(api_for, filed, town):
    mine, theirs = filed
    client = api_for("officer")
    assert client.post(f"/api/v1/outsourcing/reports/{theirs.pk}/accept", {}, content_type="application/json"
                       ).status_code == 404
    response = client.post(f"/api/v1/outsourcing/reports/{mine.pk}/return", {"reason": ""},
                           content_type="application/json")
    assert response.status_code == 400 and "差し戻す理由を入力してください。" in str(response.json())
    response = client.post(f"/api/v1/outsourcing/reports/{mine.pk}/accept", {"reason": "確認済み"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    response = client.post(f"/api/v1/outsourcing/reports/{mine.pk}/accept", {}, content_type="application/json")
    assert response.status_code == 400 and "受理できません" in str(response.json())


def test_api_contractor_cannot_review_and_reports_counts(api_for, filed, contract, other_contract):
    mine, _theirs = filed
    client = api_for("contractor")
    assert client.post(f"/api/v1/outsourcing/reports/{mine.pk}/accept", {}, content_type="application/json"
                       ).status_code == 403
    ContractorReport.objects.get(pk=mine.pk).status == "submitted"
    body = {"contract": contract.pk, "fiscal_year": 2026, "takeouts": 3, "home_takeouts": 1, "copies": 2}
    response = client.post("/api/v1/outsourcing/yearly-counts", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["takeouts"] == 3
    response = client.post("/api/v1/outsourcing/yearly-counts", {**body, "contract": other_contract.pk},
                           content_type="application/json")
    assert response.status_code == 400 and "参照できません" in str(response.json())
    response = client.post("/api/v1/outsourcing/yearly-counts", {**body, "home_takeouts": 9},
                           content_type="application/json")
    assert response.status_code == 400 and "持出し件数以下" in str(response.json())
    assert other_contract.yearly_counts.get().takeouts == 1


def test_api_deletion_confirm(api_for, filed, contract):
    report = contract.deletion_reports.get()
    assert api_for("staff").post(f"/api/v1/outsourcing/deletion-reports/{report.pk}/confirm", {},
                                 content_type="application/json").status_code == 403
    response = api_for("officer").post(f"/api/v1/outsourcing/deletion-reports/{report.pk}/confirm", {},
                                       content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert filings.completion_refusal(contract) is None
