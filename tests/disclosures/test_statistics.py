"""The 八千代市 令和5/令和6 tables (seeds/004 資料1 §2) reproduced from records entered through the services,
and the 箕面市 five-year table (seeds/003 §2(3))."""

from datetime import date

import pytest

from hogokan.disclosures import services, statistics
from hogokan.disclosures.models import Appeal
from hogokan.org.models import Organ, OrgUnit, UnitKind

SINCE = date(2020, 4, 1)
ORGANS = ["市長", "教育委員会", "選挙管理委員会", "監査委員", "農業委員会", "固定資産評価審査委員会", "消防長", "事業管理者"]

# organ → (実人数, 請求件数, {decision type: count})
R5 = {
    "市長": (12, 18, {"withdrawn": 1, "full": 37, "partial": 10, "neither": 1, "absent": 8}),
    "教育委員会": (4, 5, {"withdrawn": 1, "full": 1, "partial": 4}),
    "消防長": (3, 3, {"full": 2, "partial": 1}),
}
R6 = {
    "市長": (12, 17, {"withdrawn": 2, "full": 10, "partial": 4, "non_disclosure": 2, "absent": 2}),
    "教育委員会": (2, 2, {"withdrawn": 1, "full": 1}),
    "消防長": (4, 4, {"full": 5, "partial": 2}),
}
# 法78 grounds of the partial / non-disclosure / neither decisions, in the order they are made
R5_GROUNDS = {"partial": [["2", "7"], ["2", "7"]] + [["2"]] * 7 + [["3"]] + [["7"]] * 5, "neither": [["2"]]}
R6_GROUNDS = {"partial": [["2", "3"], ["2", "3"], ["2"], ["2"], ["2"], ["7"]], "non_disclosure": [["7"], ["7"]]}

YACHIYO_R5 = [
    ["市長", 12, 18, 1, 37, 10, 0, 1, 8, 56],
    ["教育委員会", 4, 5, 1, 1, 4, 0, 0, 0, 5],
    ["選挙管理委員会"] + [0] * 9, ["監査委員"] + [0] * 9, ["農業委員会"] + [0] * 9, ["固定資産評価審査委員会"] + [0] * 9,
    ["消防長", 3, 3, 0, 2, 1, 0, 0, 0, 3],
    ["事業管理者"] + [0] * 9,
    ["計", 19, 26, 2, 40, 15, 0, 1, 8, 64],
]
YACHIYO_R6 = [
    ["市長", 12, 17, 2, 10, 4, 2, 0, 2, 18],
    ["教育委員会", 2, 2, 1, 1, 0, 0, 0, 0, 1],
    ["選挙管理委員会"] + [0] * 9, ["監査委員"] + [0] * 9, ["農業委員会"] + [0] * 9, ["固定資産評価審査委員会"] + [0] * 9,
    ["消防長", 4, 4, 0, 5, 2, 0, 0, 0, 7],
    ["事業管理者"] + [0] * 9,
    ["計", 18, 23, 3, 16, 6, 2, 0, 2, 26],
]
GROUNDS_R5 = [[1, 0, 0, 0, 0], [2, 9, 0, 1, 10], [3, 1, 0, 0, 1], [4, 0, 0, 0, 0], [5, 0, 0, 0, 0],
              [6, 0, 0, 0, 0], [7, 7, 0, 0, 7], ["計", 17, 0, 1, 18]]
GROUNDS_R6 = [[1, 0, 0, 0, 0], [2, 5, 0, 0, 5], [3, 2, 0, 0, 2], [4, 0, 0, 0, 0], [5, 0, 0, 0, 0],
              [6, 0, 0, 0, 0], [7, 1, 2, 0, 3], ["計", 8, 2, 0, 10]]


@pytest.fixture
def yachiyo(town):
    """The town's two organs renamed into 八千代市's eight, each with ten sections to decide."""
    organs = {"市長": town.mayor, "教育委員会": town.education}
    for order, name in enumerate(ORGANS, start=1):
        organ = organs.get(name) or Organ.objects.create(code=f"o{order}", name=name, display_order=order)
        organ.display_order = order
        organ.save()
        organs[name] = organ
    units = {name: [OrgUnit.objects.create(organ=organ, code=f"{organ.code}-{i}", name=f"{name}第{i}課",
                                           kind=UnitKind.SECTION, valid_from=SINCE) for i in range(10)]
             for name, organ in organs.items()}
    return organs, units


