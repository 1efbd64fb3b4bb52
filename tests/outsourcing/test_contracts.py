"""The minimal 委託 record: scope, pages, form errors, api.contracts_for, history, demo."""

from hogokan.org.access import actor_for
from hogokan.outsourcing import api
from hogokan.outsourcing.models import Contract
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


def test_detail_statuses(client_for, contract):
    url = f"/outsourcing/{contract.pk}/"
    assert_statuses(client_for, "get", url, {"officer": 200, "contractor": 200, "chief": 200, "auditor": 200,
                                             "officer2": 404, "outsider": 404})
    assert_statuses(client_for, "get", f"{url}edit/", {"officer": 200, "chief": 200, "auditor": 403,
                                                       "staff": 403, "contractor": 403, "outsider": 404})


def test_list_and_export(client_for, contract, other_contract):
    response = client_for("contractor").get("/outsourcing/")
    assert "窓口業務委託" in response.content.decode() and "国保システム保守" not in response.content.decode()
    response = client_for("chief").get("/outsourcing/?my_number=1&format=csv")
    text = response.content.decode("utf-8-sig")
    assert "国保システム保守" in text and "窓口業務委託" not in text
    assert client_for("chief").get("/outsourcing/?format=xlsx")["Content-Type"].startswith("application/vnd")


def test_officer_creates_and_history_records_it(client_for, town):
    client = client_for("officer")
    data = {"title": "住民票発行委託", "unit": town.citizens.pk, "contractor_name": "株式会社サンプル情報",
            "period_start": "2026-04-01", "period_end": "2027-03-31", "persons_handled": "300",
            "contractor_people": [town.people["contractor"].pk]}
    response = client.post("/outsourcing/new/", data)
    assert response.status_code == 302
    contract = Contract.objects.get(title="住民票発行委託")
    assert list(contract.contractor_people.all()) == [town.people["contractor"]]
    assert contract.history.first().history_user == town.user("officer")
    page = client.get(f"/outsourcing/{contract.pk}/").content.decode()
    assert "変更履歴" in page and "受託 六子" in page


def test_bad_inputs_keep_what_was_typed(client_for, town):
    client = client_for("officer")
    response = client.post("/outsourcing/new/", {"title": "期間が逆の委託", "unit": town.pension.pk,
                                                 "contractor_name": "", "period_start": "2027-04-01",
                                                 "period_end": "2026-04-01", "persons_handled": "-1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "受託者を入力してください。" in page
    assert "担当課の選択肢から選んでください。" in page  # 保険年金課 is not the officer's section
    assert "期間が逆の委託" in page
    assert not Contract.objects.exists()
    response = client.post("/outsourcing/new/", {"title": "期間が逆", "unit": town.citizens.pk,
                                                 "contractor_name": "A社", "period_start": "2027-04-01",
                                                 "period_end": "2026-04-01", "persons_handled": "1"})
    assert "契約期間の終了日は開始日以降の日付にしてください。" in response.content.decode()


def test_staff_and_contractor_cannot_create(client_for):
    assert_statuses(client_for, "get", "/outsourcing/new/", {"staff": 403, "contractor": 403, "auditor": 403,
                                                            "officer": 200, "chief": 200})


def test_demo_is_idempotent(db):
    from hogokan.org import demo as org_demo
    from hogokan.outsourcing import demo

    org_demo.load()
    demo.load()
    demo.load()
    contract = Contract.objects.get(title=demo.DEMO_TITLE)
    assert contract.contractor_name == "株式会社みなと情報サービス"
    assert contract.contractor_people.get().user.username == "contractor"
    assert Contract.objects.count() == 2
