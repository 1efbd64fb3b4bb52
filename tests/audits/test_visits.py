"""Audit plans and on-site inspections: plan, proposal, the record of a visit with findings and good
practices, the 名古屋市 tables."""

from datetime import date

import pytest
from django.urls import reverse

from hogokan.audits import services_visits as services
from hogokan.audits.models import AuditPlan, FieldVisit, Finding, GoodPractice

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(town):
    return services.visit_add(actor=town.user("chief"), fiscal_year=2026, unit=town.citizens)


def test_a_plan_needs_its_units_and_stages_in_order(client_for, town):
    client = client_for("chief")
    page = client.post(reverse("audits:plan_create"), {
        "fiscal_year": "2026", "kind": "internal", "title": "令和8年度 個人情報の管理の状況に関する監査",
        "survey_from": "2026-10-01", "survey_to": "2026-10-31", "document_from": "2026-09-01"}).content.decode()
    assert "対象課を1つ以上選んでください" in page
    assert not AuditPlan.objects.exists()
    page = client.post(reverse("audits:plan_create"), {
        "fiscal_year": "2026", "kind": "internal", "title": "令和8年度 監査", "units": [town.citizens.pk],
        "survey_from": "2026-10-01", "survey_to": "2026-10-31", "document_from": "2026-09-01"}).content.decode()
    assert "書面監査は全庁調査の後に始めてください" in page
    assert not AuditPlan.objects.exists()
    response = client.post(reverse("audits:plan_create"), {
        "fiscal_year": "2026", "kind": "internal", "title": "令和8年度 監査", "units": [town.citizens.pk],
        "auditors": [town.people["auditor"].pk], "survey_from": "2026-10-01", "survey_to": "2026-10-31",
        "onsite_from": "2027-02-01", "onsite_to": "2027-02-28"})
    plan = AuditPlan.objects.get()
    assert response.status_code == 302 and [s[0] for s in plan.stages] == ["全庁調査", "実地監査"]
    assert list(plan.auditors.all()) == [town.people["auditor"]]


def test_a_plan_refuses_a_person_who_is_no_auditor(town):
    with pytest.raises(Exception, match="監査担当の役割を持たない職員"):
        services.plan_save(actor=town.user("chief"), fiscal_year=2026, kind="internal", title="監査",
                           units=[town.citizens], auditors=[town.people["staff"]])


def test_the_proposal_takes_every_section_of_small_bureaus(client_for, town):
    client_for("chief").post(reverse("audits:visit_propose") + "?fiscal_year=2026")
    units = set(FieldVisit.objects.filter(fiscal_year=2026).values_list("unit__name", flat=True))
    assert units == {"法務課", "市民課", "保険年金課", "学務課"}
    assert client_for("auditor").post(reverse("audits:visit_propose") + "?fiscal_year=2026").status_code == 403