def enter_year(town, organs, units, year: int, spec: dict, grounds: dict) -> None:
    chief = town.user("chief")
    grounds = {type_: list(rows) for type_, rows in grounds.items()}
    for organ_name, (persons, requests, decisions) in spec.items():
        kinds = [type_ for type_, count in decisions.items() for _ in range(count)]
        per_request = [kinds[i::requests] for i in range(requests)]
        for index, types in enumerate(per_request):
            received = date(year, 4 + index % 9, 10)
            request = services.request_receive(
                actor=chief, units=units[organ_name][: max(1, len(types))], kind="disclosure",
                organ=organs[organ_name], received_on=received, channel="mail",
                requester_name=f"{organ_name} 請求者{index % persons}", target_description="記録")
            for unit, type_ in zip(units[organ_name], types, strict=False):
                services.decision_record(actor=chief, request=request, unit=unit, type=type_,
                                         decided_on=received.replace(day=25),
                                         grounds=grounds[type_].pop(0) if type_ in grounds else [])
    assert all(not rows for rows in grounds.values())


def _numbers(table):
    return [[row[0]] + row[1:] for row in table.rows]


def test_yachiyo_reiwa5_and_reiwa6_tables_are_reproduced(town, yachiyo):
    organs, units = yachiyo
    enter_year(town, organs, units, 2023, R5, R5_GROUNDS)
    enter_year(town, organs, units, 2024, R6, R6_GROUNDS)

    assert statistics.yachiyo_requests(2023).rows == YACHIYO_R5
    assert statistics.yachiyo_requests(2024).rows == YACHIYO_R6
    r5, r6 = statistics.yachiyo_grounds(2023), statistics.yachiyo_grounds(2024)
    assert [row[1:] for row in r5.rows] == [row[1:] for row in GROUNDS_R5]
    assert [row[1:] for row in r6.rows] == [row[1:] for row in GROUNDS_R6]
    assert r5.rows[1][0] == "第2号 第三者の個人に関する情報"
    assert statistics.yachiyo_requests(2023).title == "保有個人情報開示請求（令和5年度）"

    five = statistics.minoh_five_years(2024)
    assert five.rows[0][:8] == ["令和6年度", 23, 16, 6, 2, 2, 0, 0]
    assert five.rows[1][:8] == ["令和5年度", 26, 40, 15, 0, 8, 1, 0]
    assert [row[0] for row in five.rows] == ["令和6年度", "令和5年度", "令和4年度", "令和3年度", "令和2年度"]


def test_minoh_counts_corrections_suspensions_and_appeals(town, make_request):
    chief = town.user("chief")
    disclosure = make_request(received_on=date(2024, 6, 3))
    decision = services.decision_record(actor=chief, request=disclosure, unit=town.citizens, type="absent",
                                        decided_on=date(2024, 6, 20))
    correction = make_request(kind="correction", received_on=date(2024, 7, 1))
    services.decision_record(actor=chief, request=correction, unit=town.citizens, type="not_correct",
                             decided_on=date(2024, 7, 20))
    suspension = make_request(kind="suspension", received_on=date(2024, 7, 1))
    services.request_withdraw(actor=chief, request=suspension, withdrawn_on=date(2024, 7, 2))
    services.appeal_save(actor=chief, request=disclosure, decision=decision, filed_on=date(2024, 8, 1),
                         exception_105=Appeal.Exception105.NONE, consulted_on=date(2024, 8, 20))
    row = statistics.minoh_five_years(2024).rows[0]
    assert row == ["令和6年度", 1, 0, 0, 0, 1, 0, 0, 1, 0, 1]


def test_ground_labels_are_a_setting(town, settings):
    settings.HOGOKAN_DISCLOSURE_GROUND_LABELS = ["1号"] * 7
    assert statistics.yachiyo_grounds(2024).rows[0][0] == "1号"
