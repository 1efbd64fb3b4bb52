"""The PPC-report decision (RULES.md §2): 法68①, 規則43 1–5号, 規則44, 番29の4, the guideline report."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hogokan.core.calendar import is_national_admin_closed
from hogokan.incidents.rules import BreachFacts, ReportTiming, circled, decide, final_report_due

LEARNED = date(2025, 6, 2)  # a Monday; +29 = 2025-07-01 (Tue), +59 = 2025-07-31 (Thu): both open


def facts(**kwargs):
    base = {"learned_on": LEARNED, "persons": 1}
    base.update(kwargs)
    return BreachFacts(**base)


@pytest.mark.parametrize(("article", "kwargs", "grounds"), [
    ("規則43①1号 要配慮", {"sensitive": True}, ["sensitive"]),
    ("規則43①2号 財産的被害", {"property_risk": True}, ["property"]),
    ("規則43①3号 不正の目的", {"malicious": True}, ["malicious"]),
    ("規則43①4号 100人超", {"persons": 101}, ["over_100"]),
    ("規則43①5号 条例要配慮", {"ordinance_sensitive": True}, ["ordinance_sensitive"]),
])
def test_each_appi_trigger_alone(article, kwargs, grounds):
    decision = decide(facts(**kwargs))
    assert decision.report_required, article
    assert decision.grounds == grounds
    assert decision.laws == ["appi68"]
    assert any("規則43条" in line for line in decision.explanation)


def test_no_trigger_no_report():
    decision = decide(facts(persons=100))
    assert not decision.report_required
    assert decision.laws == [] and decision.grounds == []
    assert decision.preliminary_due is None and decision.final_due is None
    assert any("報告は不要" in line for line in decision.explanation)


@pytest.mark.parametrize(("persons", "required"), [(1, False), (100, False), (101, True), (116_647, True)])
def test_over_100_boundary(persons, required):
    # 規則43④: 「100人を超える」 — 100 is not enough, 101 is.
    assert decide(facts(persons=persons)).report_required is required


def test_estimate_uses_the_maximum():
    decision = decide(facts(persons=150, persons_is_estimate=True))
    assert decision.grounds == ["over_100"]
    assert any("最大数" in line for line in decision.explanation)
    assert not decide(facts(persons=80, persons_is_estimate=True)).report_required


def test_combined_triggers_keep_their_order_and_malicious_gives_60_days():
    decision = decide(facts(sensitive=True, property_risk=True, malicious=True, persons=500, ordinance_sensitive=True))
    assert decision.grounds == ["sensitive", "property", "malicious", "over_100", "ordinance_sensitive"]
    assert decision.final_due == LEARNED + timedelta(days=59)


def test_dates_30_days_counting_the_day_of_knowledge():
    decision = decide(facts(sensitive=True))
    assert decision.preliminary_due == LEARNED + timedelta(days=5)
    assert decision.preliminary_warn_on == LEARNED + timedelta(days=3)
    assert decision.final_due == date(2025, 7, 1)  # day 1 = 6/2, day 30 = 7/1
    assert decision.final_due_moved_from is None


def test_60_days_when_malicious_with_others():
    decision = decide(facts(sensitive=True, malicious=True))
    assert decision.final_due == date(2025, 7, 31)
    assert any("60日" in line for line in decision.explanation)


def test_strong_encryption_exempts_everything():
    decision = decide(facts(sensitive=True, persons=5000, malicious=True, strongly_encrypted=True))
    assert not decision.report_required and decision.grounds == []
    assert any("高度な暗号化" in line for line in decision.explanation)
    assert not decide(facts(my_number=True, strongly_encrypted=True)).report_required


def test_ordinance_sensitive_only_where_the_ordinance_defines_it():
    decision = decide(facts(ordinance_sensitive=True), ReportTiming(ordinance_sensitive_defined=False))
    assert not decision.report_required
    assert any("条例で定められていない" in line for line in decision.explanation)


@pytest.mark.parametrize(("learned", "days", "due", "moved_from"), [
    # 年末年始: day 30 is 12/29 (Tue) → 1/4 (Mon)
    (date(2026, 11, 30), 30, date(2027, 1, 4), date(2026, 12, 29)),
    # Golden Week 2026: 5/3 (Sun) … 5/6 (振替休日) → 5/7 (Thu)
    (date(2026, 4, 4), 30, date(2026, 5, 7), date(2026, 5, 3)),
    (date(2026, 3, 5), 60, date(2026, 5, 7), date(2026, 5, 3)),
    (date(2025, 5, 12), 30, date(2025, 6, 10), None),
    (date(2025, 5, 8), 30, date(2025, 6, 6), None),
    # a Saturday → Monday: 2025-05-10 + 29 = 6/8 (Sun) → 6/9
    (date(2025, 5, 10), 30, date(2025, 6, 9), date(2025, 6, 8)),
])
def test_final_due_on_closed_days_moves_to_next_open_day(learned, days, due, moved_from):
    got, moved = final_report_due(learned, days)
    assert got == due
    assert moved == moved_from


def test_closed_day_explained():
    decision = decide(facts(learned_on=date(2026, 11, 30), sensitive=True))
    assert decision.final_due == date(2027, 1, 4)
    assert any("行政機関の休日" in line for line in decision.explanation)


@pytest.mark.parametrize(("article", "kwargs", "ground"), [
    ("報告規則2条1号 情報提供ネットワークシステム", {"my_number_system": "network"}, "mn_system"),
    ("報告規則2条1号 個人番号利用事務", {"my_number_system": "number_use_system"}, "mn_system"),
    ("報告規則2条1号 個人番号関係事務", {"my_number_system": "related_affairs_system"}, "mn_system"),
    ("報告規則2条2号 不正の目的", {"malicious": True}, "mn_malicious"),
    ("報告規則2条3号 Web", {"published_on_web": True}, "mn_web"),
    ("報告規則2条4号 100人超", {"persons": 101}, "mn_over_100"),
])
def test_my_number_serious_cases(article, kwargs, ground):
    decision = decide(facts(my_number=True, **kwargs))
    assert decision.report_required, article
    assert ground in decision.grounds
    assert "mynumber29_4" in decision.laws
    assert "mynumber_guideline" not in decision.laws


def test_my_number_guideline_report_when_no_serious_case():
    decision = decide(facts(my_number=True, persons=3))
    assert decision.report_required
    assert decision.laws == ["mynumber_guideline"]
    assert decision.grounds == []
    assert decision.final_due == date(2025, 7, 1)
    assert any("ガイドライン" in line for line in decision.explanation)


def test_my_number_malicious_is_reported_under_both_laws_with_60_days():
    decision = decide(facts(my_number=True, malicious=True, persons=200))
    assert decision.laws == ["appi68", "mynumber29_4"]
    assert decision.grounds == ["malicious", "over_100", "mn_malicious", "mn_over_100"]
    assert decision.final_due == date(2025, 7, 31)


def test_web_or_system_without_my_number_is_not_a_mn_ground():
    decision = decide(facts(published_on_web=True, my_number_system="network"))
    assert not decision.report_required


def test_circled_numbers():
    assert [circled(n) for n in (1, 2, 3, 20, 21)] == ["①", "②", "③", "⑳", "(21)"]


@given(learned=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
       persons=st.integers(min_value=0, max_value=10**6), malicious=st.booleans(), sensitive=st.booleans())
def test_property_deadline_never_before_the_period_and_never_on_a_closed_day(learned, persons, malicious, sensitive):
    decision = decide(BreachFacts(learned_on=learned, persons=persons, malicious=malicious, sensitive=sensitive))
    if not decision.report_required:
        assert persons <= 100 and not malicious and not sensitive
        return
    days = 60 if malicious else 30
    assert decision.final_due >= learned + timedelta(days=days - 1)
    assert not is_national_admin_closed(decision.final_due)
    assert decision.preliminary_due < decision.final_due


def test_unknown_facts_keep_the_verdict_open_and_the_clock_running():
    """A first report with only 4 fields must not conclude 報告不要 from facts it never asked (issue 12 §5.1)."""
    from hogokan.incidents import rules

    day = date(2026, 12, 1)
    pending = rules.decide(rules.BreachFacts(learned_on=day, persons=2, unknown=frozenset({"sensitive", "malicious"})))
    assert pending.pending and not pending.report_required
    assert pending.preliminary_due == date(2026, 12, 6)  # the 速報 clock runs from the 判明日
    assert len(pending.missing) == 2 and not any("報告は不要" in line for line in pending.explanation)
    # a fact already known to require a report decides, whatever is still unknown
    required = rules.decide(rules.BreachFacts(learned_on=day, persons=150, unknown=frozenset({"sensitive"})))
    assert required.report_required and not required.pending
    # an unknown encryption cannot exempt, so on its own it leaves nothing open
    settled = rules.decide(rules.BreachFacts(learned_on=day, persons=2, unknown=frozenset({"strongly_encrypted"})))
    assert not settled.pending and not settled.report_required
