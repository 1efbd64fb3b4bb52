"""One test per extractor: the findings come out of every kind of file; broken and protected files get a status."""

import pytest

from hogokan.scanner.extract import detect_encoding, scan_bytes

from . import files
from .files import MY_NUMBER

ROWS = [("氏名", "個人番号", "電話", "メール"), ("佐藤 花子", MY_NUMBER, "090-1234-5678", "hanako@example.jp"),
        ("鈴木 一郎", int(MY_NUMBER), "03-1234-5678", "ichiro@example.jp")]


def test_xlsx_cells_including_numbers():
    result = scan_bytes("名簿.xlsx", files.xlsx_bytes(ROWS))
    assert result.status == "ok"
    assert result.findings.counts["my_number"] == 2 and result.findings.counts["phone"] == 2
    assert result.findings.counts["email"] == 2 and result.findings.counts["person_name"] == 2


def test_password_protected_xlsx_is_encrypted():
    result = scan_bytes("名簿.xlsx", files.encrypted_xlsx_bytes(ROWS))
    assert result.status == "encrypted" and "パスワード" in result.reason
    assert result.findings.total == 0


def test_docx_text_split_across_runs():
    result = scan_bytes("通知.docx", files.docx_bytes([f"個人番号 {MY_NUMBER}", "連絡先 03-1234-5678", "A&amp;B"]))
    assert result.status == "ok"
    assert result.findings.counts["my_number"] == 1 and result.findings.counts["phone"] == 1


def test_truncated_docx_is_unreadable_with_a_reason():
    data = files.docx_bytes([f"個人番号 {MY_NUMBER}"])
    result = scan_bytes("通知.docx", data[: len(data) // 2])
    assert result.status == "unreadable" and "壊れて" in result.reason


def test_pptx_slides():
    result = scan_bytes("説明.pptx", files.pptx_bytes(["問合せ suzuki@example.jp", "TEL 090-1234-5678"]))
    assert result.findings.counts["email"] == 1 and result.findings.counts["phone"] == 1


def test_pdf_text():
    result = scan_bytes("一覧.pdf", files.pdf_bytes(["contact: taro@example.jp", f"No. {MY_NUMBER}"]))
    assert result.status == "ok", result.reason
    assert result.findings.counts["email"] == 1 and result.findings.counts["my_number"] == 1


def test_broken_pdf_is_unreadable():
    assert scan_bytes("x.pdf", b"%PDF-1.4\n garbage").status == "unreadable"


def test_shift_jis_csv():
    data = f"氏名,個人番号,電話\n佐藤 花子,{MY_NUMBER},090-1234-5678\n".encode("cp932")
    assert detect_encoding(data) == "cp932"
    result = scan_bytes("list.csv", data)
    assert result.findings.counts["my_number"] == 1 and result.findings.counts["person_name"] == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_text_files(encoding):
    result = scan_bytes("memo.txt", f"個人番号 {MY_NUMBER}\n".encode(encoding))
    assert result.findings.counts["my_number"] == 1


def test_zip_recursively_with_its_members_kinds():
    inner = files.zip_bytes({"b.csv": f"個人番号\n{MY_NUMBER}\n".encode()})
    data = files.zip_bytes({"a/名簿.xlsx": files.xlsx_bytes(ROWS), "inner.zip": inner, "readme.txt": b"hello"})
    result = scan_bytes("archive.zip", data)
    assert result.status == "ok" and result.findings.counts["my_number"] == 3


def test_zip_bomb_is_refused_by_ratio():
    result = scan_bytes("bomb.zip", files.zip_bomb_bytes())
    assert result.status == "too_large" and "zip 爆弾" in result.reason


def test_zip_nesting_limit():
    data = files.zip_bytes({"x.txt": MY_NUMBER.encode()})
    for _ in range(5):
        data = files.zip_bytes({"nested.zip": data})
    assert scan_bytes("deep.zip", data).status == "too_large"


def test_encrypted_zip_member_marks_the_archive_encrypted():
    data = bytearray(files.zip_bytes({"secret.txt": b"x"}))
    # set the "encrypted" flag bit in the local and central headers (a real encrypted zip needs a tool)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 1
    assert scan_bytes("secret.zip", bytes(data)).status == "encrypted"


def test_eml_body_and_attachment():
    data = files.eml_bytes(f"個人番号 {MY_NUMBER}", ("list.csv", "電話\n090-1234-5678\n".encode()))
    result = scan_bytes("mail.eml", data)
    assert result.findings.counts["my_number"] == 1 and result.findings.counts["phone"] == 1
    assert result.findings.counts["email"] == 2  # From and To


def test_unknown_kind_is_unsupported():
    assert scan_bytes("photo.jpg", b"\xff\xd8\xff").status == "unsupported"
