"""The PPC 漏えい等報告 drafts (issue 22 §4): items from the record, unknown items marked, the exact API,
the documents, the office and the incident's unit only, and the snapshot kept on submission."""

import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hogokan.accounts.services import token_issue
from hogokan.incidents import ppc, services
from hogokan.incidents.models import PpcReport
from tests.api.conftest import token_client

KEYS = {"summary", "discovered_by", "learned_on", "data_items", "persons", "cause", "secondary_damage",
        "notice_to_persons", "publication", "measures"}


@pytest.fixture
def api(town):
    def make(username: str):
        _token, raw = token_issue(actor=None, user=town.user(username), name="test")
        return token_client(raw)

    return make


def _url(incident, stage="preliminary", fmt=None):
    return f"/api/v1/incidents/{incident.pk}/ppc-report?stage={stage}" + (f"&format={fmt}" if fmt else "")


def _by_key(draft_items):
    return {item["key"]: item for item in draft_items}


def _complete(town, incident):
    services.incident_update(
        actor=town.user("officer"), incident=incident, learned_how="送付先の住民から電話があり判明した",
        discoverer="person", discovered_by="送付先の住民", discovered_how="電話での連絡",
        discovered_at=timezone.make_aware(datetime(2025, 6, 2, 9, 30)), occurred_on=date(2025, 5, 30),
        kind="missent_mail", medium="paper", cause="check", cause_detail="封入時の確認を一人で行っていた",
        secondary_damage_status="none", secondary_damage="", notice_status="done", notice_date=date(2025, 6, 3),
        notice_method="訪問", publication_note="本人の数が少なく二次被害のおそれがないため公表しない")
    services.measure_save(actor=town.user("officer"), incident=incident, description="封入時の二人確認")
    incident.refresh_from_db()
    return incident


def test_draft_items_come_from_the_record(town, incident):
    incident = _complete(town, incident)
    draft = ppc.draft_of(incident, "preliminary")
    items = {item.key: item for item in draft.items}
    assert KEYS <= set(items)
    assert items["summary"].value == "窓あき封筒で別人の通知を送付した"
    assert items["learned_on"].value == "令和7年6月2日"
    assert items["discovered_by"].value.startswith("本人（送付先の住民）")
    assert "電話での連絡" in items["discovered_by"].value
    assert items["discovered_at"].value == "令和7年6月2日 09時30分"
    assert items["data_items"].value == "氏名・病歴・健診結果"
    assert items["persons"].value == "2人"
    assert "封入時の確認を一人で行っていた" in items["cause"].value
    assert items["secondary_damage"].value == "なし"
    assert "通知済み" in items["notice_to_persons"].value and "訪問" in items["notice_to_persons"].value
    assert items["publication"].value.startswith("未公表")
    assert items["measures"].value == "①封入時の二人確認　［未着手］"
    assert "規則43条1号" in items["grounds"].value
    assert not draft.missing
    assert draft.due_on == incident.preliminary_due == date(2025, 6, 7)
    assert ppc.draft_of(incident, "final").due_on == incident.final_due


def test_unknown_items_are_marked_missing(incident):
    draft = ppc.draft_of(incident, "preliminary")
    missing = {item.key for item in draft.missing}
    assert {"discovered_by", "cause", "secondary_damage", "notice_to_persons", "publication", "measures"} <= missing
    assert "summary" not in missing and "learned_on" not in missing and "persons" not in missing
    text = draft.text()
    assert "■ 原因［未確認］\n（調査中）" in text
    assert "※ 未確認の項目: " in text
    final = ppc.draft_of(incident, "final")
    assert "（未記入）" in final.text()


def test_api_exact_shape(api, town, incident):
    response = api("officer").get(_url(incident))
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"stage", "due_on", "items"}
    assert body["stage"] == "preliminary" and body["due_on"] == "2025-06-07"
    items = _by_key(body["items"])
    assert KEYS <= set(items)
    assert all(set(item) == {"key", "label", "value", "missing"} for item in body["items"])
    assert items["cause"]["missing"] is True and items["summary"]["missing"] is False
    final = api("chief").get(_url(incident, "final", "json")).json()
    assert final["stage"] == "final" and final["due_on"] == incident.final_due.isoformat()


