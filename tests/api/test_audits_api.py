"""GET/POST /api/v1/audits/findings and POST …/{id}/progress: scoped like the pages, Japanese errors, nothing
written on bad input."""

from datetime import date

import pytest

from hogokan.audits import services
from hogokan.audits.models import Finding, FindingProgress, FindingSource
from tests.api.conftest import JAPANESE, ids

pytestmark = pytest.mark.django_db
URL = "/api/v1/audits/findings"


@pytest.fixture
def source(town):
    return services.source_save(actor=town.user("chief"), kind=FindingSource.Kind.PPC,
                                title="令和6年度 個人情報保護委員会立入検査", fiscal_year=2024)


@pytest.fixture
def findings(town, source):
    own = services.finding_save(actor=town.user("chief"), source=source, units=[town.citizens], text="研修の確認漏れ")
    other = services.finding_save(actor=town.user("chief"), source=source, units=[town.pension], text="ID未停止")
    return own, other


def test_the_list_is_scoped(api, findings):
    own, other = findings
    assert ids(api("officer").get(URL)) == {own.pk}
    assert ids(api("auditor").get(URL)) == {own.pk, other.pk}
    assert ids(api("contractor").get(URL)) == set()
    assert api("officer").get(f"{URL}/{other.pk}").status_code == 404
    assert ids(api("chief").get(URL, {"unit": other.units.get().pk})) == {other.pk}


def test_the_auditor_registers_a_finding(api, town, source):
    response = api("auditor").post(URL, {"source": source.pk, "text": "ログの分析をしていなかった。",
                                         "units": [town.citizens.pk], "due_date": "2027-03-31"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == 1 and body["units"] == [town.citizens.pk] and body["status"] == "open"


def test_a_finding_without_a_unit_is_a_400_in_japanese_and_writes_nothing(api, source):
    response = api("chief").post(URL, {"source": source.pk, "text": "施錠していなかった。", "units": []}, format="json")
    assert response.status_code == 400
    assert "担当課（units）を1つ以上指定してください。" in response.json()["errors"]["units"]
    response = api("chief").post(URL, {"source": source.pk, "text": "施錠していなかった。"}, format="json")
    assert response.status_code == 400 and JAPANESE.search(str(response.json()["errors"]["units"]))
    assert not Finding.objects.exists()


def test_a_section_may_not_register_findings(api, town, source):
    response = api("officer").post(URL, {"source": source.pk, "text": "x", "units": [town.citizens.pk]},
                                   format="json")
    assert response.status_code == 403 and not Finding.objects.exists()


def test_the_section_records_progress_the_auditor_may_not(api, findings):
    own, _other = findings
    response = api("officer").post(f"{URL}/{own.pk}/progress", {"recorded_on": "2026-10-01", "text": "名簿を集約"},
                                   format="json")
    assert response.status_code == 201, response.content
    assert api("auditor").post(f"{URL}/{own.pk}/progress", {"recorded_on": "2026-10-01", "text": "x"},
                               format="json").status_code == 403
    bad = api("officer").post(f"{URL}/{own.pk}/progress", {"recorded_on": "2099-01-01", "text": "予定"},
                              format="json")
    assert bad.status_code == 400 and JAPANESE.search(str(bad.json()))
    assert FindingProgress.objects.get().recorded_on == date(2026, 10, 1)