def test_recording_a_visit_needs_date_inspectors_and_rating(client_for, visit):
    client = client_for("auditor")
    page = client.post(reverse("audits:visit_record", args=[visit.pk]), {"visited_on": "2026-10-01"}).content.decode()
    assert "総合評価を入力してください" in page or "総合評価を選んでください" in page
    visit.refresh_from_db()
    assert visit.status == FieldVisit.Status.PROPOSED
    response = client.post(reverse("audits:visit_record", args=[visit.pk]), {
        "visited_on": "2026-10-01", "inspectors": "委員 山田、佐藤", "rating": "partial", "summary": "媒体の記録に不備"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == FieldVisit.Status.RECORDED and visit.rating_mark == "△"


def test_a_visit_finding_is_a_follow_up_item_of_the_section(client_for, town, visit):
    services.visit_record(actor=town.user("auditor"), visit=visit, visited_on=date(2026, 10, 1), inspectors="山田",
                          rating="partial")
    client = client_for("auditor")
    page = client.post(reverse("audits:visit_finding", args=[visit.pk]), {"finding-category": "外部記録媒体の保管、記録"})
    assert "改善指摘事項を入力してください" in page.content.decode() and not Finding.objects.exists()
    client.post(reverse("audits:visit_finding", args=[visit.pk]), {
        "finding-category": "外部記録媒体の保管、記録", "finding-text": "USBメモリの利用記録がなかった。",
        "finding-due_date": "2027-01-31"})
    finding = Finding.objects.get()
    assert finding.visit == visit and list(finding.units.all()) == [town.citizens]
    assert finding.source.title == "令和8年度 実地調査" and finding.source.kind == "onsite"
    client.post(reverse("audits:visit_practice", args=[visit.pk]), {"practice-category": "誤送付、誤交付等防止策",
                                                                    "practice-text": "封入時の読み合わせ"})
    assert GoodPractice.objects.get().visit == visit
    # the section sees the finding, and records its response
    assert client_for("officer").get(reverse("audits:finding_detail", args=[finding.pk])).status_code == 200
    assert client_for("officer").post(reverse("audits:visit_finding", args=[visit.pk]), {}).status_code == 403


def test_the_tables_compare_with_last_year(client_for, town):
    for year, unit, rating in ((2025, town.citizens, "good"), (2026, town.citizens, "excellent"),
                               (2026, town.pension, "partial")):
        visit = services.visit_add(actor=town.user("chief"), fiscal_year=year, unit=unit)
        services.visit_record(actor=town.user("chief"), visit=visit, visited_on=date(year, 10, 1), inspectors="山田",
                              rating=rating)
    from hogokan.audits.visit_tables import ratings_table

    table = ratings_table(FieldVisit.objects.all(), 2026)
    rows = {row[0]: row for row in table.rows}
    assert rows["市民局"][1:6] == [1, 0, 1, 0, 2] and rows["市民局"][6:] == [0, 1, 0, 0, 1]
    response = client_for("chief").get(reverse("audits:visit_results") + "?fiscal_year=2026")
    assert "総合評価（局区等別・前年度比較）" in response.content.decode()
    workbook = client_for("chief").get(reverse("audits:visit_results") + "?fiscal_year=2026&format=xlsx")
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_cancelled_visit_needs_a_reason(client_for, visit):
    client = client_for("chief")
    assert "取りやめる理由を入力してください" in client.post(reverse("audits:visit_cancel", args=[visit.pk]),
                                                   {}).content.decode()
    client.post(reverse("audits:visit_cancel", args=[visit.pk]), {"reason": "組織改編のため"})
    visit.refresh_from_db()
    assert visit.status == FieldVisit.Status.CANCELLED


def test_the_proposal_prefers_sections_with_incidents_this_year(town):
    from hogokan.incidents import services as incidents
    from hogokan.org.models import OrgUnit, UnitKind
    from tests.conftest import SINCE

    extra = [OrgUnit.objects.create(organ=town.mayor, parent=town.citizens_dept, code=code, name=name,
                                    kind=UnitKind.SECTION, valid_from=SINCE)
             for code, name in (("213", "戸籍課"), ("214", "税務課"), ("215", "収納課"))]
    for unit in [town.citizens, town.pension, *extra]:  # all of 市民局 visited last year
        visited = services.visit_add(actor=town.user("chief"), fiscal_year=2025, unit=unit)
        services.visit_record(actor=town.user("chief"), visit=visited, visited_on=date(2025, 10, 1),
                              inspectors="山田", rating="good")
    incidents.catalogue_ensure()
    incidents.incident_report(actor=town.user("officer"), title="誤送付", unit=town.citizens, learned_on=date(2026, 5, 1),
                              persons=1)
    created = services.visits_propose(actor=town.user("chief"), fiscal_year=2026, day=date(2026, 6, 1))
    bureau = {v.unit.name for v in created if v.unit.parent_id == town.citizens_dept.pk}
    # 市民局 has 5 sections, all visited last year: 市民課 first by its incident, then by code
    assert bureau == {"市民課", "保険年金課", "戸籍課"}
    reasons = {v.unit.name: v.reason for v in created}
    assert reasons["市民課"] == "前回 2025年度・点検の× 0件・今年度の事故 1件"
    again = services.visits_propose(actor=town.user("chief"), fiscal_year=2026, day=date(2026, 6, 1))
    assert again == []  # the year's list is kept as the office edited it
