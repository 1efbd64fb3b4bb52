"""Reading uploaded tables (issue 20 §5): the data ends at a long run of empty rows, and the rows are capped."""

import io

import openpyxl
import pytest
from openpyxl.styles import Font

from hogokan.core.tabular import EMPTY_RUN_END, ImportFileError, read_table


def test_a_long_run_of_empty_rows_ends_the_data_in_csv():
    text = "氏名,所属\n山田,市民課\n" + ",\n" * EMPTY_RUN_END + "取り残し,税務課\n"
    table = read_table("people.csv", text.encode("utf-8"), max_rows=100)
    assert table.header == ["氏名", "所属"]
    assert [cells for _line, cells in table.rows] == [["山田", "市民課"]]


def test_a_few_empty_rows_inside_the_data_are_skipped():
    text = "氏名\n山田\n\n\n佐藤\n"
    assert [line for line, _cells in read_table("p.csv", text.encode(), max_rows=10).rows] == [2, 5]


def test_formatted_empty_rows_of_a_workbook_are_not_walked_to_the_end():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["氏名"])
    sheet.append(["山田"])
    for row in range(3, EMPTY_RUN_END + 2000):  # formatted but empty, as Excel leaves them
        sheet.cell(row=row, column=1).font = Font(bold=True)
    sheet.cell(row=EMPTY_RUN_END + 2500, column=1, value="取り残し")
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table("people.xlsx", buffer.getvalue(), max_rows=100)
    assert [(line, cells[0]) for line, cells in table.rows] == [(2, "山田")]


def test_too_many_rows_are_refused_with_a_message():
    text = "氏名\n" + "山田\n" * 11
    with pytest.raises(ImportFileError, match="行が多すぎます（10行まで）"):
        read_table("p.csv", text.encode(), max_rows=10)
