"""受託事業者: 法人番号 checked (python-stdnum jp.cn), scope, pages, history."""

import pytest
from django.core.exceptions import ValidationError

from hogokan.outsourcing import services
from hogokan.outsourcing.models import Company
from tests.conftest import assert_statuses

GOOD = "5835678256246"  # a valid 法人番号 (check digit 5)


def test_the_check_digit_is_checked_and_nothing_is_saved(town):
    with pytest.raises(ValidationError) as error:
        services.company_save(actor=town.user("chief"), name="株式会社誤番号", corporate_number="1835678256246")
    assert "法人番号が正しくありません" in str(error.value)
    assert not Company.objects.filter(name="株式会社誤番号").exists()
    company = services.company_save(actor=town.user("chief"), name="株式会社正番号", corporate_number=GOOD)
    assert company.corporate_number == GOOD and company.history.first().history_user == town.user("chief")


def test_form_shows_the_error_in_japanese_and_keeps_the_input(client_for):
    response = client_for("officer").post("/outsourcing/companies/new/", {
        "name": "株式会社誤番号", "corporate_number": "1835678256246", "address": "中央1-1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "＊法人番号が正しくありません" in page and "株式会社誤番号" in page
    assert not Company.objects.exists()
    response = client_for("officer").post("/outsourcing/companies/new/", {
        "name": "株式会社正番号", "corporate_number": "5835-6782-56246"})
    assert response.status_code == 302
    assert Company.objects.get().corporate_number == GOOD
    response = client_for("officer").post("/outsourcing/companies/new/", {"name": "別名の同じ法人",
                                                                          "corporate_number": GOOD})
    assert "この法人番号の事業者はすでに登録されています。" in response.content.decode()
    assert Company.objects.count() == 1


def test_people_must_be_contractor_persons(town):
    with pytest.raises(ValidationError) as error:
        services.company_save(actor=town.user("chief"), name="株式会社A", people=[town.people["staff"]])
    assert "受託者の従事者" in str(error.value)


def test_scope_of_the_pages(client_for, town, contract, other_contract):
    services.company_save(actor=town.user("chief"), company=contract.company, people=[town.people["contractor"]])
    own, other = contract.company, other_contract.company
    assert_statuses(client_for, "get", f"/outsourcing/companies/{own.pk}/",
                    {"contractor": 200, "officer": 200, "staff": 200, "outsider": 200})
    assert_statuses(client_for, "get", f"/outsourcing/companies/{other.pk}/", {"contractor": 404, "officer2": 200})
    assert_statuses(client_for, "get", f"/outsourcing/companies/{own.pk}/edit/",
                    {"contractor": 403, "staff": 403, "auditor": 403, "officer": 200, "chief": 200})
    listing = client_for("contractor").get("/outsourcing/companies/").content.decode()
    assert own.name in listing and other.name not in listing
    csv = client_for("chief").get("/outsourcing/companies/?format=csv").content.decode("utf-8-sig")
    assert "法人番号" in csv and own.name in csv
