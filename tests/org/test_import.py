"""一括取込: dry run with row-numbered errors, all-or-nothing commit, formats, scoping, templates."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from hogokan.org import importing, services
from hogokan.org.importing import import_check, import_commit
from hogokan.org.models import Assignment, OrgUnit, Person, PersonnelEvent, Role
from tests.conftest import assert_statuses

URL = "/org/import/"
COMMIT_URL = "/org/import/commit/"
UNIT_HEADER = ["組織コード", "名称", "種別", "実施機関", "上位組織コード", "設置日"]

# Three bad rows: 3 has an unknown kind, 4 an impossible date, 5 a parent that exists nowhere.
BAD_UNITS = [
    UNIT_HEADER,
    ["300", "情報政策局", "局", "市長", "", "2025-04-01"],
    ["310", "情報政策課", "係長", "市長", "300", "2025-04-01"],
    ["320", "デジタル推進課", "課", "市長", "300", "2025-13-01"],
    ["330", "統計課", "課", "市長", "999", "2025/04/01"],
    ["340", "広報課", "課", "", "100", "令和7年4月1日"],
]
GOOD_UNITS = [
    UNIT_HEADER,
    ["300", "情報政策局", "局", "市長", "", "2025-04-01"],
    ["310", "情報政策課", "課", "市長", "300", "2025-04-01"],
    ["320", "デジタル推進課", "課", "市長", "300", "2025-04-01"],
    ["330", "統計課", "課", "市長", "300", "2025/04/01"],
    ["340", "広報課", "課", "", "100", "令和7年4月1日"],
]
BAD_ROW_ERRORS = [
    "3行目: 種別「係長」は使えません（局・室・区・部・課・公所・その他）。",
    "4行目: 設置日「2025-13-01」は日付として読めません。",
    "5行目: 上位組織コード「999」が見つかりません。",
]


def csv_bytes(rows, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.create_sheet("ignored").append(["ignored"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_for(rows, fmt: str) -> tuple[str, bytes]:
    return (f"units.{fmt}", csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows))


def upload(client, kind: str, name: str, data: bytes):
    handle = io.BytesIO(data)
    handle.name = name
    return client.post(URL, {"kind": kind, "file": handle})


def stored_files() -> set:
    folder = settings.DATA_DIR / "imports"
    return set(folder.iterdir()) if folder.exists() else set()


@pytest.fixture
def admin_client(client_for):
    return client_for("admin")


# ---- the acceptance point -----------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_three_bad_rows_are_refused_with_row_numbers_then_the_corrected_file_imports(admin_client, town, fmt):
    units_before, history_before = OrgUnit.objects.count(), OrgUnit.history.count()
    files_before = stored_files()

    response = upload(admin_client, "units", *file_for(BAD_UNITS, fmt))

    assert response.status_code == 200
    result = response.context["result"]
    assert [str(error) for error in result.errors] == BAD_ROW_ERRORS
    assert result.rows_parsed == 5 and result.error_rows == 3
    assert [row.state for row in result.preview] == ["ok", "error", "error", "error", "ok"]
    html = response.content.decode()
    for message in BAD_ROW_ERRORS:
        assert message in html
    assert html.count('data-state="error"') == 3
    assert 'id="row-3" data-state="error"' in html
    assert "取り込む</button>" not in html
    assert response.context["token"] is None
    assert OrgUnit.objects.count() == units_before and OrgUnit.history.count() == history_before
    assert stored_files() == files_before

    response = upload(admin_client, "units", *file_for(GOOD_UNITS, fmt))
    assert response.status_code == 200
    assert response.context["result"].ok
    assert "取り込む</button>" in response.content.decode()
    assert OrgUnit.objects.count() == units_before  # the dry run writes nothing

    response = admin_client.post(COMMIT_URL, {"token": response.context["token"]}, follow=True)

    assert response.redirect_chain[-1][0] == URL
    assert "組織 5 件を取り込みました。" in response.content.decode()
    assert OrgUnit.objects.count() == units_before + 5
    bureau = OrgUnit.objects.get(code="300")
    assert bureau.parent is None and bureau.kind == "bureau" and bureau.organ == town.mayor
    stats = OrgUnit.objects.get(code="330")
    assert stats.parent == bureau and stats.valid_from == date(2025, 4, 1)
    pr = OrgUnit.objects.get(code="340")
    assert pr.parent == town.general_affairs and pr.organ == town.mayor  # organ from the parent
    assert stored_files() == files_before  # the uploaded bytes are gone after the commit


def test_imported_units_keep_history_by_the_admin(admin_client, town):
    response = upload(admin_client, "units", *file_for(GOOD_UNITS, "csv"))
    admin_client.post(COMMIT_URL, {"token": response.context["token"]})
    for unit in OrgUnit.objects.filter(code__in=["300", "310", "320", "330", "340"]):
        assert unit.history.count() >= 1
        assert unit.history.earliest().history_user == town.user("admin")
        assert unit.history.earliest().history_change_reason == "新設"


# ---- encodings and file types --------------------------------------------------------------

def test_shift_jis_csv_imports(admin_client, town):
    data = csv_bytes(GOOD_UNITS, encoding="cp932")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    response = upload(admin_client, "units", "組織.csv", data)
    assert response.context["result"].ok
    assert response.context["result"].preview[1].values[1] == "情報政策課"
    admin_client.post(COMMIT_URL, {"token": response.context["token"]})
    assert OrgUnit.objects.get(code="320").name == "デジタル推進課"


def test_utf8_csv_with_bom_reads_the_first_header(town):
    data = csv_bytes(GOOD_UNITS, encoding="utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")
    result = import_commit(actor=town.user("admin"), kind="units", filename="units.csv", data=data)
    assert result.committed, [str(e) for e in result.errors]
    assert OrgUnit.objects.filter(code="300").exists()


def test_columns_in_any_order_and_full_width_codes(town):
    rows = [["設置日", "上位組織コード", "名称", "種別", "組織コード", "実施機関"],
            ["２０２５年４月１日", "１００", "文書課", "課", "１２０", "mayor"]]
    result = import_commit(actor=town.user("admin"), kind="units", filename="u.csv", data=csv_bytes(rows))
    assert result.committed, [str(e) for e in result.errors]
    unit = OrgUnit.objects.get(code="120")
    assert (unit.name, unit.parent, unit.valid_from) == ("文書課", town.general_affairs, date(2025, 4, 1))


@pytest.mark.parametrize(("name", "data", "message"), [
    ("units.csv", b"", "ファイルが空です。"),
    ("units.csv", b"\r\n,,\r\n", "ファイルが空です。"),
    ("units.csv", "組織コード,名称,種別,設置日\r\n".encode(), "データの行がありません"),
    ("units.pdf", b"%PDF-1.4", "CSV（.csv）または Excel（.xlsx）のファイルを選んでください。"),
    ("units.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "古い Excel 形式（.xls）は読めません"),
    ("units.xlsx", b"PK\x03\x04 this is not really a zip", "Excel ファイル（.xlsx）として読めません"),
    ("units.xlsx", b"just text", "Excel ファイル（.xlsx）として読めません"),
    ("units.csv", b"\x8a\xc7\x97\x9d\x81\x20", "文字コードを判別できません"),
])
def test_unreadable_files_are_refused(town, name, data, message):
    result = import_check(kind="units", filename=name, data=data)
    assert not result.ok
    assert message in str(result.errors[0])
    assert result.preview == []


def test_unreadable_upload_is_shown_as_a_form_error(admin_client):
    response = upload(admin_client, "units", "units.pdf", b"%PDF-1.4")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["CSV（.csv）または Excel（.xlsx）のファイルを選んでください。"]
    assert 'aria-invalid="true"' in response.content.decode()


def test_missing_kind_and_file_are_form_errors(admin_client):
    response = admin_client.post(URL, {})
    assert set(response.context["form"].errors) == {"kind", "file"}
    assert "ファイルを選んでください。" in response.content.decode()


def test_too_many_rows_are_refused(town, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    rows = [UNIT_HEADER] + [[f"5{i}", f"課{i}", "課", "市長", "", "2025-04-01"] for i in range(4)]
    result = import_check(kind="units", filename="u.csv", data=csv_bytes(rows))
    assert [str(e) for e in result.errors] == ["行が多すぎます（3行まで）。ファイルを分けて取り込んでください。"]


def test_row_limit_is_twenty_thousand():
    assert importing.MAX_ROWS == 20_000


def test_header_problems_are_reported_on_row_one(town):
    rows = [["組織コード", "名称", "名称", "係", "設置日"], ["1", "a", "a", "x", "2025-04-01"]]
    errors = [str(e) for e in import_check(kind="units", filename="u.csv", data=csv_bytes(rows)).errors]
    assert any(e.startswith("1行目: 列「係」は組織の取込では使えません（使える列: 組織コード・名称・") for e in errors)
    assert "1行目: 列「名称」が2つあります。" in errors
    assert "1行目: 必須の列「種別」がありません。" in errors


def test_xlsx_row_numbers_count_blank_rows_and_dates_cells(town):
    rows = [UNIT_HEADER, [], ["300", "情報政策局", "局", "市長", None, date(2025, 4, 1)],
            ["310", "情報政策課", "係長", "市長", 300, date(2025, 4, 1)]]
    result = import_check(kind="units", filename="u.xlsx", data=xlsx_bytes(rows))
    assert [str(e) for e in result.errors] == [
        "4行目: 種別「係長」は使えません（局・室・区・部・課・公所・その他）。"]
    assert [row.line for row in result.preview] == [3, 4]
    assert result.preview[0].values[5] == "2025-04-01"


# ---- units: references to earlier rows and the database ------------------------------------

def test_unit_rows_refer_to_parents_in_earlier_rows_only(town):
    rows = [UNIT_HEADER,
            ["410", "子の課", "課", "市長", "400", "2025-04-01"],
            ["400", "親の局", "局", "市長", "", "2025-04-01"],
            ["420", "重複", "課", "市長", "400", "2025-04-01"],
            ["420", "重複2", "課", "市長", "400", "2025-04-01"],
            ["211", "既存コード", "課", "市長", "400", "2025-04-01"],
            ["430", "早すぎる課", "課", "市長", "400", "2024-04-01"],
            ["440", "他機関の課", "課", "教育委員会", "400", "2025-04-01"],
            ["450", "実施機関なし", "局", "", "", "2025-04-01"],
            ["460", "不明な機関", "局", "議会", "", "2025-04-01"]]
    errors = [str(e) for e in import_check(kind="units", filename="u.csv", data=csv_bytes(rows)).errors]
    assert errors == [
        "2行目: 上位組織コード「400」は3行目にあります。上位の組織は先の行に書いてください。",
        "5行目: 組織コード「420」は4行目と重複しています。",
        "6行目: 組織コード「211」は同じ期間の組織がすでに登録されています。",
        "7行目: 上位組織「親の局」は設置日 2024-04-01 にはまだ設置されていません。",
        "8行目: 上位組織は同じ実施機関（教育委員会）の組織にしてください。",
        "9行目: 最上位の組織には実施機関を入力してください。",
        "10行目: 実施機関「議会」が見つかりません（市長・教育委員会）。",
    ]


def test_unit_parent_must_exist_on_the_start_date(town):
    rows = [UNIT_HEADER, ["500", "古い課", "課", "市長", "100", "2019-04-01"]]
    errors = [str(e) for e in import_check(kind="units", filename="u.csv", data=csv_bytes(rows)).errors]
    assert errors == ["2行目: 上位組織コード「100」の組織は設置日 2019-04-01 に存在しません。"]


def test_commit_revalidates_against_what_changed_since_the_dry_run(admin_client, town):
    response = upload(admin_client, "units", *file_for(GOOD_UNITS, "csv"))
    token = response.context["token"]
    services.unit_create(actor=town.user("admin"), organ=town.mayor, code="320", name="先に作った課",
                         kind="section", valid_from=date(2025, 1, 1))
    response = admin_client.post(COMMIT_URL, {"token": token})
    assert response.status_code == 200
    assert [str(e) for e in response.context["result"].errors] == [
        "4行目: 組織コード「320」は同じ期間の組織がすでに登録されています。"]
    assert not OrgUnit.objects.filter(code="300").exists()


def test_a_service_error_rolls_back_every_row_and_names_the_row(town, monkeypatch):
    real_create = services.unit_create

    def failing_create(**kwargs):
        if kwargs["code"] == "330":
            raise ValidationError({"name": "この名称は使えません。"})
        return real_create(**kwargs)

    monkeypatch.setattr(services, "unit_create", failing_create)
    before = OrgUnit.objects.count(), OrgUnit.history.count()
    result = import_commit(actor=town.user("admin"), kind="units", filename="u.csv", data=csv_bytes(GOOD_UNITS))
    assert not result.committed and result.created == {}
    assert [str(e) for e in result.errors] == ["5行目: この名称は使えません。"]
    assert result.preview[3].state == "error"
    assert (OrgUnit.objects.count(), OrgUnit.history.count()) == before


# ---- people ---------------------------------------------------------------------------------

PEOPLE_HEADER = ["職員番号", "氏名", "氏名カナ", "メールアドレス", "区分", "所属事業者", "ログインID"]


def test_people_import_with_logins_and_contractors(town):
    rows = [PEOPLE_HEADER,
            ["E1001", "山田 花子", "ヤマダ ハナコ", "yamada@example.lg.jp", "職員", "", "yamada.h"],
            ["E1002", "佐藤 一", "", "", "", "", ""],
            ["K0001", "委託 太郎", "", "", "受託者の従事者", "株式会社みなと", "itaku"]]
    result = import_commit(actor=town.user("admin"), kind="people", filename="p.csv", data=csv_bytes(rows))
    assert result.committed, [str(e) for e in result.errors]
    assert result.created == {"people": 3, "logins": 2}
    assert result.summary() == "職員 3 件、ログインID 2 件を取り込みました。"
    yamada = Person.objects.get(employee_no="E1001")
    assert yamada.user.username == "yamada.h" and not yamada.user.has_usable_password()
    assert Person.objects.get(employee_no="E1002").kind == Person.Kind.STAFF
    assert Person.objects.get(employee_no="K0001").company == "株式会社みなと"
    assert yamada.history.earliest().history_user == town.user("admin")


def test_people_errors(town):
    rows = [PEOPLE_HEADER,
            ["E0001", "既存 番号", "", "", "", "", ""],
            ["E2001", "重複 一", "", "", "", "", "dup"],
            ["E2001", "重複 二", "", "", "", "", "dup"],
            ["E2002", "委託 花子", "", "not-an-email", "受託者の従事者", "", ""],
            ["E2003", "区分 不明", "", "", "嘱託", "", "admin"],
            ["E2004", "", "", "", "", "", "bad id!"]]
    errors = [str(e) for e in import_check(kind="people", filename="p.csv", data=csv_bytes(rows)).errors]
    assert errors == [
        "2行目: 職員番号「E0001」はすでに登録されています。",
        "4行目: 職員番号「E2001」は3行目と重複しています。",
        "4行目: ログインID「dup」は3行目と重複しています。",
        "5行目: 受託者の従事者は所属事業者を入力してください。",
        "5行目: メールアドレス「not-an-email」の形式が正しくありません。",
        "6行目: 区分「嘱託」は使えません（職員・受託者の従事者）。",
        "6行目: ログインID「admin」はすでに使われています。",
        "7行目: 氏名を入力してください。",
        "7行目: ログインID「bad id!」は使えません（文字・数字と @ . + - _ だけで150文字以内）。",
    ]


def test_people_import_through_the_page(admin_client, town):
    rows = [PEOPLE_HEADER, ["E3001", "鈴木 次郎", "スズキ ジロウ", "", "職員", "", ""]]
    response = upload(admin_client, "people", "people.xlsx", xlsx_bytes(rows))
    response = admin_client.post(COMMIT_URL, {"token": response.context["token"]}, follow=True)
    assert "職員 1 件を取り込みました。" in response.content.decode()
    assert Person.objects.filter(employee_no="E3001", name_kana="スズキ ジロウ").exists()


# ---- assignments ----------------------------------------------------------------------------

ASSIGNMENT_HEADER = ["職員番号", "組織コード", "役割", "職名", "開始日", "終了日"]


def test_assignments_import_with_labels_codes_and_end_dates(town):
    new_person = services.person_create(actor=town.user("admin"), employee_no="E5001", name="新任 職員")
    rows = [ASSIGNMENT_HEADER,
            ["E5001", "211", "保護担当者・職員", "主事", "2025-04-01", ""],
            ["E5001", "", "auditor", "", "R7.4.1", "2026-03-31"],
            ["E0006", "212", "保護担当者・職員", "主任", "2025/04/01", ""]]
    result = import_commit(actor=town.user("admin"), kind="assignments", filename="a.csv", data=csv_bytes(rows))
    assert result.committed, [str(e) for e in result.errors]
    assert result.created == {"assignments": 3}
    staff = Assignment.objects.get(person=new_person, role=Role.STAFF)
    assert (staff.unit, staff.title, staff.start, staff.end) == (town.citizens, "主事", date(2025, 4, 1), None)
    audit = Assignment.objects.get(person=new_person, role=Role.AUDITOR)
    assert audit.unit is None and audit.end == date(2026, 3, 31)
    assert Assignment.objects.filter(person=town.people["staff"], unit=town.pension).exists()
    events = PersonnelEvent.objects.filter(person=new_person)
    assert {e.kind for e in events} == {"start", "end"}
    assert all(e.batch == "一括取込（a.csv）" and e.recorded_by == town.user("admin") for e in events)


def test_assignment_errors(town):
    rows = [ASSIGNMENT_HEADER,
            ["E9999", "211", "保護担当者・職員", "", "2025-04-01", ""],
            ["E0006", "", "保護責任者", "", "2025-04-01", ""],
            ["E0006", "777", "保護担当者・職員", "", "2025-04-01", ""],
            ["E0006", "211", "係員", "", "2025-04-01", ""],
            ["E0006", "211", "保護担当者・職員", "", "2025-04-01", ""],
            ["E0006", "212", "保護担当者・職員", "", "2025-04-01", "2025-03-31"],
            ["E0006", "212", "保護担当者・職員", "", "2019-04-01", ""],
            ["E0006", "110", "staff", "", "2025-04-01", ""],
            ["E0006", "110", "staff", "", "2025-05-01", ""]]
    errors = [str(e) for e in import_check(kind="assignments", filename="a.csv", data=csv_bytes(rows)).errors]
    assert errors == [
        "2行目: 職員番号「E9999」の職員が見つかりません。先に職員を取り込んでください。",
        "3行目: 役割「保護責任者」には組織コードが必要です。",
        "4行目: 組織コード「777」が見つかりません。",
        "5行目: 役割「係員」は使えません（システム管理者・総括保護管理者・事務局・保護管理者・保護責任者・"
        "保護担当者・職員・監査責任者・監査担当・受託者・指定管理者）。",
        "6行目: 担当 四郎さんには開始日 2025-04-01 に同じ組織・役割の配属があります（登録済みの配属）。",
        "7行目: 終了日は開始日以降の日付にしてください。",
        "8行目: 組織コード「212」の組織は開始日 2019-04-01 に存在しません。",
        "10行目: 担当 四郎さんには開始日 2025-05-01 に同じ組織・役割の配属があります（9行目の配属）。",
    ]


# ---- who may import ------------------------------------------------------------------------

def test_only_the_admin_may_import(client_for):
    forbidden = {role: 403 for role in ("chief", "manager", "officer", "staff", "auditor", "contractor",
                                        "outsider")}
    assert_statuses(client_for, "get", URL, {"admin": 200, **forbidden})
    assert_statuses(client_for, "post", URL, {"admin": 200, **forbidden}, data={"kind": "units"})
    assert_statuses(client_for, "post", COMMIT_URL, {"admin": 302, **forbidden}, data={"token": "x"})
    assert_statuses(client_for, "get", URL + "template/units.csv", {"admin": 200, **forbidden})


def test_anonymous_users_are_sent_to_login(client, town):
    for method, url in (("get", URL), ("post", COMMIT_URL), ("get", URL + "template/units.xlsx")):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_a_non_admin_upload_writes_nothing(client_for, town):
    client = client_for("chief")
    files_before = stored_files()
    response = upload(client, "units", *file_for(GOOD_UNITS, "csv"))
    assert response.status_code == 403
    assert stored_files() == files_before


# ---- the stored file between dry run and commit --------------------------------------------

@pytest.mark.parametrize("token", [
    "../../secret_key", "../hogokan.sqlite3", "0" * 32 + ".exe", "ABCDEF" + "0" * 26 + ".csv", "", "0" * 32 + ".csv",
])
def test_a_tampered_or_unknown_token_is_refused_cleanly(admin_client, town, token):
    upload(admin_client, "units", *file_for(GOOD_UNITS, "csv"))
    units_before = OrgUnit.objects.count()
    response = admin_client.post(COMMIT_URL, {"token": token}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "取り込むファイルが見つかりません。" in response.content.decode()
    assert OrgUnit.objects.count() == units_before


def test_a_token_from_another_session_is_refused(admin_client, client, town):
    response = upload(admin_client, "units", *file_for(GOOD_UNITS, "csv"))
    token = response.context["token"]
    admin_client.logout()
    from tests.conftest import login

    login(client, town.user("admin"))
    response = client.post(COMMIT_URL, {"token": token})
    assert response.status_code == 302
    assert not OrgUnit.objects.filter(code="300").exists()


def test_a_token_is_used_once_and_an_expired_file_is_refused(admin_client, town):
    response = upload(admin_client, "units", *file_for(GOOD_UNITS, "csv"))
    token = response.context["token"]
    assert (settings.DATA_DIR / "imports" / token).exists()
    (settings.DATA_DIR / "imports" / token).unlink()
    response = admin_client.post(COMMIT_URL, {"token": token}, follow=True)
    assert "保存期間が過ぎました" in response.content.decode()
    assert not OrgUnit.objects.filter(code="300").exists()

    response = upload(admin_client, "units", *file_for(GOOD_UNITS, "csv"))
    token = response.context["token"]
    admin_client.post(COMMIT_URL, {"token": token})
    assert OrgUnit.objects.filter(code="300").count() == 1
    response = admin_client.post(COMMIT_URL, {"token": token}, follow=True)
    assert "取り込むファイルが見つかりません。" in response.content.decode()


# ---- template downloads --------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["units", "people", "assignments"])
def test_csv_templates_open_with_their_headers(admin_client, kind):
    response = admin_client.get(f"{URL}template/{kind}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, example = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == importing.KINDS[kind].column_names
    assert len(example) == len(header)


@pytest.mark.parametrize("kind", ["units", "people", "assignments"])
def test_xlsx_templates_open_with_their_headers(admin_client, kind):
    response = admin_client.get(f"{URL}template/{kind}.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == importing.KINDS[kind].column_names
    assert len(rows) == 2


@pytest.mark.parametrize(("kind", "fmt"), [("units", "csv"), ("people", "xlsx")])
def test_templates_pass_their_own_dry_run(admin_client, town, kind, fmt):
    data = admin_client.get(f"{URL}template/{kind}.{fmt}").content
    result = import_check(kind=kind, filename=f"t.{fmt}", data=data)
    assert result.ok, [str(e) for e in result.errors]


def test_unknown_template_is_404(admin_client):
    assert admin_client.get(f"{URL}template/secrets.csv").status_code == 404


def test_start_page_lists_kinds_and_template_links(admin_client):
    html = admin_client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert f'href="{URL}template/assignments.xlsx"' in html
    assert "※必須" in html


def test_users_are_not_created_when_the_commit_fails(town, monkeypatch):
    real_create = services.person_create

    def failing_create(**kwargs):
        if kwargs["employee_no"] == "E6002":
            raise ValidationError("登録できません。")
        return real_create(**kwargs)

    monkeypatch.setattr(services, "person_create", failing_create)
    rows = [PEOPLE_HEADER, ["E6001", "一 郎", "", "", "", "", "ichiro"], ["E6002", "二 郎", "", "", "", "", ""]]
    result = import_commit(actor=town.user("admin"), kind="people", filename="p.csv", data=csv_bytes(rows))
    assert [str(e) for e in result.errors] == ["3行目: 登録できません。"]
    assert not get_user_model().objects.filter(username="ichiro").exists()
    assert not Person.objects.filter(employee_no="E6001").exists()


def test_a_new_upload_replaces_the_file_waiting_for_commit(admin_client, town):
    first = upload(admin_client, "units", *file_for(GOOD_UNITS, "csv")).context["token"]
    assert (settings.DATA_DIR / "imports" / first).read_bytes() == csv_bytes(GOOD_UNITS)
    second = upload(admin_client, "units", *file_for(GOOD_UNITS, "xlsx")).context["token"]
    assert second.endswith(".xlsx")
    assert not (settings.DATA_DIR / "imports" / first).exists()
    assert admin_client.post(COMMIT_URL, {"token": first}).status_code == 302
    assert not OrgUnit.objects.filter(code="300").exists()


def test_large_files_preview_the_first_hundred_rows_and_list_every_error(admin_client, town):
    rows = [UNIT_HEADER] + [[f"7{i:03d}", f"課{i}", "係", "市長", "", "2025-04-01"] for i in range(250)]
    response = upload(admin_client, "units", "big.csv", csv_bytes(rows))
    result = response.context["result"]
    assert result.rows_parsed == 250 and len(result.errors) == 250
    assert len(result.preview) == 100 and result.preview[-1].line == 101
    html = response.content.decode()
    assert "（先頭 100 行）" in html and "ほか 50 件" in html
    assert '<a href="#row-101">' in html and "<li>102行目: 種別「係」は使えません" in html
