"""A year of records in the test town, made through the modules' services, for the reports' numbers.

年度 2025 (令和7年度: 2025-04-01 … 2026-03-31) is the year reported; 2024 the year before, 2026 the one after.
The council papers' as-of day is 2026-01-31. ``backdate(obj, day)`` moves a record's history to ``day`` (as if
it had been entered then), so that a change made afterwards is a change "after the as-of day".
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from hogokan.disclosures import services as disclosures
from hogokan.incidents import services as incidents
from hogokan.purpose_uses import services as purpose_uses

YEAR = 2025
AS_OF = date(2026, 1, 31)


def backdate(obj, day: date) -> None:
    """All history rows of ``obj`` so far dated ``day`` from noon on, a second apart, in their order (entered then)."""
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 12, 0))
    for second, row in enumerate(type(obj).history.filter(id=obj.pk).order_by("history_date", "history_id")):
        type(obj).history.filter(history_id=row.history_id).update(history_date=moment + timedelta(seconds=second))


@dataclass
class World:
    incidents: dict
    requests: dict
    uses: dict


@pytest.fixture
def world(town):
    chief, staff = town.user("chief"), town.user("staff")
    incidents.catalogue_ensure()

    def incident(title, learned_on, persons, **facts):
        return incidents.incident_report(actor=staff, title=title, unit=town.citizens, learned_on=learned_on,
                                         persons=persons, **facts)

    made = {
        "june": incident("郵送物の誤送付", date(2025, 6, 2), 2, cause="check"),
        "december": incident("FAXの誤送信", date(2025, 12, 10), 1, cause="operation"),
        "february": incident("USBメモリの紛失", date(2026, 2, 15), 30, cause="management"),  # after the as-of day
        "last_year": incident("窓口での誤交付", date(2025, 3, 20), 1, cause="check"),         # 令和6年度
        "next_year": incident("メールの誤送信", date(2026, 5, 1), 5, cause="operation"),      # 令和8年度
    }
    incidents.incident_update(actor=chief, incident=made["june"], preliminary_reported_on=date(2025, 6, 5))

    def request(received_on, unit=None, name="開示 請求者", kind="disclosure"):
        unit = unit or town.citizens
        return disclosures.request_receive(
            actor=chief, units=[unit], kind=kind, organ=unit.organ, received_on=received_on, channel="counter",
            requester_name=name, requester_address="みなと緑市本町1-1", target_description="住民票の交付記録")

    requests = {
        "may": request(date(2025, 5, 10), name="請求 一郎"),
        "november": request(date(2025, 11, 20), name="請求 二郎"),
        "school": request(date(2025, 12, 1), unit=town.schools, name="請求 三郎"),
        "correction": request(date(2025, 9, 1), name="請求 一郎", kind="correction"),
        "february": request(date(2026, 2, 20), name="請求 四郎"),   # after the as-of day
        "last_year": request(date(2025, 3, 1), name="請求 五郎"),   # 令和6年度
    }
    disclosures.decision_record(actor=chief, request=requests["may"], unit=town.citizens, type="full",
                                decided_on=date(2025, 5, 20))
    disclosures.decision_record(actor=chief, request=requests["school"], unit=town.schools, type="partial",
                                decided_on=date(2025, 12, 10), grounds=["2"])
    disclosures.decision_record(actor=chief, request=requests["last_year"], unit=town.citizens, type="full",
                                decided_on=date(2025, 3, 10))

    def use(kind, used_on, basis, approve=True):
        made = purpose_uses.use_save(actor=staff, kind=kind, organ=town.mayor, unit=town.citizens, used_on=used_on,
                                     file_or_affair_name="住民基本台帳", recipient="福祉課", purpose="安否確認",
                                     basis=basis, no_unfair_harm=True,
                                     law_name="住民基本台帳法第12条の2" if basis == "law" else "")
        if approve:
            purpose_uses.use_submit(actor=staff, use=made)
            purpose_uses.use_approve(actor=chief, use=made)
        return made

    uses = {"use": use("use", date(2025, 7, 1), "internal"), "provision": use("provision", date(2025, 8, 1), "law"),
            "draft": use("use", date(2025, 9, 1), "internal", approve=False),
            "next_year": use("use", date(2026, 4, 10), "internal")}
    return World(made, requests, uses)