def test_api_bad_stage_is_a_clear_error(api, incident):
    response = api("officer").get(f"/api/v1/incidents/{incident.pk}/ppc-report")
    assert response.status_code == 400
    assert "stage" in response.json()["errors"]
    response = api("officer").get(_url(incident, "interim"))
    assert response.status_code == 400
    assert "preliminary か final" in str(response.json())


@pytest.mark.parametrize("role", ["officer2", "outsider", "auditor", "admin", "contractor"])
def test_only_the_office_and_the_unit(api, incident, role):
    assert api(role).get(_url(incident)).status_code == 404


@pytest.mark.parametrize("role", ["chief", "officer", "staff", "manager"])
def test_the_office_and_the_unit_get_it(api, incident, role):
    assert api(role).get(_url(incident)).status_code == 200


def test_word_and_pdf(api, town, incident):
    incident = _complete(town, incident)
    docx = api("officer").get(_url(incident, fmt="docx"))
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "速報" in xml and "封入時の確認を一人で行っていた" in xml and incident.number in xml
    pdf = api("chief").get(_url(incident, "final", "pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_submission_keeps_the_draft(town, incident):
    chief = town.user("chief")
    services.incident_update(actor=chief, incident=incident, preliminary_reported_on=date(2025, 6, 4))
    report = PpcReport.objects.get(incident=incident)
    assert report.stage == "preliminary" and report.submitted_on == date(2025, 6, 4)
    assert report.due_on == date(2025, 6, 7)
    assert {item["key"] for item in report.items} >= KEYS
    assert "原因" in report.missing_labels
    assert report.text.startswith("【個人情報保護委員会への漏えい等報告（速報）・下書き】")
    assert report.history.count() == 1
    assert "速報を提出" in incident.timeline.last().text
    # later facts do not change what was submitted
    _complete(town, incident)
    report.refresh_from_db()
    assert "原因" in report.missing_labels
    # saving the same date again keeps one snapshot; the final report adds its own
    services.incident_update(actor=chief, incident=incident, preliminary_reported_on=date(2025, 6, 4))
    services.incident_update(actor=chief, incident=incident, final_reported_on=date(2025, 6, 20))
    assert list(PpcReport.objects.filter(incident=incident).values_list("stage", flat=True)) == [
        "preliminary", "final"]
    assert not PpcReport.objects.get(stage="final").missing_labels


def test_new_facts_are_checked(town, incident):
    with pytest.raises(ValidationError) as caught:
        services.incident_update(actor=town.user("officer"), incident=incident,
                                 discovered_at=timezone.make_aware(datetime(2025, 6, 9, 10, 0)))
    assert "発見日時は判明日以前" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        services.incident_update(actor=town.user("officer"), incident=incident, secondary_damage_status="possible",
                                 secondary_damage="")
    assert "その内容を入力" in str(caught.value)
    incident.refresh_from_db()
    assert incident.discovered_at is None and incident.secondary_damage_status == ""


def test_new_facts_are_in_the_history_and_timeline(town, incident):
    services.incident_update(actor=town.user("officer"), incident=incident, discovered_by="窓口課職員",
                             discoverer="staff")
    assert incident.history.first().discovered_by == "窓口課職員"
    assert "発見者: （なし） → 窓口課職員" in incident.timeline.last().text


def test_page_and_downloads(client_for, town, incident):
    page = client_for("officer").get(f"/incidents/{incident.pk}/ppc-report/preliminary/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "未確認の項目が" in html and "報告フォームに貼り付ける文章" in html
    assert f"/reports/incidents/{incident.pk}/ppc-report/?stage=preliminary&amp;format=docx" in html
    detail = client_for("officer").get(f"/incidents/{incident.pk}/").content.decode()
    assert "速報の下書き" in detail
    word = client_for("staff").get(f"/reports/incidents/{incident.pk}/ppc-report/?stage=preliminary&format=docx")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert client_for("officer2").get(f"/incidents/{incident.pk}/ppc-report/preliminary/").status_code == 404
    assert client_for("auditor").get(
        f"/reports/incidents/{incident.pk}/ppc-report/?stage=preliminary&format=pdf").status_code == 404
    assert client_for("officer").get(f"/incidents/{incident.pk}/ppc-report/interim/").status_code == 404
