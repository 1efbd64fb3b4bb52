"""The follow-up table of one source (page, Excel, print) and the import of a findings list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hogokan.audits.models import Finding

pytestmark = pytest.mark.django_db

HEADER = "項番,分類,指摘事項,担当課,対応内容,対応期限,区分\n"


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("findings.csv", (HEADER + text).encode("utf-8"), content_type="text/csv")


def test_the_table_lists_findings_by_number_with_their_category(client_for, finding, pension_finding):
    page = client_for("chief").get(reverse("audits:source_detail", args=[finding.source.pk])).content.decode()
    assert page.index("研修の受講状況") < page.index("長期休職者")
    assert "教育研修" in page and "アカウント管理" in page and "対応中" in page
    printed = client_for("chief").get(reverse("audits:source_print", args=[finding.source.pk])).content.decode()
    assert "フォローアップ管理表" in printed and "研修の受講状況" in printed
    workbook = client_for("chief").get(reverse("audits:source_detail", args=[finding.source.pk]) + "?format=xlsx")
    assert workbook.status_code == 200 and workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    csv = client_for("chief").get(reverse("audits:source_detail", args=[finding.source.pk])
                                  + "?format=csv&table=followup").content.decode("utf-8-sig")
    assert csv.splitlines()[0] == "項番,指摘事項,担当課,対応内容,区分"


def test_a_section_sees_only_its_rows_in_the_table(client_for, finding, pension_finding):
    page = client_for("officer").get(reverse("audits:source_detail", args=[finding.source.pk])).content.decode()
    assert "研修の受講状況" in page and "長期休職者" not in page


def test_import_dry_run_then_commit(client_for, town, ppc_source):
    client = client_for("chief")
    rows = ("1,教育研修,研修の受講状況を確認していなかった。,法務課,受講状況を報告させる。,2027-03-31,済み\n"
            "2,委託,委託契約書に明記すべき事項の一部を明記していなかった。,市民課、保険年金課,,令和9年3月31日,対応中\n")
    preview = client.post(reverse("audits:import"), {"source": ppc_source.pk, "file": _csv(rows)})
    assert "誤りはありません" in preview.content.decode()
    assert not Finding.objects.exists()  # the dry run writes nothing
    token = preview.context["token"]
    response = client.post(reverse("audits:import_commit"), {"token": token})
    assert response.status_code == 302
    first, second = Finding.objects.order_by("number")
    assert first.status == Finding.Status.DONE and first.confirmed_by == town.user("chief")
    assert set(second.units.all()) == {town.citizens, town.pension} and second.status == Finding.Status.OPEN


def test_an_import_with_a_bad_row_names_it_and_writes_nothing(client_for, ppc_source):
    rows = ("1,教育研修,研修の受講状況を確認していなかった。,法務課,,,対応中\n"
            "2,委託,担当課のない行,,,,対応中\n"
            "3,委託,存在しない課,企画課,,2027-02-30,途中\n")
    page = client_for("chief").post(reverse("audits:import"), {"source": ppc_source.pk, "file": _csv(rows)})
    text = page.content.decode()
    assert "何も登録していません" in text
    assert "3行目: 担当課を入力してください" in text
    assert "4行目: 担当課「企画課」が見つかりません" in text
    assert "区分は「対応中」か「済み」で入力してください" in text
    assert "対応期限は「2027-03-31」のように入力してください" in text
    assert page.context["token"] == ""
    assert not Finding.objects.exists()


def test_only_the_office_imports_done_rows(client_for, ppc_source):
    rows = "1,教育研修,研修の受講状況を確認していなかった。,法務課,報告させる。,,済み\n"
    page = client_for("auditor").post(reverse("audits:import"), {"source": ppc_source.pk, "file": _csv(rows)})
    assert "「済み」で取り込めるのは事務局" in page.content.decode()
    assert client_for("officer").get(reverse("audits:import")).status_code == 403


def test_the_import_template_downloads(client_for):
    response = client_for("chief").get(reverse("audits:import_template") + "?format=csv")
    assert response.content.decode("utf-8-sig").splitlines()[0] == "項番,分類,指摘事項,担当課,対応内容,対応期限,区分"


def test_a_source_needs_a_title_and_a_year(client_for):
    page = client_for("chief").post(reverse("audits:source_create"), {"kind": "ppc"}).content.decode()
    assert "名称を入力してください" in page and "年度を入力してください" in page
    assert client_for("officer").get(reverse("audits:source_create")).status_code == 403


def test_an_excel_sheet_is_imported_too(client_for, town, ppc_source):
    from hogokan.core.exports import Table, xlsx_bytes

    sheet = xlsx_bytes([Table(key="f", title="指摘事項", header=["項番", "PPCからの指摘事項", "担当課", "区分"],
                              rows=[[1, "サーバラックが施錠されていなかった。", "211", "対応中"]])])
    client = client_for("chief")
    upload = SimpleUploadedFile("立入検査.xlsx", sheet)
    preview = client.post(reverse("audits:import"), {"source": ppc_source.pk, "file": upload})
    assert "誤りはありません" in preview.content.decode(), preview.content.decode()[-2000:]
    client.post(reverse("audits:import_commit"), {"token": preview.context["token"]})
    assert list(Finding.objects.get().units.all()) == [town.citizens]
