"""The multi-pattern engine (Hyperscan) and the fallback (Python re) find the same spans."""

import random

import pytest

from hogokan.scanner import matcher as matcher_module
from hogokan.scanner.findings import scan_text
from hogokan.scanner.matcher import Matcher

from .files import MY_NUMBER

pytestmark = pytest.mark.skipif(matcher_module.hyperscan is None, reason="no Hyperscan wheel here")

PIECES = [MY_NUMBER, "１２３４５６７８９０１８", "123456789012", "5835678256246", "suzuki.taro@example.co.jp", "a@b.jp",
          "03-1234-5678", "090-1234-5678", "(03)1234-5678", "0120-123-456", "〒100-0001", "郵便番号 0600001",
          "100-0001", "東京都千代田区千代田1丁目1番", "緑町2-3", "生年月日：昭和45年1月2日", "1970/01/02", "S45.1.2",
          "佐藤 花子 様", "氏名：鈴木", "口座番号 1234567", "1234567", "個人番号", "電話", "住所", "氏名", "様", "-", "－",
          " ", "　", "\n", "\t", "0", "１", "12", "市", "区", "番", "丁目", "x", "あ", "漢字", "@", ".", "(", ")"]


@pytest.fixture(scope="module")
def engines():
    return Matcher("hyperscan"), Matcher("python")


def test_both_engines_agree_on_random_text(engines):
    fast, fallback = engines
    rng = random.Random(17)
    for _ in range(300):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60))).encode("utf-8")
        assert fast.scan(text) == fallback.scan(text), text.decode()


def test_both_engines_agree_on_findings(engines):
    fast, fallback = engines
    text = "氏名\t個人番号\t電話\n" + "\n".join(f"佐藤 花子\t{MY_NUMBER}\t090-1234-56{n % 100:02d}" for n in range(200))
    a, b = scan_text(text, tabular=True, matcher=fast), scan_text(text, tabular=True, matcher=fallback)
    assert a.as_counts() == b.as_counts() and a.as_context_counts() == b.as_context_counts()
    assert a.counts["my_number"] == 200 and a.counts["phone"] == 200
