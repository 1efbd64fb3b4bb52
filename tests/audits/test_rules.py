"""The on-site inspection proposal (名古屋市 FORMS.md §3: ≥ 3 sections per bureau, all where it has ≤ 3)."""

import pytest

from hogokan.audits import rules
from hogokan.audits.rules import Candidate


def _c(unit_id, last=None, crosses=0, incidents=0):
    return Candidate(unit_id, f"{unit_id:03d}", last, crosses, incidents)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_bureau_with_three_or_fewer_sections_is_visited_whole(size):
    bureau = [_c(i, last=2026) for i in range(size)]
    assert len(rules.propose({1: bureau}, 2026)) == size


def test_a_larger_bureau_gets_three_chosen_by_the_weights():
    bureau = [_c(1, last=2025), _c(2, last=2025, incidents=2), _c(3, last=None), _c(4, last=2025, crosses=10),
              _c(5, last=2025)]
    chosen = [c.unit_id for c in rules.propose({1: bureau}, 2026)]
    assert chosen == [3, 2, 4]  # never visited (10), incidents this year (8), most × (7); not 1 and 5 (2)


def test_ties_are_broken_by_code_and_each_bureau_is_taken_apart():
    chosen = rules.propose({1: [_c(i) for i in (5, 4, 3, 2)], 2: [_c(9)]}, 2026)
    assert [c.unit_id for c in chosen] == [2, 3, 4, 9]


def test_the_reason_says_why():
    assert rules.reason(_c(1, last=2023, crosses=4, incidents=1), 2026) == "前回 2023年度・点検の× 4件・今年度の事故 1件"
    assert rules.reason(_c(1), 2026).startswith("未調査")
