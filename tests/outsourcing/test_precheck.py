"""資料2: the section answers, the reviewing unit confirms; no 契約済 before, with the reason in Japanese."""

from hogokan.checklists.models import ChecklistItem
from hogokan.outsourcing.models import Contract
from tests.conftest import assert_statuses


def _answers(contract, value="ok"):
    items = ChecklistItem.objects.filter(template=contract.precheck_sheet.template).order_by("order")
    return {f"a{item.pk}": value for item in items}


def test_contract_cannot_be_signed_before_the_checklist_is_confirmed(client_for, contract):
    client = client_for("officer")
    response = client.post(f"/outsourcing/{contract.pk}/status/", {"to": "signed"}, follow=True)
    assert "この委託は『準備中』のため、『契約済』にはできません。" in response.content.decode()
    page = client.get(f"/outsourcing/{contract.pk}/").content.decode()
    assert "（資料2）が確認されていないため、契約済にできません。" in page
    assert Contract.objects.get(pk=contract.pk).status == Contract.Status.PREPARING


def test_answer_submit_confirm_then_sign(client_for, town, contract):
    officer = client_for("officer")
    assert officer.post(f"/outsourcing/{contract.pk}/precheck/", {}).status_code == 302
    contract.refresh_from_db()
    assert contract.precheck_sheet is not None
    response = officer.post(f"/outsourcing/{contract.pk}/precheck/", {"submit": "1"})
    assert "未回答" in response.content.decode() or "必須" in response.content.decode()
    response = officer.post(f"/outsourcing/{contract.pk}/precheck/", {"submit": "1", **_answers(contract)})
    assert response.status_code == 302
    contract.precheck_sheet.refresh_from_db()
    assert contract.precheck_sheet.status == "submitted"
    # the section cannot confirm its own checklist; the reviewing unit (here: the office) does
    assert client_for("officer").post(f"/outsourcing/{contract.pk}/precheck/review/",
                                      {"confirm": "1"}).status_code == 403
    chief = client_for("chief")
    assert chief.post(f"/outsourcing/{contract.pk}/precheck/review/", {"confirm": "1"}).status_code == 302
    contract.refresh_from_db()
    assert contract.status == Contract.Status.PRECHECKED
    # the 特記仕様書 is still missing for a contract with personal information
    response = client_for("officer").post(f"/outsourcing/{contract.pk}/status/", {"to": "signed"}, follow=True)
    assert "特記仕様書" in response.content.decode()
    Contract.objects.filter(pk=contract.pk).update(special_spec_attached=True)
    response = client_for("officer").post(f"/outsourcing/{contract.pk}/status/", {"to": "signed"})
    assert Contract.objects.get(pk=contract.pk).status == Contract.Status.SIGNED


def test_the_review_unit_is_a_setting(client_for, settings, town, contract):
    settings.HOGOKAN_CONTRACT_REVIEW_UNIT = town.pension.code  # officer2's section reviews
    client_for("officer").post(f"/outsourcing/{contract.pk}/precheck/", {})
    contract.refresh_from_db()
    client_for("officer").post(f"/outsourcing/{contract.pk}/precheck/", {"submit": "1", **_answers(contract)})
    # officer2 cannot see 市民課's contract: 404 before anything else
    assert client_for("officer2").post(f"/outsourcing/{contract.pk}/precheck/review/",
                                       {"confirm": "1"}).status_code == 404


def test_returned_with_a_reason(client_for, contract):
    client_for("officer").post(f"/outsourcing/{contract.pk}/precheck/", {})
    contract.refresh_from_db()
    client_for("officer").post(f"/outsourcing/{contract.pk}/precheck/", {"submit": "1", **_answers(contract)})
    response = client_for("chief").post(f"/outsourcing/{contract.pk}/precheck/review/", {"return": "1", "reason": ""},
                                        follow=True)
    assert "理由" in response.content.decode()
    contract.precheck_sheet.refresh_from_db()
    assert contract.precheck_sheet.status == "submitted"  # nothing changed
    client_for("chief").post(f"/outsourcing/{contract.pk}/precheck/review/", {"return": "1", "reason": "№3を再確認"})
    contract.precheck_sheet.refresh_from_db()
    assert contract.precheck_sheet.status == "returned"
    page = client_for("officer").get(f"/outsourcing/{contract.pk}/precheck/").content.decode()
    assert "№3を再確認" in page


def test_contractors_never_see_the_checklist(client_for, contract, other_contract):
    assert_statuses(client_for, "get", f"/outsourcing/{contract.pk}/precheck/", {"contractor": 403, "officer": 200})
    assert_statuses(client_for, "get", f"/outsourcing/{other_contract.pk}/precheck/", {"contractor": 404})
