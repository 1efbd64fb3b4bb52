"""Each category, true and false cases (番号法 check digits, digits inside longer numbers, full width)."""

from datetime import date

import pytest

from hogokan.scanner import rules
from hogokan.scanner.findings import scan_text

from .files import MY_NUMBER, WRONG_CHECK


def counts(text, **kwargs):
    return scan_text(text, **kwargs).as_counts()


@pytest.mark.parametrize(("text", "expected"), [
    (f"番号 {MY_NUMBER}", 1),
    ("１２３４５６７８９０１８", 1),  # full-width digits
    ("1234-5678-9018", 1),
    ("1234 5678 9018", 1),
    ("１２３４－５６７８－９０１８", 1),
    (f"番号 {WRONG_CHECK}", 0),  # a 12-digit number with a wrong check digit is never a My Number
    (f"1{MY_NUMBER}", 0),  # inside a longer run of digits
    (f"{MY_NUMBER}5", 0),
    (f"1234-{MY_NUMBER}", 0),
    ("1234-5678-9018-3456", 0),  # a card-like 16-digit group
    (f"{MY_NUMBER}.5", 0),
    (f"a{MY_NUMBER}b", 1),
])
def test_my_number(text, expected):
    assert counts(text)["my_number"] == expected


def test_my_number_check_digit_rule_is_stdnum():
    assert rules.is_my_number(MY_NUMBER) and not rules.is_my_number(WRONG_CHECK)
    assert not rules.is_my_number("12345678901")


@pytest.mark.parametrize(("text", "expected"), [("法人番号 5835678256246", 1), ("5835678256247", 0),
                                                ("15835678256246", 0)])
def test_corporate_number(text, expected):
    assert counts(text)["corporate_number"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("連絡は suzuki.taro@example.co.jp まで", 1), ("a@b", 0), ("x@example.jp, y@example.jp", 2),
    ("mail:＠example.jp", 0)])
def test_email(text, expected):
    assert counts(text)["email"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("03-1234-5678", 1), ("090-1234-5678", 1), ("０９０－１２３４－５６７８", 1), ("03(1234)5678", 1),
    ("(03)1234-5678", 1), ("0312345678", 1), ("09012345678", 1), ("0120-123-456", 1),
    ("2024-01-15", 0), ("12-3456-7890", 0), ("003-1234-5678", 0), ("03-1234-56789", 0), ("1234567890", 0),
    ("00312345678", 0)])
def test_phone(text, expected):
    assert counts(text)["phone"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("〒100-0001", 1), ("〒 1000001", 1), ("郵便番号：060-0001", 1), ("100-0001", 0)])
def test_postal_code_needs_its_mark_or_label(text, expected):
    assert counts(text)["postal_code"] == expected


def test_postal_code_in_a_table_under_its_header():
    assert counts("氏名\t郵便番号\n佐藤\t100-0001\n", tabular=True)["postal_code"] == 1
    assert counts("品番\t数量\n100-0001\t3\n", tabular=True)["postal_code"] == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("東京都千代田区千代田1丁目1番", 1), ("みなと緑市中央町2-3-4", 1), ("緑市本町3番地5", 1), ("会議は3時から", 0)])
def test_address(text, expected):
    assert counts(text)["address"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("生年月日：昭和45年1月2日", 1), ("生年月日 1970/01/02", 1), ("誕生日 平成元年4月1日", 1), ("生年月日 S45.1.2", 1),
    ("作成日 2024/01/02", 0), ("生年月日：昭和45年13月2日", 0), ("生年月日 2999/01/01", 0)])
def test_birth_date(text, expected):
    assert counts(text)["birth_date"] == expected


def test_birth_date_rule_reads_wareki():
    assert rules.is_birth_date("令和2年2月29日".encode(), today=date(2026, 1, 1))
    assert not rules.is_birth_date("令和3年2月29日".encode(), today=date(2026, 1, 1))


@pytest.mark.parametrize(("text", "expected"), [
    ("佐藤 花子 様", 1), ("鈴木様", 1), ("氏名：高橋 一郎", 1), ("田中殿", 1), ("佐藤商店の在庫", 0), ("皆様", 0)])
def test_person_name(text, expected):
    assert counts(text)["person_name"] == expected


@pytest.mark.parametrize(("text", "expected"), [("口座番号 1234567", 1), ("口座番号：１２３４５６７", 1),
                                                ("受付 1234567", 0), ("口座番号 12345678", 0)])
def test_bank_account(text, expected):
    assert counts(text)["bank_account"] == expected


def test_counts_with_and_without_context():
    from stdnum.jp import in_

    other = "98765432100" + in_.calc_check_digit("98765432100")
    found = scan_text(f"個人番号 {MY_NUMBER}\n" + "x" * 1000 + f"\n{other}\n")
    assert found.counts["my_number"] == 2 and found.in_context["my_number"] == 1
    table = scan_text(f"個人番号\n{MY_NUMBER}\n" + "x" * 1000 + f"\n{other}\n", tabular=True)
    assert table.in_context["my_number"] == 2  # the column header counts for the whole table


def test_samples_are_masked_never_raw():
    found = scan_text(f"個人番号 {MY_NUMBER} suzuki@example.jp 090-1234-5678 口座番号 1234567")
    assert found.samples["my_number"] == ["1234-****-**18"]
    assert found.samples["email"] == ["s***@example.jp"]
    text = repr(found.samples)
    for raw in (MY_NUMBER, "suzuki@", "1234-5678", "1234567"):
        assert raw not in text


def test_a_value_split_between_blocks_is_counted_once():
    from hogokan.scanner.findings import BUFFER, Findings, StreamScanner

    scanner = StreamScanner(Findings())
    filler = b"a" * (BUFFER - 6)
    scanner.feed(filler + MY_NUMBER[:6].encode())
    scanner.feed(MY_NUMBER[6:].encode() + b" " + b"b" * BUFFER + b" " + MY_NUMBER.encode())
    assert scanner.close().counts["my_number"] == 2
