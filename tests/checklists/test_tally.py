"""tally(): per item, counts per mark or option, 無回答 and shares (京都市: 単位：所属，％)."""

import pytest
from django.template.loader import render_to_string

from hogokan.checklists import api
from hogokan.checklists.models import AnswerSheet
from hogokan.core.exports import csv_bytes

from .conftest import answers


def sheet_with(template, town, data):
    sheet = api.sheet_create(template, actor=town.user("officer"), reason="テスト")
    form = api.sheet_form(sheet, answers(template, **data), partial=True)
    assert form.is_valid(), form.errors
    return api.sheet_save(sheet, form, actor=town.user("officer"))


def by_title(tables):
    return {table.title.split(" ", 1)[0]: list(table.rows) for table in tables}


def test_marks_are_counted_with_no_answer_and_total(town, onsite):
    for data in ({"3": "ok"}, {"3": "ok"}, {"3": "ng"}, {}):
        sheet_with(onsite, town, data)
    tables = api.tally(AnswerSheet.objects.filter(template=onsite), onsite)
    assert len(tables) == 8
    assert tables[0].header == ["回答", "所属数", "割合"] and "（単位：所属，％）" in tables[0].note
    assert by_title(tables)["3"] == [["適", 2, "50.0%"], ["否", 1, "25.0%"], ["無回答", 1, "25.0%"],
                                     ["合計", 4, "100.0%"]]
    assert by_title(tables)["4"] == [["適", 0, "0.0%"], ["否", 0, "0.0%"], ["無回答", 4, "100.0%"],
                                     ["合計", 4, "100.0%"]]


def test_multiple_choice_shares_are_of_the_sheets_it_applied_to(town, survey):
    sheet_with(survey, town, {"1": "1", "2": ["1", "2"], "3": "4"})
    sheet_with(survey, town, {"1": "1", "2": ["1"], "3": "0"})
    sheet_with(survey, town, {"1": "2"})
    tables = by_title(api.tally(AnswerSheet.objects.filter(template=survey), survey, unit="課"))
    assert tables["1"] == [["ある", 2, "66.7%"], ["ない", 1, "33.3%"], ["無回答", 0, "0.0%"], ["合計", 3, "100.0%"]]
    assert tables["2"] == [["郵送", 2, "100.0%"], ["電子メール", 1, "50.0%"], ["FAX", 0, "0.0%"],
                           ["回答のあった課", 2, "66.7%"], ["無回答", 1, "33.3%"]]
    assert tables["3"] == [["回答数", 2, ""], ["合計", 4, ""], ["平均", 2.0, ""], ["最小", 0, ""], ["最大", 4, ""],
                           ["無回答", 1, ""]]
    assert tables["4"] == [["記述あり", 0, "0.0%"], ["無回答", 3, "100.0%"], ["合計", 3, "100.0%"]]


def test_a_tally_of_no_sheets_divides_by_nothing(onsite):
    rows = by_title(api.tally(AnswerSheet.objects.none(), onsite))["3"]
    assert rows == [["適", 0, "—"], ["否", 0, "—"], ["無回答", 0, "—"], ["合計", 0, "—"]]


def test_sheets_of_another_version_are_refused(town, onsite, document):
    sheet_with(document, town, {"3": "ok"})
    with pytest.raises(ValueError, match="同じ様式"):
        api.tally(AnswerSheet.objects.all(), onsite)


def test_the_tables_download_as_csv(town, onsite):
    sheet_with(onsite, town, {"3": "ng"})
    table = api.tally(list(AnswerSheet.objects.all()), onsite)[0]
    text = csv_bytes(table).decode("utf-8-sig")
    assert text.splitlines()[:2] == ["回答,所属数,割合", "適,0,0.0%"]


# ---- the includes --------------------------------------------------------------------------------

def test_sheet_view_leaves_out_empty_columns(town, onsite):
    sheet = sheet_with(onsite, town, {"3": "ok"})
    html = render_to_string("checklists/includes/sheet_view.html", {"view": api.sheet_view(sheet)})
    assert '<th scope="col">分類</th>' in html and "備考" not in html and "添付資料" not in html
    assert "<th></th>" not in html and '<th scope="col"></th>' not in html
    assert "未回答" in html
    sheet = sheet_with(onsite, town, {"3": "ng", "3_remark": "鍵の管理簿がない"})
    html = render_to_string("checklists/includes/sheet_view.html", {"view": api.sheet_view(sheet)})
    assert '<th scope="col">備考</th>' in html and "鍵の管理簿がない" in html and "sheet-view__failing" in html


def test_sheet_form_groups_each_item_in_a_fieldset(town, onsite):
    sheet = api.sheet_create(onsite, actor=town.user("officer"), reason="テスト")
    form = api.sheet_form(sheet, {})
    form.is_valid()
    html = render_to_string("checklists/includes/sheet_form.html", {"form": form})
    first = onsite.items.get(number="3").pk
    assert html.count("<fieldset") == 8 and html.count("<legend>") == 8
    assert f'<fieldset id="id_a{first}" aria-describedby="id_a{first}_error">' in html
    assert f'id="id_a{first}_error"' in html and "＊項目3に回答してください。" in html
    assert f'href="#id_a{first}"' in html  # the error summary links to the group
    assert "maxlength" not in html
