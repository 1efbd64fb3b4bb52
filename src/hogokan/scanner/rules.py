"""What counts as personal information in a file: the categories, their patterns, check digits and masks.

Pure functions and data, no Django and no I/O. Every pattern works on UTF-8 bytes (extractors hand
the matcher UTF-8), so full-width digits are their three-byte sequences. A pattern is an ``exact``
Python regex (with lookarounds for "not part of a longer number") and, for the multi-pattern engine,
the same ``body`` without lookarounds (matcher.py explains why both give the same result).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

from stdnum.jp import cn as corporate_number_check
from stdnum.jp import in_ as individual_number_check

CATEGORIES = ("my_number", "corporate_number", "email", "phone", "postal_code", "address", "birth_date",
              "person_name", "bank_account")

CATEGORY_LABELS = {
    "my_number": "個人番号（マイナンバー）",
    "corporate_number": "法人番号",
    "email": "メールアドレス",
    "phone": "電話番号",
    "postal_code": "郵便番号",
    "address": "住所",
    "birth_date": "生年月日",
    "person_name": "氏名",
    "bank_account": "口座番号",
}


def _u(text: str) -> bytes:
    """A literal in a bytes pattern (Japanese text as its UTF-8 bytes, regex-escaped)."""
    return re.escape(text.encode("utf-8"))


def _alt(*texts: str) -> bytes:
    return b"(?:" + b"|".join(_u(text) for text in texts) + b")"


# Building blocks (UTF-8 bytes). Full-width ０-９ is U+FF10–FF19 = EF BC 90–99.
D = rb"(?:[0-9]|\xef\xbc[\x90-\x99])"
HYPHEN = rb"(?:-|\xef\xbc\x8d|\xe2\x80\x90|\xe2\x80\x91|\xe2\x80\x93|\xe2\x88\x92|\xe3\x83\xbc)"  # - － ‐ ‑ – − ー
SPACE = rb"(?: |\xe3\x80\x80)"  # half- and full-width space
SEP = rb"(?:" + HYPHEN[3:-1] + rb"| |\xe3\x80\x80)"
COLON = rb"(?::|\xef\xbc\x9a| |\xe3\x80\x80|\t)"  # ： and blanks between a label and its value
KANJI = rb"(?:[\xe4-\xe9][\x80-\xbf][\x80-\xbf])"  # U+4000–U+9FFF (CJK unified ideographs)
KANA = rb"(?:\xe3[\x81-\x83][\x80-\xbf])"  # hiragana and katakana
# "Not part of a longer run of digits": no digit (or digit and hyphen/point) right before or after.
NOT_AFTER_DIGIT = (rb"(?<![0-9])(?<!\xef\xbc[\x90-\x99])(?<![0-9][-.])(?<![0-9]\xef\xbc\x8d)"
                   rb"(?<!\xef\xbc[\x90-\x99]\xef\xbc\x8d)(?<!\xef\xbc[\x90-\x99]-)")
NOT_BEFORE_DIGIT = rb"(?![0-9]|\xef\xbc[\x90-\x99]|[-.](?:[0-9]|\xef\xbc[\x90-\x99])|\xef\xbc\x8d(?:[0-9]|\xef\xbc[\x90-\x99]))"

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県",
    "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
    "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県")


def surnames() -> tuple[str, ...]:
    """The packaged list of common Japanese surnames (data/surnames.txt, two characters or more)."""
    text = resources.files("hogokan.scanner").joinpath("data/surnames.txt").read_text(encoding="utf-8")
    return tuple(sorted({line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")},
                        key=lambda name: (-len(name), name)))


@dataclass(frozen=True)
class Pattern:
    """One way a category shows up. ``needs_context``: counts only with a context word nearby or in the
    header of a table (a bare 7-digit number is a 口座番号 only under a 口座番号 column); ``labelled``: the
    match itself holds its context word."""

    category: str
    body: bytes
    before: bytes = b""
    after: bytes = b""
    tail: bytes = b""  # matched by the exact regex only, after ``body`` (keeps the fast engine on literals)
    needs_context: bool = False
    labelled: bool = False  # the context word is part of the match (〒…, 生年月日…, …様)

    @property
    def exact(self) -> bytes:
        return self.before + b"(?:" + self.body + b")" + self.tail + self.after


def _date_bodies() -> tuple[bytes, bytes]:
    era = _alt("明治", "大正", "昭和", "平成", "令和")
    seireki = D + rb"{4}(?:" + _u("年") + rb"|/|\.|" + HYPHEN[3:-1] + rb")" + D + rb"{1,2}(?:" + _u("月") + \
        rb"|/|\.|" + HYPHEN[3:-1] + rb")" + D + rb"{1,2}(?:" + _u("日") + rb")?"
    wareki = (rb"(?:" + era + SPACE + rb"?(?:" + D + rb"{1,2}|" + _u("元") + rb")" + _u("年") + SPACE + rb"?" + D +
              rb"{1,2}" + _u("月") + SPACE + rb"?" + D + rb"{1,2}" + _u("日") + rb"|[MTSHRmtshr]" + D +
              rb"{1,2}[./]" + D + rb"{1,2}[./]" + D + rb"{1,2})")
    return seireki, wareki


def _patterns() -> tuple[Pattern, ...]:
    seireki, wareki = _date_bodies()
    any_date = rb"(?:" + seireki + rb"|" + wareki + rb")"
    names = b"(?:" + b"|".join(_u(name) for name in surnames()) + b")"
    local = rb"[A-Za-z0-9._%+\-]{1,64}"
    domain = rb"[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,6}\.[A-Za-z]{2,24}"
    city = KANJI + rb"{1,6}" + _alt("市", "区", "町", "村", "郡")
    place = rb"(?:" + KANJI + rb"|" + KANA + rb"|" + D + rb"){0,12}"
    block = D + rb"{1,4}(?:(?:" + _alt("丁目", "番地", "番") + rb"|" + HYPHEN + rb")" + D + rb"{1,4}){1,3}" + _alt("号") + b"?"
    honorific = _alt("様", "殿")
    return (
        Pattern("my_number", D + rb"{12}", NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT),
        Pattern("my_number", D + rb"{4}" + SEP + D + rb"{4}" + SEP + D + rb"{4}", NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT),
        Pattern("corporate_number", D + rb"{13}", NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT),
        Pattern("email", local + rb"@" + domain, rb"(?<![A-Za-z0-9._%+\-])", rb"(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"),
        Pattern("phone", rb"(?:0|\xef\xbc\x90)" + D + rb"{0,4}" + SEP + D + rb"{1,4}" + SEP + D + rb"{3,4}",
                NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT),
        Pattern("phone", rb"(?:0|\xef\xbc\x90)" + D + rb"{1,4}(?:\(|\xef\xbc\x88)" + D + rb"{1,4}(?:\)|\xef\xbc\x89)" +
                D + rb"{4}", NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT),
        Pattern("phone", rb"(?:\(|\xef\xbc\x88)(?:0|\xef\xbc\x90)" + D + rb"{1,4}(?:\)|\xef\xbc\x89)" + SPACE + rb"?" +
                D + rb"{1,4}" + SEP + rb"?" + D + rb"{4}", b"", NOT_BEFORE_DIGIT),
        Pattern("phone", rb"(?:0|\xef\xbc\x90)" + D + rb"{9,10}", NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT),
        Pattern("postal_code", _u("〒") + SPACE + rb"?" + D + rb"{3}" + HYPHEN + rb"?" + D + rb"{4}", b"", NOT_BEFORE_DIGIT, labelled=True),
        Pattern("postal_code", _u("郵便番号") + COLON + rb"{0,3}" + D + rb"{3}" + HYPHEN + rb"?" + D + rb"{4}", b"",
                NOT_BEFORE_DIGIT, labelled=True),
        Pattern("postal_code", D + rb"{3}" + HYPHEN + D + rb"{4}", NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT, needs_context=True),
        Pattern("address", rb"(?:" + _alt(*PREFECTURES) + rb")?" + city + place + block, b"", NOT_BEFORE_DIGIT),
        Pattern("birth_date", _alt("生年月日", "誕生日") + COLON + rb"{0,3}" + any_date, b"", NOT_BEFORE_DIGIT, labelled=True),
        Pattern("birth_date", any_date, NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT, needs_context=True),
        Pattern("person_name", names, tail=SPACE + rb"?" + KANJI + rb"{0,3}" + SPACE + rb"?" + honorific, labelled=True),
        Pattern("person_name", _alt("氏名", "お名前", "名前", "受取人", "申請者") + COLON + rb"{0,3}" + names, labelled=True),
        Pattern("person_name", names, tail=SPACE + rb"?" + KANJI + rb"{1,3}", needs_context=True),
        Pattern("bank_account", _alt("口座番号") + COLON + rb"{0,3}" + D + rb"{7}", b"", NOT_BEFORE_DIGIT, labelled=True),
        Pattern("bank_account", D + rb"{7}", NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT, needs_context=True),
    )


# Context words: nearby (CONTEXT_BEFORE bytes before a finding) or in a table's header they raise confidence.
CONTEXT_WORDS = {
    "my_number": ("個人番号", "マイナンバー", "番号法"),
    "corporate_number": ("法人番号",),
    "email": ("メール", "mail", "Mail", "MAIL"),
    "phone": ("電話", "TEL", "Tel", "tel", "携帯", "連絡先", "FAX"),
    "postal_code": ("郵便番号", "〒"),
    "address": ("住所", "所在地"),
    "birth_date": ("生年月日", "誕生日"),
    "person_name": ("氏名", "名前", "様", "殿"),
    "bank_account": ("口座番号", "口座"),
}
CONTEXT_BEFORE = 256
HEADER_BYTES = 4096  # a table's first rows: the column headers


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def digits_of(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").translate(_FULL_WIDTH)
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())


def is_my_number(digits: str) -> bool:
    """番号法2⑤ / 番号規則: 12 digits, the last a check digit (python-stdnum ``jp.in_``)."""
    return len(digits) == 12 and individual_number_check.is_valid(digits)


def is_corporate_number(digits: str) -> bool:
    """法人番号: 13 digits, the first a check digit (python-stdnum ``jp.cn``)."""
    return len(digits) == 13 and corporate_number_check.is_valid(digits)


MOBILE_PREFIXES = ("050", "060", "070", "080", "090", "020")


def is_phone(digits: str) -> bool:
    """Japanese numbers: fixed lines 0 + 9 digits (area code not 0), mobile/IP/M2M 0X0 + 8 digits, 0800."""
    if not digits.startswith("0"):
        return False
    if len(digits) == 10:
        return digits[1] != "0"
    if len(digits) == 11:
        return digits[:3] in MOBILE_PREFIXES or digits.startswith("0800")
    return False


ERA_START = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019,
             "M": 1868, "T": 1912, "S": 1926, "H": 1989, "R": 2019}
_DATE_PARTS = re.compile(r"(明治|大正|昭和|平成|令和|[MTSHR])?\s*(\d{1,4}|元)\D+(\d{1,2})\D+(\d{1,2})")


def is_birth_date(raw: bytes, today: date | None = None) -> bool:
    """A real calendar date (西暦 or 和暦) between 1868 and today."""
    text = raw.decode("utf-8", "replace").translate(_FULL_WIDTH).replace("\u3000", " ").upper()
    for label in ("生年月日", "誕生日"):
        text = text.replace(label, "")
    match = _DATE_PARTS.search(text)
    if not match:
        return False
    era, year_text, month, day = match.groups()
    year = 1 if year_text == "元" else int(year_text)
    if era:
        if year > 64:
            return False
        year = ERA_START[era] + year - 1
    try:
        when = date(year, int(month), int(day))
    except ValueError:
        return False
    return date(1868, 1, 1) <= when <= (today or date.today())


def is_valid(category: str, raw: bytes) -> bool:
    """The check a candidate passes before it counts (check digits, digit counts, real dates)."""
    if category == "my_number":
        return is_my_number(digits_of(raw))
    if category == "corporate_number":
        return is_corporate_number(digits_of(raw))
    if category == "phone":
        return is_phone(digits_of(raw))
    if category == "birth_date":
        return is_birth_date(raw)
    return True


def mask(category: str, raw: bytes) -> str:
    """A sample that shows what was found without the value: ``1234-****-**12``, ``s***@example.jp``."""
    text = raw.decode("utf-8", "replace")
    digits = digits_of(raw)
    if category == "my_number":
        return f"{digits[:4]}-****-**{digits[-2:]}"
    if category == "corporate_number":
        return f"{digits[:1]}-****-****-**{digits[-2:]}"
    if category == "email":
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    if category == "phone":
        return f"{digits[:3]}-****-**{digits[-2:]}"
    if category == "postal_code":
        return f"〒{digits[:3]}-****"
    if category == "bank_account":
        return f"****{digits[-3:]}"
    if category == "person_name":
        stripped = text.replace("\u3000", " ").strip()
        for label in ("氏名", "お名前", "名前", "受取人", "申請者", ":", "：", " "):
            stripped = stripped.replace(label, "") if label not in (" ",) else stripped
        return stripped[:1] + "＊＊" + ("様" if stripped.endswith("様") else "殿" if stripped.endswith("殿") else "")
    # address, birth_date: the words stay, every digit becomes *
    return re.sub(r"[0-9０-９]", "*", text)


# --- tying findings to the registers ------------------------------------------------------------------

# The words of a register's 記録項目 / 取り扱う個人情報の項目 that cover a category (法74①四: the items
# recorded in a 個人情報ファイル); 法人番号 is no personal information of an individual.
REGISTER_WORDS = {
    "my_number": ("個人番号", "マイナンバー"),
    "email": ("メール", "電子メール", "連絡先"),
    "phone": ("電話", "連絡先"),
    "postal_code": ("郵便番号", "住所"),
    "address": ("住所", "居所", "所在地"),
    "birth_date": ("生年月日",),
    "person_name": ("氏名", "名前"),
    "bank_account": ("口座",),
}


def uncovered_categories(found: dict[str, int], register_items: list[str], *, has_specific: bool) -> list[str]:
    """The categories found in a unit's files that none of its ファイル簿 entries or 取扱事務 records.

    A My Number is covered by a 特定個人情報ファイル (番号法2⑨) or by an item naming 個人番号."""
    text = "\n".join(register_items)
    missing = []
    for category, words in REGISTER_WORDS.items():
        if not found.get(category):
            continue
        if category == "my_number" and has_specific:
            continue
        if not any(word in text for word in words):
            missing.append(category)
    return missing


def unit_for_location(location: str, rules_by_prefix: list[tuple[str, int, bool]]) -> tuple[int | None, bool]:
    """(unit id, My Number allowed) of the longest prefix that the file's location starts with."""
    best = None
    for prefix, unit_id, allowed in rules_by_prefix:
        if location.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, unit_id, allowed)
    return (best[1], best[2]) if best else (None, False)
