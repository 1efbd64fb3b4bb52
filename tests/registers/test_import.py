"""Excel/CSV import of an existing register: dry run, row-numbered Japanese errors, all-or-nothing."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from hogokan.registers import exports, importing, services
from hogokan.registers.models import FileVersion, PersonalInfoFile

from ..conftest import assert_statuses
from .conftest import file_data


def _row(**overrides) -> list[str]:
    values = dict(zip([key for key, _label in exports.COLUMNS], exports.EXAMPLE_ROW, strict=True))
    values.update(handling_affairs="", unit_code="211", unit_name="市民課")
    values.update(overrides)
    return [values[key] for key, _label in exports.COLUMNS]


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([label for _key, label in exports.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows) -> bytes:
    lines = [",".join(label for _key, label in exports.COLUMNS)]
    lines += [",".join(f'"{cell}"' for cell in row) for row in rows]
    return "\r\n".join(lines).encode("cp932")


def test_good_file_imports_as_published(town):
    data = _xlsx([_row(), _row(name="印鑑登録原票ファイル", kind="法定外", exemption="1000人未満", withheld="")])
    assert importing.import_check(filename="r.xlsx", data=data).ok
    assert not PersonalInfoFile.objects.exists()  # the dry run writes nothing
    result = importing.import_commit(actor=town.user("chief"), filename="r.xlsx", data=data, publish=True)
    assert result.committed and result.created == 2
    file = PersonalInfoFile.objects.get(name="住民基本台帳ファイル")
    assert file.status == PersonalInfoFile.Status.PUBLISHED and file.is_specific
    assert file.withheld == {"record_scope": "事務の遂行に著しい支障があるため"}
    assert FileVersion.objects.filter(public=True).count() == 2
    assert PersonalInfoFile.objects.get(name="印鑑登録原票ファイル").exemption == "few"


def test_shift_jis_csv_imports_as_drafts(town):
    result = importing.import_commit(actor=town.user("chief"), filename="r.csv", data=_csv([_row(withheld="")]),
                                     publish=False)
    assert result.committed
    assert PersonalInfoFile.objects.get().status == PersonalInfoFile.Status.DRAFT


def test_errors_are_reported_per_row_and_nothing_is_written(town, published):
    rows = [
        _row(name="正しい行"),
        _row(name="機関違い", organ="存在しない委員会"),                # bad organ
        _row(name="", purpose=""),                                    # missing required items
        _row(name="正しい行"),                                         # duplicate within the file
        _row(name="住民基本台帳ファイル"),                              # duplicate of an existing file
        _row(name="組織違い", unit_code="999"),
        _row(name="法定外の理由なし", kind="法定外"),
        _row(name="区分違い", processing="手書き", has_sensitive="たぶん"),
        _row(name="事務なし", handling_affairs="存在しない事務"),
    ]
    data = _xlsx(rows)
    result = importing.import_commit(actor=town.user("chief"), filename="r.xlsx", data=data, publish=True)
    assert not result.committed
    messages = [str(issue) for issue in result.errors]
    text = "\n".join(messages)
    assert "3行目: 行政機関等の名称「存在しない委員会」は登録されている実施機関ではありません。" in messages
    assert "4行目: 個人情報ファイルの名称を入力してください。" in messages
    assert "4行目: 利用目的を入力してください。" in messages
    assert "5行目: 「正しい行」は2行目と同じ名称です。" in messages
    assert "6行目: 「住民基本台帳ファイル」という名称のファイルは市長に既にあります。" in messages
    assert "7行目: 組織コード「999」" in text
    assert "8行目: 法定外とする理由（法75②）を選んでください。" in messages
    assert "9行目: 電算・マニュアルの別は" in text and "9行目: 要配慮個人情報は「該当」か「非該当」" in text
    assert "10行目: 個人情報取扱事務「存在しない事務」は登録されていません" in text
    assert "2行目" not in text.replace("2行目と同じ", "")
    assert PersonalInfoFile.objects.count() == 1  # only the fixture's file


def test_missing_columns_and_unreadable_files(town):
    workbook = Workbook()
    workbook.active.append(["個人情報ファイルの名称"])
    workbook.active.append(["x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = importing.import_check(filename="r.xlsx", data=buffer.getvalue())
    assert "必須の列がありません" in str(result.errors[0])
    assert "読めません" in str(importing.import_check(filename="r.xlsx", data=b"not a zip").errors[0])
    with pytest.raises(importing.ImportFileError):
        importing.file_format("r.pdf", b"x")


def test_import_pages(client_for, town):
    client = client_for("chief")
    upload = io.BytesIO(_xlsx([_row(withheld="")]))
    upload.name = "register.xlsx"
    response = client.post("/registers/import/", {"file": upload, "publish": "publish"})
    page = response.content.decode()
    assert "誤りはありません" in page and not PersonalInfoFile.objects.exists()
    token = response.context["token"]
    response = client.post("/registers/import/commit/", {"token": token})
    assert response.status_code == 302
    assert PersonalInfoFile.objects.get().status == PersonalInfoFile.Status.PUBLISHED
    assert client.post("/registers/import/commit/", {"token": token}).status_code == 302  # used once only
    assert PersonalInfoFile.objects.count() == 1


def test_import_page_shows_errors(client_for, town):
    upload = io.BytesIO(_xlsx([_row(organ="存在しない委員会")]))
    upload.name = "register.xlsx"
    page = client_for("chief").post("/registers/import/", {"file": upload, "publish": "draft"}).content.decode()
    assert "2行目: 行政機関等の名称「存在しない委員会」" in page and "何も登録していません" in page


def test_import_is_for_the_chief(client_for, town):
    assert_statuses(client_for, "get", "/registers/import/", {"chief": 200, "officer": 403, "manager": 403,
                                                              "auditor": 403, "contractor": 403, "admin": 403})


def test_template_round_trips(client_for, town):
    response = client_for("officer").get("/registers/import/template/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == [label for _key, label in exports.COLUMNS]


def test_export_round_trips_into_the_import(client_for, town, chief, published):
    services.file_load_published(actor=chief, **file_data(town, name="二件目", withheld={}))
    response = client_for("chief").get("/registers/", {"format": "xlsx"})
    exported = response.content
    PersonalInfoFile.objects.update(status=PersonalInfoFile.Status.RETIRED)  # free the names for the re-import
    result = importing.import_check(filename="export.xlsx", data=exported)
    assert result.ok, [str(e) for e in result.errors]
    assert result.rows_parsed == 2


def test_export_of_every_register(client_for, town, published):
    response = client_for("auditor").get("/registers/export/")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["個人情報ファイル簿", "ファイル簿の版", "個人情報取扱事務", "取扱事務の届出", "特定個人情報保護評価"]
    assert client_for("contractor").get("/registers/export/").status_code == 403
