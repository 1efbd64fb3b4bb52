"""The assets contract of issue 15 §3, paths and field names exactly, scoped like the pages."""

from datetime import date

from hogokan.assets.models import AccessReview, InfoSystem, SystemAccount
from hogokan.org import services as org
from hogokan.org.models import Assignment, Role
from tests.api.conftest import JAPANESE

SYSTEMS = "/api/v1/assets/systems"
REVIEWS = "/api/v1/assets/access-reviews"
REVIEW_FIELDS = {"id", "system", "account", "person", "reason", "event_date", "due", "status"}


def test_the_chief_registers_a_system_and_an_account(api, town):
    client = api("chief")
    response = client.post(SYSTEMS, {"name": "住民記録システム", "unit": town.citizens.pk,
                                     "handles_personal_information": True}, format="json")
    assert response.status_code == 201, response.content
    system_id = response.json()["id"]
    assert isinstance(system_id, int) and response.json()["handles_personal_information"] is True
    response = client.post(f"{SYSTEMS}/{system_id}/accounts", {"person": town.people["staff"].pk,
                                                               "account_id": "shimin-0004", "admin": False},
                           format="json")
    assert response.status_code == 201, response.content
    account = SystemAccount.objects.get(pk=response.json()["id"])
    assert (account.system_id, account.person, account.account_id, account.admin) == (
        system_id, town.people["staff"], "shimin-0004", False)
    assert account.history.first().history_user.username == "chief"


def test_an_account_for_a_person_who_does_not_exist_is_a_japanese_400(api, system):
    response = api("chief").post(f"{SYSTEMS}/{system.pk}/accounts", {"person": 999_999, "account_id": "x",
                                                                     "admin": True}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["person"] == ["指定した利用者（職員等）は存在しません。"]
    assert not SystemAccount.objects.exists()


def test_the_same_account_id_twice_is_refused(api, town, system, staff_account):
    response = api("officer").post(f"{SYSTEMS}/{system.pk}/accounts", {"person": town.people["officer"].pk,
                                                                       "account_id": "shimin-0004", "admin": False},
                                   format="json")
    assert response.status_code == 400
    assert "使用中" in response.json()["errors"]["account_id"][0]


def test_a_section_registers_only_its_own_systems(api, town, system):
    officer = api("officer")
    response = officer.post(SYSTEMS, {"name": "国保システム", "unit": town.pension.pk,
                                      "handles_personal_information": True}, format="json")
    assert response.status_code == 400 and JAPANESE.search(response.json()["errors"]["unit"][0])
    assert api("officer2").post(f"{SYSTEMS}/{system.pk}/accounts", {"person": town.people["officer2"].pk,
                                                                    "account_id": "y"}, format="json"
                                ).status_code == 404
    assert api("manager").post(SYSTEMS, {}, format="json").status_code == 403
    assert InfoSystem.objects.count() == 1


def _transfer(town):
    line = org.TransferLine(person=town.people["staff"], new_unit=town.pension, new_role=Role.STAFF,
                            end_assignment=Assignment.objects.get(person=town.people["staff"], end__isnull=True))
    org.transfers_apply(actor=town.user("admin"), effective=date(2026, 4, 1), lines=[line], batch="異動")


def test_open_reviews_list_exactly_the_contract_fields(api, town, system, staff_account):
    _transfer(town)
    response = api("officer").get(REVIEWS, {"status": "open"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [row] = body["results"]
    assert set(row) == REVIEW_FIELDS
    assert row == {"id": row["id"], "system": system.pk, "account": staff_account.pk,
                   "person": town.people["staff"].pk, "reason": "transfer", "event_date": "2026-04-01",
                   "due": "2026-04-08", "status": "open"}
    # another section does not see it, nor does the contractor
    assert api("officer2").get(REVIEWS, {"status": "open"}).json()["count"] == 0
    assert api("contractor").get(REVIEWS).json()["count"] == 0


def test_resolving_kept_without_a_reason_is_a_japanese_400_then_disabled_is_200(api, town, system, staff_account):
    _transfer(town)
    review = AccessReview.objects.get()
    client = api("officer")
    response = client.post(f"{REVIEWS}/{review.pk}/resolve", {"outcome": "kept"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["reason"] == ["継続する理由を入力してください。"]
    review.refresh_from_db()
    assert review.status == "open"
    response = client.post(f"{REVIEWS}/{review.pk}/resolve", {"outcome": "disabled", "reason": "異動のため"},
                           format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done"
    staff_account.refresh_from_db()
    assert staff_account.disabled_on is not None
    assert api("officer").get(REVIEWS, {"status": "open"}).json()["count"] == 0


def test_another_section_cannot_resolve(api, town, system, staff_account):
    _transfer(town)
    review = AccessReview.objects.get()
    assert api("officer2").post(f"{REVIEWS}/{review.pk}/resolve", {"outcome": "disabled"},
                                format="json").status_code == 404
    assert api("auditor").post(f"{REVIEWS}/{review.pk}/resolve", {"outcome": "disabled"},
                               format="json").status_code == 403


def test_the_org_api_end_of_an_assignment_creates_the_review(api, town, system, staff_account):
    assignment = Assignment.objects.get(person=town.people["staff"], end__isnull=True)
    response = api("admin").post(f"/api/v1/org/assignments/{assignment.pk}/end", {"end": "2026-03-31"},
                                 format="json")
    assert response.status_code == 200, response.content
    review = AccessReview.objects.get()
    assert (review.reason, review.event_date, review.account) == ("end", date(2026, 3, 31), staff_account)
