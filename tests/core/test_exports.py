"""The one writer of every download (issue 20 §5): control characters, formulas, the layout of printed forms."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from hogokan.core.exports import Heading, Table, clean, csv_bytes, xlsx_bytes
from hogokan.org.models import Person


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+81-3-1234", "'+81-3-1234"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("＝1+1", "'＝1+1"),          # full-width, as an IME types it
    ("＋1", "'＋1"),
    ("－1", "'－1"),
    ("＠A1", "'＠A1"),
    ("\x0b=cmd", "'=cmd"),        # a control character does not hide a formula
    ("山田\x1b太郎", "山田太郎"),
    ("－", "－"),                 # an inspection mark alone is no formula
    ("改行\nあり", "改行\nあり"),
    (42, 42),
])
def test_clean_strips_control_characters_and_defuses_formulas(value, expected):
    assert clean(value) == expected


def test_xlsx_with_control_characters_opens_and_keeps_the_text():
    table = Table("t", "表", ["氏名", "備考"], [["山田\x0b太郎", "=1+1"], Heading("見出し\x1b"), ["－", None]])
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([table]))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("氏名", "備考")
    assert rows[1] == ("山田太郎", "'=1+1")
    assert rows[2][0] == "見出し" and sheet.cell(row=3, column=1).font.b
    assert rows[3][0] == "－"


def test_csv_has_a_bom_and_the_same_cleaning():
    body = csv_bytes(Table("t", "表", ["氏名"], [["＝A1"], ["佐藤\x1b花子"]]))
    assert body.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(body.decode("utf-8-sig")))) == [["氏名"], ["'＝A1"], ["佐藤花子"]]


def test_a_printed_form_keeps_its_title_boxes_and_landscape_page():
    table = Table("q", "点検表", ["番号", "項目", "4月"], [["①", "施錠", "○"]], titled=True,
                  preamble=[["課・公所名", "市民課"]], boxed=True, centered=[2], frozen_columns=2, landscape=True,
                  note="1 備考の一行目", notes_heading="備考")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([table]))).active
    assert sheet["A1"].value == "点検表" and sheet["A1"].font.sz == 14
    assert sheet["A3"].value == "番号" and sheet["A3"].border.left.style == "thin"
    assert sheet["C4"].alignment.horizontal == "center"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.freeze_panes == "C4"
    assert [sheet["A6"].value, sheet["A7"].value] == ["備考", "1 備考の一行目"]


def test_people_export_with_control_characters_in_a_name_answers(client_for, town):
    person = town.people["outsider"]
    Person.objects.filter(pk=person.pk).update(name="学務\x0b七郎\x1b", name_kana="=cmd|' /C calc'!A0")
    client = client_for("admin")
    responses = {kind: client.get(reverse("org:person_list"), {"q": "学務", "format": kind}) for kind in ("xlsx", "csv")}
    assert {kind: r.status_code for kind, r in responses.items()} == {"xlsx": 200, "csv": 200}
    assert all(r["Cache-Control"] == "private, no-store" for r in responses.values())
    sheet = openpyxl.load_workbook(io.BytesIO(responses["xlsx"].content)).active
    assert sheet.cell(row=2, column=2).value == "学務七郎"
    assert sheet.cell(row=2, column=3).value.startswith("'=")
