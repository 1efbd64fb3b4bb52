"""A list's filters are one form (core.lists.FilterForm): the page, its download and its API endpoint validate
and apply them the same way (issue 21 §6)."""

import csv
import io
from datetime import date

import pytest

from tests.api.conftest import JAPANESE


def _csv_numbers(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [row[0] for row in rows[1:]]


def test_requests_filters_match_on_page_download_and_api(api, client_for, town):
    from hogokan.disclosures import services

    def receive(day, kind):
        return services.request_receive(actor=town.user("chief"), units=[town.citizens], kind=kind, organ=town.mayor,
                                        received_on=day, channel="counter", requester_name="開示 請求者",
                                        target_description="住民票の交付記録")

    old = receive(date(2024, 6, 3), "disclosure")
    new = receive(date(2025, 6, 2), "correction")
    query = {"fiscal_year": "2025", "kind": "correction"}
    page = client_for("chief").get("/disclosures/", query).content.decode()
    assert new.number in page and old.number not in page
    assert _csv_numbers(client_for("chief").get("/disclosures/", {**query, "format": "csv"})) == [new.number]
    response = api("chief").get("/api/v1/disclosures/requests", query)
    assert [row["number"] for row in response.json()["results"]] == [new.number]
    # a parameter the page offers is the API's too (it only had fiscal_year and kind)
    assert api("chief").get("/api/v1/disclosures/requests", {"state": "open"}).json()["count"] == 2


def test_a_bad_filter_is_shown_on_the_page_and_a_400_in_the_api(api, client_for, town):
    page = client_for("chief").get("/disclosures/", {"fiscal_year": "1900"})
    assert page.status_code == 200 and "1989年度から2099年度まで" in page.content.decode()
    response = api("chief").get("/api/v1/disclosures/requests", {"fiscal_year": "1900"})
    assert response.status_code == 400
    assert JAPANESE.search(response.json()["errors"]["fiscal_year"][0])


def test_registers_page_hides_retired_files_by_default_the_api_does_not(api, client_for, town):
    from hogokan.registers import services
    from tests.registers.conftest import file_data

    kept = services.file_create(actor=town.user("staff"), **file_data(town, name="住民票ファイル"))
    gone = services.file_create(actor=town.user("staff"), **file_data(town, name="旧台帳ファイル"))
    services.file_retire(actor=town.user("chief"), file=gone, retired_on=date(2025, 4, 1), reason="事務の廃止")
    page = client_for("officer").get("/registers/").content.decode()
    assert "住民票ファイル" in page and "旧台帳ファイル" not in page
    assert "旧台帳ファイル" in client_for("officer").get("/registers/", {"status": "all"}).content.decode()
    names = {row["name"] for row in api("officer").get("/api/v1/registers/files").json()["results"]}
    assert names == {kept.name, gone.name}
    retired = api("officer").get("/api/v1/registers/files", {"status": "retired"}).json()["results"]
    assert [row["name"] for row in retired] == ["旧台帳ファイル"]


def test_incidents_api_keeps_its_report_required_parameter(api, town):
    from hogokan.incidents import services

    services.catalogue_ensure()
    services.incident_report(actor=town.user("staff"), title="誤送付", unit=town.citizens,
                             learned_on=date(2025, 6, 2), persons=1)
    assert api("staff").get("/api/v1/incidents", {"report_required": "false"}).json()["count"] == 1
    assert api("staff").get("/api/v1/incidents", {"report_required": "true"}).json()["count"] == 0


@pytest.mark.parametrize("value", ["null", "yes", "1", "on"])
def test_a_boolean_filter_is_true_or_false_in_the_api(api, town, value):
    response = api("chief").get("/api/v1/registers/files", {"specific": value})
    assert response.status_code == 400
    assert JAPANESE.search(response.json()["errors"]["specific"][0])
    assert api("chief").get("/api/v1/incidents", {"report_required": value}).status_code == 400


def test_a_boolean_filter_of_the_page_still_reads_a_checkbox(client_for, town):
    assert client_for("chief").get("/registers/", {"specific": "on"}).status_code == 200
