"""Demo records for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing).

令和5・6年度 reproduce the 八千代市 tables (seeds/004 資料1 §2) through the services; this year has a few
open requests for the demo officer's section (B06), one overdue, one with a 補正, one extended.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hogokan.core.calendar import fiscal_year
from hogokan.disclosures import services
from hogokan.disclosures.models import DataSubjectRequest
from hogokan.org.models import Organ, OrgUnit
from hogokan.registers import api as registers

# fiscal year → organ code → (実人数, 請求件数, {decision type: count}); and the 法78 grounds in order
YEARS = {
    2023: ({"mayor": (12, 18, {"withdrawn": 1, "full": 37, "partial": 10, "neither": 1, "absent": 8}),
            "education": (4, 5, {"withdrawn": 1, "full": 1, "partial": 4}),
            "fire": (3, 3, {"full": 2, "partial": 1})},
           {"partial": [["2", "7"], ["2", "7"]] + [["2"]] * 7 + [["3"]] + [["7"]] * 5, "neither": [["2"]]}),
    2024: ({"mayor": (12, 17, {"withdrawn": 2, "full": 10, "partial": 4, "non_disclosure": 2, "absent": 2}),
            "education": (2, 2, {"withdrawn": 1, "full": 1}),
            "fire": (4, 4, {"full": 5, "partial": 2})},
           {"partial": [["2", "3"], ["2", "3"], ["2"], ["2"], ["2"], ["7"]], "non_disclosure": [["7"], ["7"]]}),
}
SURNAMES = "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上".split()
GIVEN_NAMES = "一郎 花子 健太 美咲 大輔 陽子 翔太 由美 直樹 恵子".split()  # one per organ: 実人数 counts per organ


def _sections(organ: Organ) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(organ=organ, valid_to__isnull=True, kind__in=["section", "facility"])
                .order_by("code"))


def _year(chief, year: int, spec: dict, grounds: dict) -> None:
    grounds = {key: list(rows) for key, rows in grounds.items()}
    for organ_code, (persons, requests, decisions) in spec.items():
        organ = Organ.objects.filter(code=organ_code).first()
        sections = _sections(organ) if organ else []
        if not sections:
            continue
        kinds = [type_ for type_, count in decisions.items() for _ in range(count)]
        for index in range(requests):
            types = kinds[index::requests]
            received = date(year, 4, 1) + timedelta(days=index * 19 % 330)
            units = [sections[(index + offset) % len(sections)] for offset in range(max(1, len(types)))]
            request = services.request_receive(
                actor=chief, units=units, kind="disclosure", organ=organ, received_on=received,
                channel=("counter", "mail", "online")[index % 3],
                requester_name=f"{SURNAMES[(index % persons) % len(SURNAMES)]} {GIVEN_NAMES[organ.display_order % len(GIVEN_NAMES)]}",
                requester_address="みなと緑市本町1-1", target_description="本人に関する記録",
                identity_document="運転免許証", identity_checked_on=received)
            for unit, type_ in zip(units, types, strict=False):
                services.decision_record(actor=chief, request=request, unit=unit, type=type_,
                                         decided_on=received + timedelta(days=20), notified_on=received + timedelta(days=21),
                                         grounds=grounds[type_].pop(0) if type_ in grounds else [])


def _open_requests(chief, today: date) -> None:
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=["B06", "B04"], valid_to__isnull=True)}
    if "B06" not in units:
        return
    mayor = units["B06"].organ
    start = max(date(fiscal_year(today), 4, 1), today - timedelta(days=60))
    overdue = services.request_receive(
        actor=chief, units=[units["B06"]], kind="disclosure", organ=mayor, received_on=start,
        channel="online", requester_name="山田 花子", requester_address="みなと緑市北町2-3",
        target_description="国民健康保険の給付記録", identity_document="マイナンバーカード（公的個人認証）",
        identity_checked_on=start, file_or_affair_name="国民健康保険被保険者ファイル",
        personal_info_file=registers.PersonalInfoFile.objects.filter(name="国民健康保険被保険者ファイル").first())
    overdue.note = "デモ: 期限超過の例"
    overdue.save()
    corrected = services.request_receive(
        actor=chief, units=[units["B06"]] + ([units["B04"]] if "B04" in units else []), kind="disclosure",
        organ=mayor, received_on=today - timedelta(days=10), channel="counter", requester_name="鈴木 一郎",
        representative_kind="legal", representative_name="鈴木 和子", target_description="医療費助成と課税の記録",
        identity_document="運転免許証", representation_document="戸籍謄本")
    services.correction_request(actor=chief, request=corrected, requested_on=today - timedelta(days=8),
                                received_on=today - timedelta(days=5), content="請求の対象期間の特定")
    extended = services.request_receive(
        actor=chief, units=[units["B06"]], kind="correction", organ=mayor, received_on=today - timedelta(days=25),
        channel="mail", requester_name="高橋 次郎", target_description="資格記録の住所の訂正")
    services.request_extend(actor=chief, request=extended, days=30, reason="関係機関への照会に時間を要するため",
                            notified_on=today - timedelta(days=2))


@transaction.atomic
def load(today: date | None = None) -> bool:
    if DataSubjectRequest.objects.exists():
        return False
    chief = get_user_model().objects.filter(username="chief").first()
    if chief is None or not Organ.objects.filter(code="mayor").exists():
        return False
    today = today or timezone.localdate()
    for year, (spec, grounds) in YEARS.items():
        _year(chief, year, spec, grounds)
    _open_requests(chief, today)
    return True
