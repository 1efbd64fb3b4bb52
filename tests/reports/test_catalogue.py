"""The catalogue's tables, each checked against the records built in the test (tests/reports/conftest.py)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hogokan.org.access import actor_for
from hogokan.registers import services as registers
from hogokan.registers.models import PersonalInfoFile
from hogokan.reports import catalogue
from hogokan.reports.catalogue import ReportContext, is_empty
from hogokan.reports.charts import Chart, table_chart
from tests.reports.conftest import AS_OF, YEAR


@pytest.fixture
def ctx(town):
    return ReportContext(actor_for(town.user("chief")), YEAR, None, date(2026, 12, 1))


def table(key, ctx):
    return catalogue.get(key).tables(ctx)[0]


def row(table, label):
    return next(row for row in table.rows if row[0] == label)


def test_every_seed_is_covered_and_every_table_names_its_source():
    specs = catalogue.specs()
    assert {seed for spec in specs for seed in spec.seeds} == {"000", "001", "002", "003", "004"}
    for spec in specs:
        assert spec.module in catalogue.MODULES and spec.title
        assert spec.available or spec.missing.strip(), spec.key


def test_purpose_uses_per_organ_and_basis(ctx, world):
    uses = table("purpose_use", ctx)
    assert row(uses, "市長")[1:] == [0, 1, 0, 0, 1]          # one 法69②2 use approved; the draft is not counted
    provisions = table("purpose_provision", ctx)
    assert row(provisions, "市長")[-1] == 1 and row(provisions, "計")[-1] == 1


def test_incident_causes_and_list(ctx, world):
    causes = table("incident_causes", ctx)
    assert causes.rows == [["確認不足", 1], ["操作誤り", 1], ["保管・管理の不備", 1], ["計", 3]]
    listing = table("incidents", ctx)
    assert [line[3] for line in listing.rows] == ["郵送物の誤送付", "FAXの誤送信", "USBメモリの紛失"]
    assert listing.rows[0][6] == "報告済み（令和7年6月5日）" and listing.rows[0][5] == 2
    as_of = catalogue.get("incidents").tables(ReportContext(ctx.actor, YEAR, AS_OF, ctx.today))[0]
    assert [line[3] for line in as_of.rows] == ["郵送物の誤送付", "FAXの誤送信"]


def test_register_files_at_the_end_of_the_year(ctx, world, town):
    common = dict(organ=town.mayor, purpose="住民の居住関係の公証", record_items="氏名、住所", record_scope="市民",
                  collection_method="本人からの届出", request_office="法務課",
                  processing=PersonalInfoFile.Processing.COMPUTER, kind=PersonalInfoFile.Kind.STATUTORY)
    chief = town.user("chief")
    registers.file_load_published(actor=chief, on=date(2024, 4, 1), name="住民基本台帳ファイル", unit=town.citizens,
                                  **common)
    registers.file_load_published(actor=chief, on=date(2025, 10, 1), name="国民健康保険ファイル", unit=town.pension,
                                  **{**common, "processing": PersonalInfoFile.Processing.MANUAL})
    registers.file_load_published(actor=chief, on=date(2026, 4, 2), name="翌年度のファイル", unit=town.pension,
                                  **common)
    files = table("register_files", ctx)
    assert files.title == "個人情報ファイル簿の状況（令和8年3月31日現在）"
    assert row(files, "市長")[1:] == [2, 1, 1, 2, 0, 1, 0]   # 2 files; 電算 1, マニュアル 1; 法定 2; 登載 1 in the year


def test_five_years_and_the_follow_up_come_from_their_modules(ctx, world):
    five = table("disclosure_five_years", ctx)
    assert [line[0] for line in five.rows][:2] == ["令和7年度", "令和6年度"]
    assert five.rows[0][1] == 4 and five.rows[1][1] == 1      # 開示請求 received (訂正 apart)
    follow_up = table("incident_followup", ctx)
    assert follow_up.header[0] == "番号" and len(follow_up.rows) == 3


def test_a_table_of_zeros_is_empty_and_a_list_is_not():
    from hogokan.core.exports import Table

    assert is_empty(Table("t", "t", ["機関", "件数"], [["市長", 0], ["計", 0]]))
    assert not is_empty(Table("t", "t", ["機関", "件数"], [["市長", 1], ["計", 1]]))
    assert not is_empty(Table("t", "t", ["№", "件名"], [[1, "誤送付"]]))


def test_a_chart_says_what_it_shows_and_escapes_its_text():
    chart = Chart("c", "件数 <script>", ["4月", "5月"], [("誤送付", [1, 0]), ("紛失", [2, 3])])
    svg = chart.svg()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert '<title id="chart-c-title">' in svg and "4月 誤送付1件・紛失2件" in chart.description()
    assert chart.table().rows == [["4月", 1, 2, 3], ["5月", 0, 3, 3]]
    from hogokan.core.exports import Table

    bars = table_chart(Table("t", "請求", ["機関", "件数"], [["市長", 3], ["計", 3]]), -1)
    assert bars.labels == ["市長"] and bars.series == [("件数", [3])]


def test_report_template_command_writes_a_template_and_never_overwrites(tmp_path):
    target = tmp_path / "report.docx"
    call_command("report_template", output=str(target), stdout=StringIO())
    from docx import Document

    assert "{{ title }}" in [p.text for p in Document(str(target)).paragraphs]
    with pytest.raises(CommandError, match="上書きしません"):
        call_command("report_template", output=str(target), stdout=StringIO())
