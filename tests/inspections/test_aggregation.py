"""The aggregated results (aggregation.py): counts per item, 未提出, × sections, groups, trend, surveys.

The town answers three campaigns of 年度 2026 through the services:
  8月 (点検強化月間)  市民課 submitted (survey: choices 1 and 3 + a text), 保険年金課 submitted, 学務課 not started
  11月              市民課 ① －, ② × ; 保険年金課 ② ×, ④ × ; 学務課 a draft with ③ × (未提出)
  12月              市民課 all ○ and approved; 保険年金課 not started
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from hogokan.inspections import aggregation, services
from hogokan.inspections.models import Campaign, InspectionResponse
from hogokan.org import services as org_services
from hogokan.org.access import unit_scope
from hogokan.org.api import bureau_of
from hogokan.org.models import OrgUnit

ITEM_NUMBERS = ["①", "②", "③", "④", "⑤", "⑥", "⑦", *[str(n) for n in range(1, 19)]]
SURVEY_TEXT = "朝礼で点検表を読み合わせた"


def fill(response, town, marks: dict[str, str] | None = None, *, submit: bool = True, survey=None,
         actor: str = "officer"):
    """Answer every item ○ except ``marks`` (number → mark); each × gets its corrective action."""
    marks = marks or {}
    answers, actions = {}, {}
    for key, item in services.response_items(response):
        value = marks.get(item.number, "○")
        answers[key] = (value, f"{item.number}の備考" if value == "×" else "")
        if value == "×":
            actions[key] = services.ActionInput("朝礼で周知する", town.people["officer"], date(2026, 12, 25))
    services.response_save(actor=town.user(actor), response=response, answers=answers, actions=actions,
                           survey=survey)
    if submit:
        services.response_submit(actor=town.user(actor), response=response)
    return response


@dataclass
class Answered:
    august: Campaign
    november: Campaign
    december: Campaign


def november_campaign(town) -> Campaign:
    """The same campaign as tests/inspections/conftest.py ``campaign`` (for tests outside that folder)."""
    return services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.MONTHLY, year=2026, month=11,
                                    units=[town.citizens, town.pension, town.schools])


@pytest.fixture
def answered(town, campaign) -> Answered:
    return answer_the_year(town, campaign)


def answer_the_year(town, campaign) -> Answered:
    """The scenario of the module docstring, ``campaign`` being 11月."""
    chief = town.user("chief")
    august = services.campaign_create(actor=chief, kind=Campaign.Kind.STRENGTHENING, year=2026, month=8,
                                      units=[town.citizens, town.pension, town.schools])
    question = august.questions.order_by("order").first()
    fill(august.responses.get(unit=town.citizens), town,
         survey={question.pk: ([question.choices[0], question.choices[2]], SURVEY_TEXT)})
    fill(august.responses.get(unit=town.pension), town, actor="officer2",
         survey={question.pk: ([question.choices[0]], "")})
    fill(campaign.responses.get(unit=town.citizens), town, {"①": "－", "②": "×"})
    fill(campaign.responses.get(unit=town.pension), town, {"②": "×", "④": "×"}, actor="officer2")
    fill(campaign.responses.get(unit=town.schools), town, {"③": "×"}, submit=False, actor="outsider")
    december = services.campaign_create(actor=chief, kind=Campaign.Kind.MONTHLY, year=2026, month=12,
                                        units=[town.citizens, town.pension])
    citizens_december = fill(december.responses.get(unit=town.citizens), town)
    services.response_approve(actor=town.user("manager"), response=citizens_december)
    return Answered(august, campaign, december)


def row(table, number: str) -> tuple[int, int, int, int]:
    return table.numbers()[number]


def test_item_counts_count_submitted_answers_only(answered, town):
    november = answered.november
    counts = aggregation.item_counts([november.pk])
    items = dict(november.template.items.values_list("number", "pk"))
    assert counts[(items["②"], "ng")] == 2
    assert counts[(items["①"], "na")] == 1 and counts[(items["①"], "ok")] == 1
    assert (items["③"], "ng") not in counts  # 学務課's × is only a draft
    assert counts[(items["③"], "ok")] == 2
    assert sum(counts.values()) == 2 * 25


def test_campaign_items_with_not_submitted(answered):
    table = aggregation.campaign_table(answered.november).items
    assert [r.number for r in table.rows] == ITEM_NUMBERS
    assert row(table, "①") == (1, 0, 1, 1)
    assert row(table, "②") == (0, 2, 0, 1)
    assert row(table, "③") == (2, 0, 0, 1)
    assert row(table, "④") == (1, 1, 0, 1)
    status = table.status
    assert (status.targets, status.submitted, status.not_submitted) == (3, 2, 1)
    assert status.by_status == {"submitted": 2, "draft": 1}
    second = table.rows[1].counts
    assert second.ng_rate == 1.0 and second.ng_percent == "100.0%"


def test_yearly_table_sums_the_campaigns_of_the_year(answered):
    table = aggregation.yearly_table(2026)
    assert [c.pk for c in table.campaigns] == [answered.august.pk, answered.november.pk, answered.december.pk]
    # ○ from 8月 (2) and 12月 (1); × from 11月 (2); 未提出 学務課 8月 and 11月, 保険年金課 12月
    assert row(table, "②") == (3, 2, 0, 3)
    assert row(table, "①") == (4, 0, 1, 3)
    assert (table.status.targets, table.status.submitted, table.status.not_submitted) == (8, 5, 3)
    assert table.status.by_status["approved"] == 1
    assert aggregation.yearly_table(2025).rows == []
    assert aggregation.yearly_table(2026, kinds=[Campaign.Kind.MONTHLY]).numbers()["②"] == (1, 2, 0, 2)


@pytest.mark.parametrize("scope", ["all", "manager", "officer2", "outsider", "nothing"])
def test_naive_and_fast_yearly_tables_agree(answered, town, scope):
    unit_ids = {
        "all": None,
        "manager": unit_scope(town.citizens_dept.pk),
        "officer2": unit_scope(town.pension.pk),
        "outsider": unit_scope(town.schools.pk),
        "nothing": frozenset(),
    }[scope]
    fast = aggregation.yearly_table(2026, unit_ids=unit_ids)
    naive = aggregation.naive_yearly_table(2026, unit_ids=unit_ids)
    assert fast == naive
    assert fast.numbers() == naive.numbers()


def test_the_fast_table_runs_a_fixed_number_of_queries(answered, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        aggregation.yearly_table(2026)


def test_scope_narrows_every_count(answered, town):
    officer2 = unit_scope(town.pension.pk)
    table = aggregation.campaign_table(answered.november, officer2, "section")
    assert row(table.items, "②") == (0, 1, 0, 0)
    assert [group.name for group in table.groups.groups] == ["保険年金課"]
    manager = unit_scope(town.citizens_dept.pk)
    assert row(aggregation.campaign_table(answered.november, manager).items, "②") == (0, 2, 0, 0)
    assert aggregation.non_submitters([answered.november.pk], manager) == []
    assert [s.name for s in aggregation.sections_with_ng([answered.november.pk], officer2)] == ["保険年金課"]


def test_groups_by_organ_bureau_and_section(answered, town):
    by_organ = aggregation.campaign_table(answered.november, by="organ").groups
    assert [(g.name, g.status.submitted, g.status.not_submitted, g.sections_with_ng) for g in by_organ.groups] == [
        ("市長", 2, 0, 2), ("教育委員会", 0, 1, 0)]
    mayor = by_organ.groups[0]
    second = ITEM_NUMBERS.index("②")
    assert (mayor.cells[second].ng, mayor.cells[second].not_submitted) == (2, 0)
    education = by_organ.groups[1]
    assert all(cell.not_submitted == 1 and cell.answered == 0 for cell in education.cells)
    by_bureau = aggregation.campaign_table(answered.november, by="bureau").groups
    assert [(g.name, g.context) for g in by_bureau.groups] == [("市民局", "市長"), ("教育委員会事務局", "教育委員会")]
    by_section = aggregation.campaign_table(answered.november, by="section").groups
    assert [(g.name, g.context, g.cells[second].ng) for g in by_section.groups] == [
        ("市民課", "市民局", 1), ("保険年金課", "市民局", 1), ("学務課", "教育委員会事務局", 0)]
    with pytest.raises(ValueError):
        aggregation.group_table([answered.november], by="ward")


def test_year_groups_sum_the_campaigns(answered):
    groups = aggregation.group_table(aggregation.yearly_table(2026).campaigns, by="section").groups
    citizens = groups[0]
    assert citizens.name == "市民課"
    assert (citizens.status.targets, citizens.status.submitted) == (3, 3)
    assert citizens.cells[ITEM_NUMBERS.index("①")].na == 1


def test_sections_with_ng_and_non_submitters(answered, town):
    ng = aggregation.sections_with_ng([answered.november.pk])
    assert [(s.name, s.bureau, [m.label for m in s.marks]) for s in ng] == [
        ("市民課", "市民局", ["②"]), ("保険年金課", "市民局", ["②", "④"])]
    assert ng[0].marks[0].remark == "②の備考" and ng[0].marks[0].month == 11
    pending = aggregation.non_submitters([answered.august.pk, answered.november.pk, answered.december.pk])
    assert [(p.name, p.campaign_id, p.status_label) for p in pending] == [
        ("学務課", answered.august.pk, "未着手"), ("学務課", answered.november.pk, "作成中"),
        ("保険年金課", answered.december.pk, "未着手")]
    assert pending[1].overdue  # today (2026-11-23) is after 2026-11-13
    assert aggregation.non_submitters([]) == [] and aggregation.sections_with_ng([]) == []


def test_own_items_count_in_sections_with_ng_but_not_in_the_item_table(town):
    services.section_item_add(actor=town.user("officer"), unit=town.citizens, number="19", text="窓口の施錠")
    campaign = services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.MONTHLY, year=2026, month=10,
                                        units=[town.citizens])
    fill(campaign.responses.get(), town, {"19": "×"})
    assert [m.label for m in aggregation.sections_with_ng([campaign.pk])[0].marks] == ["19（個別）"]
    table = aggregation.campaign_table(campaign).items
    assert "19" not in table.numbers() and sum(n[1] for n in table.numbers().values()) == 0


def test_monthly_trend_gives_the_ng_rate_per_item_and_month(answered):
    trend = aggregation.monthly_trend(2026)
    assert [(m.year, m.month) for m in trend.months][:2] == [(2026, 4), (2026, 5)]
    assert [(m.year, m.month) for m in trend.months][-1] == (2027, 3)
    second = trend.rows[ITEM_NUMBERS.index("②")]
    rates = {month.month: cell.ng_rate for month, cell in zip(trend.months, second.cells, strict=True)}
    assert rates[11] == 1.0 and rates[12] == 0.0 and rates[8] == 0.0 and rates[4] is None
    november = trend.months[7]
    assert (november.counts.ng, november.counts.answered, november.counts.not_submitted) == (3, 50, 1)


def test_survey_table_counts_sections_per_choice_and_lists_texts(answered, town):
    survey = aggregation.survey_table(answered.august)
    first = survey[0]
    assert first.respondents == 2
    counts = [count for _choice, count in first.choices]
    assert counts == [2, 0, 1, 0]
    assert first.texts == [("市民課", SURVEY_TEXT)]
    assert first.text_label == "その他の主な具体例"
    assert len(survey) == 3
    officer2 = aggregation.survey_table(answered.august, unit_scope(town.pension.pk))[0]
    assert officer2.respondents == 1 and officer2.texts == []
    assert aggregation.survey_table(answered.november) == []


def test_returned_response_is_not_submitted_any_more(answered, town):
    response = answered.november.responses.get(unit=town.citizens)
    services.response_return(actor=town.user("manager"), response=response, comment="②を再確認")
    table = aggregation.campaign_table(answered.november).items
    assert row(table, "②") == (0, 1, 0, 2)
    assert table.status.by_status[InspectionResponse.Status.RETURNED] == 1
    assert aggregation.yearly_table(2026) == aggregation.naive_yearly_table(2026)


def test_unit_index_finds_the_bureau_like_org_api_after_a_rename(town):
    org_services.unit_rename(actor=None, unit=town.citizens_dept.path()[0],
                             new_name="市民文化局", effective=date(2024, 4, 1))
    index = aggregation.UnitIndex()
    for unit in OrgUnit.objects.all():
        assert index.bureau(unit.pk) == bureau_of(unit).pk, unit
    assert index.name(index.bureau(town.citizens.pk)) == "市民文化局"


def test_a_revised_form_adds_its_rows_and_numbers_merge_across_versions(answered, town):
    template = services.template_in_use("nagoya-monthly")
    draft = services.template_revise(actor=None, template=template)
    services.template_item_save(actor=None, template=draft, number="19", category="その他", text="新しい項目",
                                group="各所属共通の点検項目")
    services.template_publish(actor=None, template=draft)
    january = services.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.MONTHLY, year=2027, month=1,
                                       units=[town.citizens])
    fill(january.responses.get(), town, {"②": "×", "19": "×"})
    table = aggregation.yearly_table(2026)
    assert [r.number for r in table.rows] == [*ITEM_NUMBERS, "19"]
    assert row(table, "②") == (3, 3, 0, 3)
    assert row(table, "19") == (0, 1, 0, 0)
    assert table == aggregation.naive_yearly_table(2026)
    trend = aggregation.monthly_trend(2026)
    assert trend.rows[-1].cells[9].ng == 1  # January is the 10th month of the fiscal year
