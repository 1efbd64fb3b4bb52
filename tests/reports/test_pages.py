"""The report pages: the annual report, the catalogue, one table with its downloads, the dashboard."""

from tests.conftest import assert_statuses
from tests.reports.conftest import YEAR


def test_annual_page_has_every_section_and_says_when_there_is_nothing(client_for, world):
    body = client_for("chief").get("/reports/annual/", {"fiscal_year": YEAR}).content.decode()
    assert "保有する情報の保護及び管理の状況" in body and "令和7年度に実施した情報保護対策" in body
    for title in ("課・公所ごとの保護対策", "実地調査", "研修", "電子情報保護対策・システム点検", "受託者等に対する指揮監督",
                  "漏えい等事案", "開示請求等", "目的外利用・提供", "個人情報ファイル簿", "特定個人情報保護評価"):
        assert title in body
    assert "郵送物の誤送付" in body                           # the incident list
    assert "令和7年度の記録はありません。" in body            # self-inspection: no campaign in the test town
    assert "作成できません" in body and "issue 15" in body   # assets not built yet: said, not hidden
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body and "<desc id=" in body  # a chart with its text
    assert "?fiscal_year=2025&amp;format=docx" in body


def test_a_bad_as_of_day_is_explained_and_the_report_still_shows(client_for, world):
    response = client_for("chief").get("/reports/annual/", {"fiscal_year": YEAR, "as_of": "2026-02-30"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "入力内容に誤りがあります" in body and "存在しない日付" in body


def test_catalogue_lists_every_seed_table_and_the_missing_ones_honestly(client_for, world):
    body = client_for("auditor").get("/reports/tables/", {"fiscal_year": YEAR}).content.decode()
    for title in ("保有個人情報開示請求", "個人情報の目的外利用", "漏えい等事案の一覧", "情報セキュリティ事故の再発防止策の実施状況",
                  "所属別の受講状況", "実地調査の総合評価"):
        assert title in body
    assert body.count("未整備") >= 3   # assets, outsourcing, audit surveys


def test_one_table_as_page_csv_and_excel(client_for, world):
    client = client_for("chief")
    page = client.get("/reports/tables/disclosure_requests/", {"fiscal_year": YEAR}).content.decode()
    assert "保有個人情報開示請求（令和7年度）" in page and "<svg" in page
    csv = client.get("/reports/tables/disclosure_requests/", {"fiscal_year": YEAR, "format": "csv"})
    lines = csv.content.decode("utf-8-sig").splitlines()
    mayor = next(line for line in lines if line.startswith("市長,"))
    # 市長: 実人数 3 (一郎 twice), 請求件数 3 (May, November, February) … 全部開示 1
    assert mayor.split(",")[:3] == ["市長", "3", "3"]
    assert mayor.split(",")[4] == "1"
    xlsx = client.get("/reports/tables/disclosure_requests/", {"fiscal_year": YEAR, "format": "xlsx"})
    assert xlsx.content.startswith(b"PK")
    assert client.get("/reports/tables/no_such_table/").status_code == 404


def test_reports_are_for_the_office_and_auditors(client_for, world):
    assert_statuses(client_for, "get", "/reports/annual/", {"chief": 200, "auditor": 200, "admin": 403,
                                                            "officer": 403, "staff": 403, "contractor": 403})


def test_dashboard_counts_what_is_overdue_per_module(client_for, world):
    body = client_for("chief").get("/reports/").content.decode()
    assert "機能ごとの期限" in body and "漏えい等事案（速報・確報）" in body
    assert "月別の推移" in body                                # the office's charts
    staff = client_for("staff").get("/reports/").content.decode()
    assert "機能ごとの期限" in staff and "月別の推移" not in staff
