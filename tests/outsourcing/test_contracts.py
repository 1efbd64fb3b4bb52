"""The contract register: scope, pages, form errors, api.contracts_for, history, renewals, demo."""

from datetime import date

from hogokan.org.access import actor_for
from hogokan.outsourcing import api, services
from hogokan.outsourcing.models import Company, Contract
from tests.conftest import assert_statuses


def test_contracts_for_scopes_by_role(town, contract, other_contract):
    def titles(username):
        return {c.title for c in api.contracts_for(actor_for(town.user(username)))}

    assert titles("contractor") == {"窓口業務委託"}
    assert titles("officer") == {"窓口業務委託"}
    assert titles("staff") == {"窓口業務委託"}
    assert titles("officer2") == {"国保システム保守"}
    assert titles("manager") == {"窓口業務委託", "国保システム保守"}
    assert titles("chief") == titles("auditor") == {"窓口業務委託", "国保システム保守"}
    assert titles("outsider") == set()
    assert api.contract_ids_of_person(town.people["contractor"]) == [contract.pk]


def test_a_company_person_sees_every_contract_of_the_company_and_no_other(town, contract, other_contract):
    chief = town.user("chief")
    company = contract.company
    services.company_save(actor=chief, company=company, people=[town.people["contractor"]])
    third = services.contract_save(actor=chief, title="封入封かん業務", unit=town.pension, company=company,
                                   kind=Contract.Kind.ENCLOSING, period_start=date(2026, 6, 1),
                                   period_end=date(2026, 7, 31), persons_handled=800)
    titles = {c.title for c in api.contracts_for(actor_for(town.user("contractor")))}
    assert titles == {"窓口業務委託", "封入封かん業務"}  # not the other company's 国保システム保守
    assert sorted(api.contract_ids_of_person(town.people["contractor"])) == sorted([contract.pk, third.pk])


def test_detail_statuses(client_for, contract):
    url = f"/outsourcing/{contract.pk}/"
    assert_statuses(client_for, "get", url, {"officer": 200, "contractor": 200, "chief": 200, "auditor": 200,
                                             "officer2": 404, "outsider": 404})
    assert_statuses(client_for, "get", f"{url}edit/", {"officer": 200, "chief": 200, "auditor": 403,
                                                       "staff": 403, "contractor": 403, "outsider": 404})


def test_list_filters_search_and_export(client_for, contract, other_contract):
    response = client_for("contractor").get("/outsourcing/")
    assert "窓口業務委託" in response.content.decode() and "国保システム保守" not in response.content.decode()
    response = client_for("chief").get("/outsourcing/?my_number=1&format=csv")
    text = response.content.decode("utf-8-sig")
    assert "国保システム保守" in text and "窓口業務委託" not in text
    assert "法人番号" in text.splitlines()[0] and "状態" in text.splitlines()[0]
    page = client_for("chief").get("/outsourcing/?q=別会社").content.decode()
    assert "国保システム保守" in page and "窓口業務委託" not in page  # search by the company's name
    page = client_for("chief").get("/outsourcing/?fiscal_year=2028").content.decode()
    assert "条件に合う委託はありません。" in page
    assert client_for("chief").get("/outsourcing/?format=xlsx")["Content-Type"].startswith("application/vnd")


def test_officer_creates_and_history_records_it(client_for, town, contract):
    client = client_for("officer")
    data = {"title": "住民票発行委託", "unit": town.citizens.pk, "company": contract.company.pk, "kind": "data_entry",
            "period_start": "2026-04-01", "period_end": "2027-03-31", "persons_handled": "300",
            "handles_personal_information": "on", "contractor_people": [town.people["contractor"].pk]}
    response = client.post("/outsourcing/new/", data)
    assert response.status_code == 302
    created = Contract.objects.get(title="住民票発行委託")
    assert created.status == Contract.Status.PREPARING and created.kind == Contract.Kind.DATA_ENTRY
    assert list(created.contractor_people.all()) == [town.people["contractor"]]
    assert created.history.first().history_user == town.user("officer")
    page = client.get(f"/outsourcing/{created.pk}/").content.decode()
    assert "変更履歴" in page and "受託 六子" in page and "準備中" in page


def test_bad_inputs_keep_what_was_typed(client_for, town, contract):
    client = client_for("officer")
    before = Contract.objects.count()
    response = client.post("/outsourcing/new/", {"title": "期間が逆の委託", "unit": town.pension.pk, "kind": "other",
                                                 "period_start": "2027-04-01", "period_end": "2026-04-01",
                                                 "persons_handled": "-1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "＊受託者を入力してください。" in page and "＊この値は 0 以上でなければなりません。" in page
    assert "所管課の選択肢から選んでください。" in page  # 保険年金課 is not the officer's section
    assert "期間が逆の委託" in page
    response = client.post("/outsourcing/new/", {"title": "期間が逆", "unit": town.citizens.pk, "kind": "other",
                                                 "company": contract.company.pk, "period_start": "2027-04-01",
                                                 "period_end": "2026-04-01", "persons_handled": "1",
                                                 "handles_personal_information": "on"})
    assert "契約期間の終了日は開始日以降の日付にしてください。" in response.content.decode()
    response = client.post("/outsourcing/new/", {"title": "日付が変", "unit": town.citizens.pk, "kind": "other",
                                                 "company": contract.company.pk, "period_start": "2027-02-30",
                                                 "period_end": "2027-03-31", "persons_handled": "1"})
    assert response.status_code == 200
    assert Contract.objects.count() == before


def test_a_renewal_links_to_the_contract_it_continues(client_for, town, contract):
    client = client_for("officer")
    form = client.get(f"/outsourcing/new/?renewal_of={contract.pk}").content.decode()
    assert "窓口業務委託" in form  # the title is carried over
    response = client.post("/outsourcing/new/", {
        "title": "窓口業務委託（令和9年度）", "unit": town.citizens.pk, "company": contract.company.pk, "kind": "other",
        "period_start": "2027-04-01", "period_end": "2028-03-31", "persons_handled": "5000",
        "handles_personal_information": "on", "renewal_of": contract.pk})
    assert response.status_code == 302
    renewal = Contract.objects.get(title="窓口業務委託（令和9年度）")
    assert renewal.renewal_of == contract
    page = client.get(f"/outsourcing/{contract.pk}/").content.decode()
    assert "継続した契約" in page and "窓口業務委託（令和9年度）" in page


def test_staff_and_contractor_cannot_create(client_for):
    assert_statuses(client_for, "get", "/outsourcing/new/", {"staff": 403, "contractor": 403, "auditor": 403,
                                                            "officer": 200, "chief": 200})


def test_demo_is_idempotent(db):
    from hogokan.org import demo as org_demo
    from hogokan.outsourcing import demo

    org_demo.load()
    demo.load()
    count = Contract.objects.count()
    demo.load()
    contract = Contract.objects.get(title=demo.DEMO_TITLE)
    assert contract.contractor_name == "株式会社みなと情報サービス"
    assert contract.company.people.get().user.username == "contractor"
    assert Contract.objects.count() == count
    assert Company.objects.filter(name="株式会社みなと情報サービス").count() == 1
