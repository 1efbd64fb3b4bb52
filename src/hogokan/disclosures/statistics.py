"""The yearly tables of the seeds, computed from the records (RULES.md §3; seeds 003 箕面市, 004 八千代市).

Counting rules (the seeds' footnotes):
- A request belongs to the fiscal year of its receipt; its decisions are counted with it.
- One request can need several units and yield several decisions: 請求件数 counts requests, the
  処理状況 columns count decisions (取下げ = the units' 取下げ), so they need not match.
- 実人数 counts distinct requesters per organ; the total row adds the organ rows, as the seed does.
- 開示決定件数（取下げを除く） = 全部開示 + 部分開示 + 不開示 + 存否応答拒否 + 不存在 (却下・移送 are not in it).
- 不開示事由: one partial decision can rest on several 法78 grounds, so the grounds outnumber decisions.
- ``as_of`` (the council papers' 「1月31日時点」): requests received and decisions made by that day, each as
  its history stood at the end of it (core.history.records_as_of).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.conf import settings

from hogokan.core.calendar import fiscal_year_range, wareki_fiscal_year
from hogokan.core.exports import Table
from hogokan.core.history import records_as_of
from hogokan.disclosures import rules
from hogokan.disclosures.models import Appeal, DataSubjectRequest, Decision
from hogokan.org.models import Organ

T = Decision.Type


def _requests(year: int, kind: str = rules.DISCLOSURE, as_of=None):
    start, end = fiscal_year_range(year)
    if as_of is not None:
        end = min(end, as_of)
    return records_as_of(DataSubjectRequest, as_of).filter(kind=kind, received_on__range=(start, end))


def _decisions(requests, as_of=None):
    decisions = records_as_of(Decision, as_of).filter(request_id__in=requests.values("id"))
    return decisions if as_of is None else decisions.filter(decided_on__lte=as_of)


def _appeals(start, end, as_of=None):
    if as_of is not None:
        end = min(end, as_of)
    return records_as_of(Appeal, as_of).filter(filed_on__range=(start, end))


YACHIYO_COLUMNS = [
    ("取下げ", [T.WITHDRAWN]), ("全部開示", [T.FULL]), ("部分開示", [T.PARTIAL]), ("不開示", [T.NON_DISCLOSURE]),
    ("不開示（存否応答拒否）", [T.NEITHER]), ("不開示（不存在）", [T.ABSENT]),
]
DECISION_TOTAL = [T.FULL, T.PARTIAL, T.NON_DISCLOSURE, T.NEITHER, T.ABSENT]


def yachiyo_requests(year: int, as_of=None) -> Table:
    """八千代市 資料1 2①②: 保有個人情報開示請求 per organ."""
    requests = list(_requests(year, as_of=as_of).values("id", "organ_id", "requester_name"))
    persons: dict[int, set] = defaultdict(set)
    counts: Counter = Counter()
    for row in requests:
        persons[row["organ_id"]].add(DataSubjectRequest(requester_name=row["requester_name"]).requester_key)
        counts[row["organ_id"]] += 1
    decisions: Counter = Counter(
        (organ_id, type_) for organ_id, type_ in
        _decisions(_requests(year, as_of=as_of), as_of).values_list("request__organ_id", "type"))
    header = ["市の機関", "実人数", "請求件数"] + [label for label, _ in YACHIYO_COLUMNS] + ["開示決定件数（取下げを除く）"]
    rows, total = [], [0] * (len(header) - 1)
    for organ in Organ.objects.order_by("display_order", "code"):
        values = [len(persons[organ.pk]), counts[organ.pk]]
        values += [sum(decisions[(organ.pk, t)] for t in types) for _, types in YACHIYO_COLUMNS]
        values.append(sum(decisions[(organ.pk, t)] for t in DECISION_TOTAL))
        total = [a + b for a, b in zip(total, values, strict=True)]
        rows.append([organ.name] + values)
    rows.append(["計"] + total)
    return Table("requests", f"保有個人情報開示請求（{wareki_fiscal_year(year)}）", header, rows,
                 "※ １件の請求が複数の部署にまたがる場合や請求に対する決定内容が異なる場合があるため，"
                 "請求件数と処理状況の件数は一致しない場合があります。")


GROUND_COLUMNS = [("部分開示", T.PARTIAL), ("不開示", T.NON_DISCLOSURE), ("不開示（存否応答拒否）", T.NEITHER)]


def yachiyo_grounds(year: int, as_of=None) -> Table:
    """八千代市 資料1 2③④: 部分開示決定等における不開示事由 (法78① 各号 × decision type)."""
    counts: Counter = Counter()
    decisions = _decisions(_requests(year, as_of=as_of), as_of).filter(type__in=[t for _, t in GROUND_COLUMNS])
    for type_, grounds in decisions.values_list("type", "grounds"):
        for ground in grounds or []:
            counts[(str(ground), type_)] += 1
    labels = settings.HOGOKAN_DISCLOSURE_GROUND_LABELS
    header = ["含まれる不開示情報（個人情報保護法第78条該当号）"] + [label for label, _ in GROUND_COLUMNS] + ["計"]
    rows, total = [], [0] * (len(GROUND_COLUMNS) + 1)
    for number in range(1, 8):
        values = [counts[(str(number), t)] for _, t in GROUND_COLUMNS]
        values.append(sum(values))
        total = [a + b for a, b in zip(total, values, strict=True)]
        label = labels[number - 1] if number - 1 < len(labels) else f"第{number}号"
        rows.append([label] + values)
    rows.append(["計"] + total)
    return Table("grounds", f"部分開示決定等における不開示事由（{wareki_fiscal_year(year)}）", header, rows,
                 "※ １件の部分開示決定等において，複数の不開示理由に該当する場合があるため，"
                 "開示決定の処理件数とは一致しない場合があります。")


MINOH_COLUMNS = [("全部開示", T.FULL), ("部分開示", T.PARTIAL), ("非開示", T.NON_DISCLOSURE), ("不存在", T.ABSENT),
                 ("存否応答拒否", T.NEITHER), ("却下", T.DISMISSED)]


def minoh_five_years(year: int, as_of=None) -> Table:
    """箕面市 §2(3): five fiscal years (newest first) × requests, decisions, 訂正, 利用停止, 審査請求."""
    header = ["年度", "請求件数"] + [label for label, _ in MINOH_COLUMNS] + ["訂正", "利用停止", "審査請求"]
    rows = []
    for current in range(year, year - 5, -1):
        start, end = fiscal_year_range(current)
        requests = _requests(current, as_of=as_of)
        by_type = Counter(_decisions(requests, as_of).values_list("type", flat=True))
        corrections = _decisions(_requests(current, rules.CORRECTION, as_of), as_of).exclude(
            type=T.WITHDRAWN).count()
        suspensions = _decisions(_requests(current, rules.SUSPENSION, as_of), as_of).exclude(
            type=T.WITHDRAWN).count()
        appeals = _appeals(start, end, as_of).count()
        rows.append([wareki_fiscal_year(current), requests.count()] + [by_type[t] for _, t in MINOH_COLUMNS]
                    + [corrections, suspensions, appeals])
    return Table("five_years", "保有個人情報の開示請求（過去5年度）", header, rows,
                 "※1件の請求に対し複数決定する場合があります。訂正・利用停止は決定件数（取下げを除く）、"
                 "審査請求はその年度に受けた件数です。")


def tables_for(year: int, as_of=None) -> list[Table]:
    return [yachiyo_requests(year, as_of), yachiyo_grounds(year, as_of), minoh_five_years(year, as_of)]


def counts(year: int, as_of=None) -> dict:
    """The year's totals: requests received by kind, decisions by type, appeals filed."""
    start, end = fiscal_year_range(year)
    received = Counter(_requests_any(year, as_of).values_list("kind", flat=True))
    decisions = Counter(_decisions(_requests_any(year, as_of), as_of).values_list("type", flat=True))
    return {"received": sum(received.values()), "by_kind": {kind: received[kind] for kind, _ in
                                                            DataSubjectRequest.Kind.choices},
            "decisions": sum(decisions.values()), "by_decision": {t: decisions[t] for t, _ in T.choices},
            "appeals": _appeals(start, end, as_of).count()}


def _requests_any(year: int, as_of=None):
    start, end = fiscal_year_range(year)
    if as_of is not None:
        end = min(end, as_of)
    return records_as_of(DataSubjectRequest, as_of).filter(received_on__range=(start, end))


def received_by_month(year: int, as_of=None) -> list[tuple[int, int, int]]:
    """(year, month, requests received) for April … March of ``year`` (for the reports' trend chart)."""
    per_month = Counter((day.year, day.month) for day in _requests_any(year, as_of).values_list("received_on", flat=True))
    months = [(year, month) for month in range(4, 13)] + [(year + 1, month) for month in range(1, 4)]
    return [(y, m, per_month[(y, m)]) for y, m in months]
