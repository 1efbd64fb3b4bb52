"""特定個人情報保護評価のしきい値判断 (RULES §6; 特定個人情報保護評価指針 第6) at every boundary."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hogokan.registers import rules

B, P, F, N = rules.BASIC, rules.BASIC_PRIORITY, rules.BASIC_FULL, rules.NONE


@pytest.mark.parametrize(("persons", "handlers", "accident", "level"), [
    (0, 0, False, N),
    (999, 10_000, True, N),          # < 1,000: none, whatever the handlers or accidents
    (1_000, 0, False, B),            # 1,000 – < 10,000: 基礎項目評価
    (9_999, 499, False, B),
    (9_999, 500, True, B),
    (10_000, 499, False, B),         # 10,000 – < 100,000: 基礎 only unless handlers ≥ 500 or accident
    (10_000, 500, False, P),
    (10_000, 499, True, P),
    (99_999, 499, False, B),
    (99_999, 500, False, P),
    (100_000, 499, False, P),        # 100,000 – < 300,000: 基礎 + 重点, or 基礎 + 全項目 if heavy
    (100_000, 500, False, F),
    (100_000, 0, True, F),
    (299_999, 499, False, P),
    (299_999, 500, False, F),
    (299_999, 499, True, F),
    (300_000, 0, False, F),          # ≥ 300,000: 基礎 + 全項目評価
    (5_000_000, 0, False, F),
])
def test_pia_level_table(persons, handlers, accident, level):
    result = rules.pia_level(persons, handlers, accident)
    assert result.level == level
    assert result.explanation and all(isinstance(line, str) for line in result.explanation)


def test_explanation_names_the_reason():
    result = rules.pia_level(50_000, 500, True)
    text = "".join(result.explanation)
    assert "500人以上" in text and "重大事故" in text


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        rules.pia_level(-1, 0, False)


@given(st.integers(0, 2_000_000), st.integers(0, 5_000), st.booleans(), st.integers(1, 1_000_000))
def test_more_persons_never_lower_the_level(persons, handlers, accident, extra):
    """More persons, handlers or an accident never ask for less (指針 第6)."""
    base = rules.LEVEL_RANK[rules.pia_level(persons, handlers, accident).level]
    assert rules.LEVEL_RANK[rules.pia_level(persons + extra, handlers, accident).level] >= base
    assert rules.LEVEL_RANK[rules.pia_level(persons, handlers + extra, accident).level] >= base
    assert rules.LEVEL_RANK[rules.pia_level(persons, handlers, True).level] >= base


def test_review_and_reevaluation_due():
    published = date(2022, 6, 1)
    assert rules.review_due(published, None) == date(2023, 6, 1)
    assert rules.review_due(published, date(2025, 6, 1)) == date(2026, 6, 1)
    assert rules.reevaluation_due(published) == date(2027, 6, 1)       # 5 years (指針 第10 2)
    assert rules.reevaluation_due(published, [date(2026, 12, 1)]) == date(2026, 12, 1)  # before the 重要な変更
    assert rules.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_fiscal_year_end():
    assert rules.fiscal_year_end(2023) == date(2024, 3, 31)   # 令和5年度末
    assert rules.fiscal_year_end(2024) == date(2025, 3, 31)   # 令和6年度末


def test_needs_reevaluation_only_when_heavier():
    assert rules.needs_reevaluation(B, F)
    assert not rules.needs_reevaluation(F, B)
