"""The dashboard parts: the section's open findings, the office's confirmations, coverage of the year."""

from datetime import date

import pytest
from django.urls import reverse

from hogokan.audits import api, services
from hogokan.audits import services_visits as visits
from hogokan.org.access import actor_for

pytestmark = pytest.mark.django_db


def _labels(town, who, today=date(2027, 4, 5)):
    return [item.label for item in api.dashboard_items(actor_for(town.user(who)), today)]


def test_the_section_head_sees_their_own_open_findings_overdue_first(town, finding, pension_finding):
    labels = _labels(town, "officer")
    assert labels == ["【期限超過】指摘事項への対応: 令和6年度 個人情報保護委員会立入検査 項番1"]
    assert _labels(town, "contractor") == []


def test_the_office_sees_reports_to_confirm_overdue_and_coverage(town, finding):
    services.progress_add(actor=town.user("officer"), finding=finding, recorded_on=date(2026, 10, 1), text="済ませた",
                          response="受講状況を報告させる。")
    services.finding_report_done(actor=town.user("officer"), finding=finding)
    visit = visits.visit_add(actor=town.user("chief"), fiscal_year=2026, unit=town.citizens)
    visits.visit_record(actor=town.user("chief"), visit=visit, visited_on=date(2026, 10, 1), inspectors="山田",
                        rating="good")
    labels = _labels(town, "chief", date(2027, 3, 1))
    assert "完了報告のあった指摘事項 1 件（事務局の確認待ち）" in labels
    assert "監査の実施状況（令和8年度）: 1所属（25.0%）" in labels


def test_the_status_page_and_the_dashboard_link_to_the_lists(client_for, finding):
    page = client_for("chief").get(reverse("audits:status") + "?fiscal_year=2026").content.decode()
    assert "監査の実施状況（令和8年度）" in page and "未完了の指摘事項（担当課・経過日数別）" in page
    dashboard = client_for("officer").get(reverse("site:dashboard")).content.decode()
    assert "指摘事項への対応" in dashboard
