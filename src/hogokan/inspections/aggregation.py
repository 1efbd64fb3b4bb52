"""The aggregated results of the self-inspection: nobody counts answers by hand any more.

Every count is a GROUP BY in the database over ``Answer`` (which carries ``campaign_id`` and
``unit_id`` and has the index (campaign, item, value)), never a loop over rows. Only submitted or
approved responses are results; every other response of a campaign is 未提出. ``unit_ids`` is the
acting user's scope (``actor.unit_ids``): None means the whole body.

``naive_yearly_table`` computes the same numbers as ``yearly_table`` by walking the ORM object by
object; the benchmark (bench/inspections.py) and a test compare the two.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from hogokan.inspections.models import (
    Answer,
    Campaign,
    ChecklistItem,
    ChecklistTemplate,
    InspectionResponse,
    SurveyAnswer,
)
from hogokan.inspections.rules import FISCAL_MONTHS, NA, NG, OK, fiscal_year_month
from hogokan.org.models import Organ, OrgUnit

SUBMITTED = (InspectionResponse.Status.SUBMITTED, InspectionResponse.Status.APPROVED)
DEFAULT_KINDS = (Campaign.Kind.MONTHLY, Campaign.Kind.STRENGTHENING)
GROUPINGS = {"organ": "実施機関別", "bureau": "局・区・室別", "section": "課・公所別"}
DEFAULT_GROUPING = "bureau"


# ---- results ------------------------------------------------------------------------------------

@dataclass
class Counts:
    """○ / × / － of submitted responses, and 未提出 (responses of the campaign not yet submitted)."""

    ok: int = 0
    ng: int = 0
    na: int = 0
    not_submitted: int = 0

    def add(self, value: str, count: int = 1) -> None:
        if value == OK:
            self.ok += count
        elif value == NG:
            self.ng += count
        elif value == NA:
            self.na += count

    @property
    def answered(self) -> int:
        return self.ok + self.ng + self.na

    @property
    def ng_rate(self) -> float | None:
        """× among the answers given (None when nobody answered)."""
        return self.ng / self.answered if self.answered else None

    @property
    def ng_percent(self) -> str:
        """The × rate as shown on screen: 12.5%, or — when nobody answered."""
        rate = self.ng_rate
        return "—" if rate is None else f"{rate * 100:.1f}%"


@dataclass
class ItemMeta:
    number: str
    group: str
    category: str
    text: str


@dataclass
class ItemRow(ItemMeta):
    counts: Counts = field(default_factory=Counts)


@dataclass
class StatusCounts:
    targets: int = 0
    submitted: int = 0
    not_submitted: int = 0
    late: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def add(self, status: str, late: bool, count: int = 1) -> None:
        self.targets += count
        self.by_status[status] = self.by_status.get(status, 0) + count
        if status in SUBMITTED:
            self.submitted += count
            self.late += count if late else 0
        else:
            self.not_submitted += count


@dataclass
class ItemTable:
    """Per item of the checklist: ○ / × / － / 未提出 summed over ``campaigns``."""

    campaigns: list[Campaign]
    rows: list[ItemRow]
    status: StatusCounts

    def numbers(self) -> dict[str, tuple[int, int, int, int]]:
        return {row.number: (row.counts.ok, row.counts.ng, row.counts.na, row.counts.not_submitted)
                for row in self.rows}


@dataclass
class GroupRow:
    key: int
    name: str
    context: str            # the organ of a bureau, the bureau of a section
    order: tuple
    status: StatusCounts = field(default_factory=StatusCounts)
    sections_with_ng: int = 0
    cells: list[Counts] = field(default_factory=list)  # aligned with GroupTable.items


@dataclass
class GroupTable:
    by: str
    items: list[ItemMeta]
    groups: list[GroupRow]

    @property
    def label(self) -> str:
        return GROUPINGS[self.by]


@dataclass
class NgMark:
    year: int
    month: int
    number: str
    remark: str
    own_item: bool  # a 個別点検項目 of the section

    @property
    def label(self) -> str:
        return f"{self.number}（個別）" if self.own_item else self.number


@dataclass
class NgSection:
    unit_id: int
    name: str
    bureau: str
    code: str
    marks: list[NgMark] = field(default_factory=list)


@dataclass
class Pending:
    """A response counted as 未提出; ``overdue`` once its inspection day has passed."""

    response_id: int
    campaign_id: int
    campaign_title: str
    inspection_date: object
    unit_id: int
    name: str
    bureau: str
    status: str
    status_label: str
    overdue: bool


@dataclass
class TrendMonth:
    year: int
    month: int
    campaign_ids: list[int]
    counts: Counts = field(default_factory=Counts)

    @property
    def label(self) -> str:
        return f"{self.month}月"


@dataclass
class TrendRow(ItemMeta):
    cells: list[Counts] = field(default_factory=list)  # aligned with Trend.months


@dataclass
class Trend:
    fiscal_year: int
    months: list[TrendMonth]
    rows: list[TrendRow]


@dataclass
class SurveyRow:
    question_id: int
    number: str
    heading: str
    text: str
    kind: str
    text_label: str
    respondents: int
    choices: list[tuple[str, int]]
    texts: list[tuple[str, str]]  # (課・公所名, 記述)


@dataclass
class CampaignTable:
    campaign: Campaign
    items: ItemTable
    groups: GroupTable


# ---- the organisation, loaded once --------------------------------------------------------------

class UnitIndex:
    """Every unit's organ and bureau (the top of its tree as it stands, like ``org.api.bureau_of``),
    from one query instead of a walk up the tree per unit."""

    def __init__(self) -> None:
        self.units = {row[0]: row for row in OrgUnit.objects.values_list(
            "id", "parent_id", "organ_id", "name", "code", "successor_id", "valid_to").order_by()}
        self.organs = {pk: (name, order, code) for pk, name, order, code in
                       Organ.objects.values_list("id", "name", "display_order", "code")}
        self._bureaus: dict[int, int] = {}

    def name(self, unit_id: int) -> str:
        return self.units[unit_id][3] if unit_id in self.units else ""

    def code(self, unit_id: int) -> str:
        return self.units[unit_id][4] if unit_id in self.units else ""

    def _current_successor(self, unit_id: int) -> int | None:
        seen, current = set(), unit_id
        while self.units[current][5] and current not in seen:
            seen.add(current)
            current = self.units[current][5]
        return current if current != unit_id else None

    def _effective_parent(self, unit_id: int) -> int | None:
        parent = self.units[unit_id][1]
        if parent is not None and self.units[parent][6] is not None and self.units[parent][5]:
            return self._current_successor(parent) or parent
        return parent

    def bureau(self, unit_id: int) -> int:
        if unit_id not in self._bureaus:
            top, seen = unit_id, set()
            while top is not None and top not in seen:
                seen.add(top)
                parent = self._effective_parent(top)
                if parent is None:
                    break
                top = parent
            self._bureaus[unit_id] = top
        return self._bureaus[unit_id]

    def group(self, unit_id: int, by: str) -> tuple[int, str, str, tuple]:
        """(key, name, context, sort order) of the row ``unit_id`` is counted in."""
        organ_id = self.units[unit_id][2]
        organ_name, organ_order, organ_code = self.organs[organ_id]
        if by == "organ":
            return organ_id, organ_name, "", (organ_order, organ_code)
        bureau = self.bureau(unit_id)
        if by == "bureau":
            return bureau, self.name(bureau), organ_name, (organ_order, organ_code, self.code(bureau))
        return (unit_id, self.name(unit_id), self.name(bureau),
                (organ_order, organ_code, self.code(bureau), self.code(unit_id), unit_id))


# ---- the queries --------------------------------------------------------------------------------

def _scoped(queryset, unit_ids, field_name: str = "unit_id"):
    if unit_ids is None:
        return queryset
    return queryset.filter(**{f"{field_name}__in": list(unit_ids)})


def _grouped(answers, fields: tuple[str, ...]) -> Counter:
    # COUNT(*), not COUNT(id): the whole-body count then reads only the index (campaign, item, value).
    query = answers.values_list(*fields).annotate(n=Count("*")).order_by().query
    sql, params = query.sql_with_params()
    # Plain rows: Django's per-row converters cost more than the query on 50,000 groups.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return Counter({tuple(row[:-1]): row[-1] for row in cursor.fetchall()})


def _answer_counts(campaign_ids: list[int], unit_ids, fields: tuple[str, ...]) -> dict[tuple, int]:
    """Answers of submitted responses grouped by ``fields`` (the last one being ``value``).

    The whole body: one GROUP BY over every answer of the campaigns (an index-only scan of
    (campaign, item, value)), minus the answers already typed into responses not yet submitted —
    few, and none once a month is closed. Part of the body: the answers of its submitted
    responses, found through the (response, item) index.
    """
    if not campaign_ids:
        return {}
    answers = Answer.objects.filter(campaign_id__in=campaign_ids, item__isnull=False)
    responses = _scoped(InspectionResponse.objects.filter(campaign_id__in=campaign_ids), unit_ids)
    if unit_ids is None:
        counts = _grouped(answers, fields)
        pending = list(responses.exclude(status__in=SUBMITTED).values_list("pk", flat=True))
        if pending:
            counts.subtract(_grouped(answers.filter(response_id__in=pending), fields))
    else:
        submitted = list(responses.filter(status__in=SUBMITTED).values_list("pk", flat=True))
        counts = _grouped(answers.filter(response_id__in=submitted), fields) if submitted else Counter()
    return {key: count for key, count in counts.items() if count and key[-1]}


def item_counts(campaign_ids: Iterable[int], unit_ids=None) -> dict[tuple[int, str], int]:
    """{(item_id, value): answers} of the submitted responses of ``campaign_ids`` in scope."""
    return _answer_counts(list(campaign_ids), unit_ids, ("item_id", "value"))


def _status_rows(campaign_ids: list[int], unit_ids) -> list[tuple[int, str, bool, int]]:
    """(campaign_id, status, late, responses), one GROUP BY."""
    if not campaign_ids:
        return []
    responses = _scoped(InspectionResponse.objects.filter(campaign_id__in=campaign_ids), unit_ids)
    return list(responses.values_list("campaign_id", "status", "late").annotate(n=Count("pk")).order_by())


def response_status_counts(campaign_ids: Iterable[int], unit_ids=None) -> StatusCounts:
    status = StatusCounts()
    for _campaign_id, state, late, count in _status_rows(list(campaign_ids), unit_ids):
        status.add(state, late, count)
    return status


def status_by_campaign(campaign_ids: Iterable[int], unit_ids=None) -> dict[int, StatusCounts]:
    """{campaign_id: StatusCounts} for a list of campaigns, one GROUP BY."""
    found: dict[int, StatusCounts] = defaultdict(StatusCounts)
    for campaign_id, state, late, count in _status_rows(list(campaign_ids), unit_ids):
        found[campaign_id].add(state, late, count)
    return dict(found)


def non_submitters(campaign_ids: Iterable[int], unit_ids=None, *,
                   index: UnitIndex | None = None) -> list[Pending]:
    """Every response not submitted or approved (未提出), oldest campaign first, then by unit code."""
    campaign_ids = list(campaign_ids)
    if not campaign_ids:
        return []
    responses = _scoped(InspectionResponse.objects.filter(campaign_id__in=campaign_ids), unit_ids) \
        .exclude(status__in=SUBMITTED).values_list(
            "pk", "campaign_id", "campaign__title", "campaign__inspection_date", "unit_id", "status") \
        .order_by("campaign__year", "campaign__month", "campaign_id", "unit__code", "unit_id")
    rows = list(responses)
    if not rows:
        return []
    index = index or UnitIndex()
    today, labels = timezone.localdate(), dict(InspectionResponse.Status.choices)
    return [Pending(pk, campaign_id, title, day, unit_id, index.name(unit_id),
                    index.name(index.bureau(unit_id)), state, labels.get(state, state), today > day)
            for pk, campaign_id, title, day, unit_id, state in rows]


def sections_with_ng(campaign_ids: Iterable[int], unit_ids=None, *,
                     index: UnitIndex | None = None) -> list[NgSection]:
    """The sections with any × in their submitted responses (個別点検項目 included), by unit code."""
    campaign_ids = list(campaign_ids)
    if not campaign_ids:
        return []
    marks = _scoped(Answer.objects.filter(campaign_id__in=campaign_ids, value=NG,
                                          response__status__in=SUBMITTED), unit_ids).values_list(
        "unit_id", "campaign__year", "campaign__month", "item__number", "item__order", "section_item__number",
        "remark").order_by("campaign__year", "campaign__month", "item__order", "section_item__number")
    rows = list(marks)
    if not rows:
        return []
    index = index or UnitIndex()
    sections: dict[int, NgSection] = {}
    for unit_id, year, month, number, _order, own_number, remark in rows:
        section = sections.get(unit_id)
        if section is None:
            section = sections[unit_id] = NgSection(unit_id, index.name(unit_id),
                                                    index.name(index.bureau(unit_id)), index.code(unit_id))
        section.marks.append(NgMark(year, month, number or own_number, remark, number is None))
    return sorted(sections.values(), key=lambda s: (s.code, s.unit_id))


def _campaigns_of_year(fiscal_year: int, unit_ids, kinds) -> list[Campaign]:
    campaigns = Campaign.objects.filter(fiscal_year=fiscal_year, kind__in=list(kinds))
    if unit_ids is not None:
        campaigns = campaigns.filter(responses__unit_id__in=list(unit_ids)).distinct()
    return list(campaigns.order_by("year", "month", "pk"))


def _checklists(campaigns: list[Campaign]) -> tuple[list[ItemMeta], dict[int, str], dict[int, list[str]]]:
    """The rows of the tables (items by number, worded as in the newest version used), item → number,
    template → its numbers. Versions of one form share numbers; a number only in an older version
    comes after the others."""
    template_ids = {campaign.template_id for campaign in campaigns}
    versions = dict(ChecklistTemplate.objects.filter(pk__in=template_ids).values_list("pk", "version"))
    items = ChecklistItem.objects.filter(template_id__in=template_ids).values_list(
        "pk", "template_id", "order", "number", "group", "category", "text")
    number_of: dict[int, str] = {}
    numbers_of: dict[int, list[str]] = defaultdict(list)
    best: dict[str, tuple] = {}
    for pk, template_id, order, number, group, category, text in items:
        number_of[pk] = number
        numbers_of[template_id].append(number)
        rank = (-versions[template_id], order)
        if number not in best or rank < best[number][0]:
            best[number] = (rank, ItemMeta(number, group, category, text))
    ordered = sorted(best.values(), key=lambda entry: entry[0])  # newest version first, then the form's order
    return [meta for _rank, meta in ordered], number_of, dict(numbers_of)


def _item_table(campaigns: list[Campaign], unit_ids) -> ItemTable:
    metas, number_of, numbers_of = _checklists(campaigns)
    rows = {meta.number: ItemRow(meta.number, meta.group, meta.category, meta.text) for meta in metas}
    campaign_ids = [campaign.pk for campaign in campaigns]
    template_of = {campaign.pk: campaign.template_id for campaign in campaigns}
    status = StatusCounts()
    for campaign_id, state, late, count in _status_rows(campaign_ids, unit_ids):
        status.add(state, late, count)
        if state not in SUBMITTED:
            for number in numbers_of.get(template_of[campaign_id], []):
                rows[number].counts.not_submitted += count
    for (item_id, value), count in item_counts(campaign_ids, unit_ids).items():
        rows[number_of[item_id]].counts.add(value, count)
    return ItemTable(campaigns, list(rows.values()), status)


def yearly_table(fiscal_year: int, *, unit_ids=None, kinds=DEFAULT_KINDS) -> ItemTable:
    """Per item: ○ / × / － / 未提出 summed over the campaigns of 年度 ``fiscal_year`` in scope."""
    return _item_table(_campaigns_of_year(fiscal_year, unit_ids, kinds), unit_ids)


def naive_yearly_table(fiscal_year: int, unit_ids=None, kinds=DEFAULT_KINDS) -> ItemTable:
    """The numbers of ``yearly_table`` as a plain loop over the ORM would count them (for comparison)."""
    everything = Campaign.objects.filter(fiscal_year=fiscal_year, kind__in=list(kinds)) \
        .order_by("year", "month", "pk")
    campaigns = [campaign for campaign in everything
                 if unit_ids is None or any(r.unit_id in unit_ids for r in campaign.responses.all())]
    metas, _number_of, _numbers_of = _checklists(campaigns)
    rows = {meta.number: ItemRow(meta.number, meta.group, meta.category, meta.text) for meta in metas}
    status = StatusCounts()
    for campaign in campaigns:
        items = {item.pk: item for item in campaign.template.items.all()}
        for response in campaign.responses.all():
            if unit_ids is not None and response.unit_id not in unit_ids:
                continue
            status.add(response.status, response.late)
            if response.status not in SUBMITTED:
                for item in items.values():
                    rows[item.number].counts.not_submitted += 1
                continue
            for answer in response.answers.all():
                if answer.item_id is not None:
                    rows[items[answer.item_id].number].counts.add(answer.value)
    return ItemTable(campaigns, list(rows.values()), status)


def group_table(campaigns: list[Campaign], unit_ids=None, by: str = DEFAULT_GROUPING, *,
                index: UnitIndex | None = None) -> GroupTable:
    """Per organ, bureau or section × item: ○ / × / － / 未提出, and the sections with any ×."""
    if by not in GROUPINGS:
        raise ValueError(f"集計の単位は {'・'.join(GROUPINGS)} のいずれかです。")
    metas, number_of, numbers_of = _checklists(campaigns)
    position = {meta.number: n for n, meta in enumerate(metas)}
    campaign_ids = [campaign.pk for campaign in campaigns]
    template_of = {campaign.pk: campaign.template_id for campaign in campaigns}
    index = index or UnitIndex()
    groups: dict[int, GroupRow] = {}
    group_of: dict[int, GroupRow] = {}

    def row_of(unit_id: int) -> GroupRow:
        if unit_id not in group_of:
            key, name, context, order = index.group(unit_id, by)
            if key not in groups:
                groups[key] = GroupRow(key, name, context, order, cells=[Counts() for _ in metas])
            group_of[unit_id] = groups[key]
        return group_of[unit_id]

    responses = _scoped(InspectionResponse.objects.filter(campaign_id__in=campaign_ids), unit_ids) \
        .values_list("unit_id", "campaign_id", "status", "late").annotate(n=Count("pk")).order_by()
    for unit_id, campaign_id, state, late, count in responses:
        group = row_of(unit_id)
        group.status.add(state, late, count)
        if state not in SUBMITTED:
            for number in numbers_of.get(template_of[campaign_id], []):
                group.cells[position[number]].not_submitted += count
    with_ng: dict[int, set[int]] = defaultdict(set)
    column_of = {item_id: position[number] for item_id, number in number_of.items()}
    for (unit_id, item_id, value), count in _answer_counts(campaign_ids, unit_ids,
                                                           ("unit_id", "item_id", "value")).items():
        group = group_of.get(unit_id) or row_of(unit_id)
        group.cells[column_of[item_id]].add(value, count)
        if value == NG:
            with_ng[group.key].add(unit_id)
    for key, units in with_ng.items():
        groups[key].sections_with_ng = len(units)
    return GroupTable(by, metas, sorted(groups.values(), key=lambda group: group.order))


def campaign_table(campaign: Campaign, unit_ids=None, by: str = DEFAULT_GROUPING, *,
                   index: UnitIndex | None = None) -> CampaignTable:
    """One campaign: per item, and per item × organ / bureau / section."""
    return CampaignTable(campaign, _item_table([campaign], unit_ids),
                         group_table([campaign], unit_ids, by, index=index))


def monthly_trend(fiscal_year: int, unit_ids=None, kinds=DEFAULT_KINDS) -> Trend:
    """× rate per item and per month of 年度 ``fiscal_year`` (April to March)."""
    campaigns = _campaigns_of_year(fiscal_year, unit_ids, kinds)
    metas, number_of, _numbers_of = _checklists(campaigns)
    months = [TrendMonth(*fiscal_year_month(fiscal_year, month), []) for month in FISCAL_MONTHS]
    month_of_campaign = {}
    for campaign in campaigns:
        column = FISCAL_MONTHS.index(campaign.month)
        months[column].campaign_ids.append(campaign.pk)
        month_of_campaign[campaign.pk] = column
    rows = {meta.number: TrendRow(meta.number, meta.group, meta.category, meta.text,
                                  cells=[Counts() for _ in months]) for meta in metas}
    for (campaign_id, item_id, value), count in _answer_counts(
            list(month_of_campaign), unit_ids, ("campaign_id", "item_id", "value")).items():
        column = month_of_campaign[campaign_id]
        rows[number_of[item_id]].cells[column].add(value, count)
        months[column].counts.add(value, count)
    for campaign_id, state, _late, count in _status_rows(list(month_of_campaign), unit_ids):
        if state not in SUBMITTED:
            months[month_of_campaign[campaign_id]].counts.not_submitted += count
    return Trend(fiscal_year, months, list(rows.values()))


def survey_table(campaign: Campaign, unit_ids=None) -> list[SurveyRow]:
    """Each survey question: how many 課・公所 chose each choice, and the free texts (その他の主な具体例)."""
    questions = list(campaign.questions.order_by("order"))
    if not questions:
        return []
    respondents = _scoped(campaign.responses.filter(status__in=SUBMITTED), unit_ids).count()
    submitted = SurveyAnswer.objects.filter(question__campaign=campaign, response__status__in=SUBMITTED)
    answers = _scoped(submitted, unit_ids, "response__unit_id") \
        .values_list("question_id", "selected", "text", "response__unit__name") \
        .order_by("response__unit__code", "response_id")
    chosen: dict[int, Counter] = defaultdict(Counter)
    texts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for question_id, selected, text, unit_name in answers:
        chosen[question_id].update(set(selected or []))
        if text.strip():
            texts[question_id].append((unit_name, text.strip()))
    return [SurveyRow(q.pk, q.number, q.heading, q.text, q.kind, q.text_label, respondents,
                      [(choice, chosen[q.pk][choice]) for choice in q.choices], texts[q.pk])
            for q in questions]
