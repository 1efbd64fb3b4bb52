"""Demo systems, accounts, an open access review after a transfer and a long leave (loaded by `hogokan demo`;
running it again changes nothing).

The systems follow the 名古屋市 table of reviewed systems (seeds/000_…): 住民記録, 保険年金, 福祉医療費, 税務総合,
認証基盤, 情報連携基盤, 就学事務, 選挙人名簿等, 福祉総合, 市場取引 (no personal information), the health
centres' till server (none either), placed in みなと緑市's sections.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from hogokan.assets import services
from hogokan.assets.models import InfoSystem
from hogokan.org import services as org  # the demo enacts a 人事異動 and a leave (pyproject: ignore_imports)
from hogokan.org.models import Assignment, OrgUnit, Person, Role

FIRST_SYSTEM = "住民記録システム"

# name, unit code, personal, specific, location, network, id policy, admin grantors, log collected,
# analysis frequency, users informed, patching, contract vendor
SYSTEMS = [
    (FIRST_SYSTEM, "B01", True, True, "gov_cloud", "mynumber", "personal", ["it_dept"], True, "monthly", True,
     "contractor", "株式会社みなと情報サービス"),
    ("保険年金システム", "B06", True, True, "gov_cloud", "mynumber", "personal", ["it_dept", "section_head"], True,
     "quarterly", True, "contractor", "株式会社みなと情報サービス"),
    ("福祉医療費システム", "B06", True, False, "datacenter", "lgwan", "shared", ["section_staff"], True, "none", False,
     "contractor", "福祉システム株式会社"),
    ("税務総合情報システム", "B04", True, True, "gov_cloud", "mynumber", "personal", ["it_dept"], True, "quarterly",
     False, "it_dept", "株式会社みなと情報サービス"),
    ("認証基盤システム", "A04", True, False, "onpremise", "lgwan", "personal", ["it_dept"], True, "monthly", True,
     "it_dept", ""),
    ("情報連携基盤システム", "A04", True, True, "gov_cloud", "mynumber", "personal", ["it_dept", "contractor"], True,
     "half_yearly", True, "contractor", "連携基盤株式会社"),
    ("就学事務システム", "G02", True, False, "datacenter", "lgwan", "personal", ["section_head"], False, "none", False,
     "contractor", "学校システム株式会社"),
    ("選挙人名簿等システム（選挙人名簿管理、期日前・不在者投票管理）", "H01", True, True, "onpremise", "mynumber",
     "personal", ["contractor"], True, "yearly", False, "contractor", "選挙システム株式会社"),
    ("福祉総合情報システム", "C01", True, True, "datacenter", "mynumber", "personal", ["it_dept"], True, "monthly",
     True, "contractor", "福祉システム株式会社"),
    ("市場取引情報システム", "E01", False, False, "cloud", "internet", "shared", ["user"], False, "none", False,
     "contractor", "市場システム株式会社"),
    ("保健センター等の金銭登録機用サーバー", "C06", False, False, "onpremise", "closed", "none", [], False, "none",
     False, "none", ""),
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _unit(code: str, today: date):
    return OrgUnit.objects.valid_on(today).filter(code=code).first()


def _person(employee_no: str, name: str, unit, today: date) -> Person:
    person = Person.objects.filter(employee_no=employee_no).first()
    if person is None:
        person = Person.objects.create(employee_no=employee_no, name=name, kind=Person.Kind.STAFF)
        Assignment.objects.create(person=person, unit=unit, role=Role.STAFF, title="主事",
                                  start=max(unit.valid_from, date(today.year - 3, 4, 1)))
    return person


def load() -> None:
    if InfoSystem.objects.filter(name=FIRST_SYSTEM).exists():
        return
    chief, admin = _user("chief"), _user("admin")
    if chief is None or admin is None:
        return  # the demo body is not loaded
    today = timezone.localdate()
    since = date(today.year - 2, 4, 1)
    systems = {}
    for (name, code, personal, specific, location, network, id_policy, grantors, logged, frequency, informed,
         patching, vendor) in SYSTEMS:
        unit = _unit(code, today)
        if unit is None:
            continue
        systems[name] = services.system_save(
            actor=chief, name=name, unit=unit, handles_personal_information=personal,
            handles_specific_personal_information=specific, location=location, network=network, id_policy=id_policy,
            admin_grantors=grantors, log_collected=logged, log_retention="5年" if logged else "",
            log_analysis_frequency=frequency, log_users_informed=informed, patching_by=patching, vendor=vendor,
            stocktake_frequency="yearly", in_use_since=since, purpose=f"{unit.name}の業務に用いる。")
    people = {p.user.username: p for p in Person.objects.filter(user__username__in=["officer", "staff", "officer2"])}
    b06, b04 = _unit("B06", today), _unit("B04", today)
    moving = _person("D0900", "異動 健太", b06, today)
    resting = _person("D0901", "休職 美咲", b04, today)
    accounts = [
        ("保険年金システム", people.get("officer"), "hoken-admin", True),
        ("保険年金システム", people.get("staff"), "hoken-0006", False),
        ("保険年金システム", moving, "hoken-0900", False),
        ("福祉医療費システム", moving, "iryo-kyoyo", False),
        ("税務総合情報システム", people.get("officer2"), "zeimu-0005", True),
        ("税務総合情報システム", resting, "zeimu-0901", False),
        ("認証基盤システム", moving, "auth-0900", False),
    ]
    for system_name, person, account_id, is_admin in accounts:
        if person is not None and system_name in systems:
            services.account_add(actor=chief, system=systems[system_name], person=person, account_id=account_id,
                                 admin=is_admin, shared=account_id.endswith("kyoyo"), granted_on=since)
    # A transfer two days ago (保険医療課 → 税務課): its accounts outside 税務課 become open reviews.
    if b04 is not None:
        old = Assignment.objects.filter(person=moving, end__isnull=True).first()
        org.transfers_apply(actor=admin, effective=today - timedelta(days=2), batch="臨時の人事異動", lines=[
            org.TransferLine(person=moving, end_assignment=old, new_unit=b04, new_role=Role.STAFF, new_title="主事")])
    # A long childcare leave (end not yet known) of a 税務課 member.
    org.leave_record(actor=admin, person=resting, kind="childcare", start=today - timedelta(days=20),
                     note="育児休業（終了日未定）")
    # Log analyses: 住民記録 done last month; 税務総合 never since it started (quarterly → overdue).
    if FIRST_SYSTEM in systems and people.get("staff"):
        services.log_analysis_record(actor=chief, system=systems[FIRST_SYSTEM], analysed_on=today - timedelta(days=20),
                                     analysed_by=people["staff"], scope="業務時間外のログイン、同一人物の大量照会",
                                     findings="不審な操作はなかった。")
