"""Every rule function that takes a date answers for any date (issue 12 §3): a result within the range the
system keeps (明治 … 2099), or a ValueError in Japanese outside it — never OverflowError or a crash of
the date arithmetic. Hypothesis walks the whole of date.min … date.max."""

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hogokan.core.calendar import EARLIEST_DATE, LATEST_DATE, NATIONAL_ADMINISTRATION
from hogokan.disclosures import rules as disclosures
from hogokan.incidents import rules as incidents
from hogokan.inspections import rules as inspections
from hogokan.outsourcing import rules as outsourcing
from hogokan.registers import rules as registers

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

RULES = {
    "incidents.decide": lambda day: incidents.decide(incidents.BreachFacts(learned_on=day, persons=1, sensitive=True)),
    "disclosures.request_deadline": lambda day: disclosures.request_deadline("disclosure", day),
    "disclosures.exercise_by": disclosures.exercise_by,
    "disclosures.correction_request_by": disclosures.correction_request_by,
    "disclosures.appeal_by": lambda day: disclosures.appeal_by(day, day),
    "disclosures.earliest_disclosure_after_objection": disclosures.earliest_disclosure_after_objection,
    "registers.review_due": lambda day: registers.review_due(day, None),
    "registers.reevaluation_due": registers.reevaluation_due,
    "outsourcing.inspections": lambda day: outsourcing.inspections(outsourcing.ContractFacts(day, day, 1)),
    "inspections.inspection_date": lambda day: inspections.inspection_date(day.year, day.month, NATIONAL_ADMINISTRATION),
}


@pytest.mark.parametrize("name", RULES)
@settings(max_examples=60, deadline=None)
@given(day=st.one_of(st.dates(), st.dates(min_value=date(1860, 1, 1), max_value=date(2110, 12, 31))))
def test_a_rule_answers_or_refuses_in_japanese_for_any_date(name, day):
    rule = RULES[name]
    if date(EARLIEST_DATE.year, EARLIEST_DATE.month + 1, 1) <= day <= LATEST_DATE.replace(month=1, day=1):
        rule(day)  # plausible (from the first whole month of 明治): an answer
        return
    try:
        rule(day)
    except ValueError as error:
        assert JAPANESE.search(str(error)), (name, day, error)
    else:
        assert EARLIEST_DATE <= day <= LATEST_DATE, (name, day)


@pytest.mark.parametrize("name", RULES)
def test_a_date_outside_the_range_is_refused_with_the_range_in_the_message(name):
    with pytest.raises(ValueError, match="扱える範囲"):
        RULES[name](date(445, 11, 2))
