"""The demo body: a fictional city (みなと緑市) with the eight organs of the 八千代市 tables.

``load()`` is idempotent: running it again changes nothing.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from hogokan.org import services
from hogokan.org.models import Assignment, Organ, OrgUnit, Person, Role, UnitKind

FOUNDED = date(2020, 4, 1)
REORGANISED = date(2024, 4, 1)

ORGANS = [
    ("mayor", "市長"), ("education", "教育委員会"), ("election", "選挙管理委員会"), ("audit", "監査委員"),
    ("agriculture", "農業委員会"), ("assessment", "固定資産評価審査委員会"), ("fire", "消防長"),
    ("enterprise", "事業管理者"),
]

# organ code → [(bureau code, bureau name, kind, [(section code, section name)])]
UNITS = {
    "mayor": [
        ("A00", "総務局", UnitKind.BUREAU, [("A01", "総務課"), ("A02", "法務課"), ("A03", "人事課"),
                                            ("A04", "情報政策課"), ("A05", "文書課")]),
        ("B00", "市民局", UnitKind.BUREAU, [("B01", "市民課"), ("B02", "保険年金課"), ("B03", "医療助成課"),
                                            ("B04", "税務課"), ("B05", "収納課")]),
        ("C00", "健康福祉局", UnitKind.BUREAU, [("C01", "福祉総務課"), ("C02", "障害福祉課"), ("C03", "介護保険課"),
                                                ("C04", "こども家庭課"), ("C05", "保育課"), ("C06", "健康づくり課")]),
        ("D00", "環境まちづくり局", UnitKind.BUREAU, [("D01", "環境政策課"), ("D02", "ごみ対策課"),
                                                        ("D03", "都市計画課"), ("D04", "建築指導課")]),
        ("E00", "経済局", UnitKind.BUREAU, [("E01", "商工振興課"), ("E02", "農政課")]),
        ("F00", "北区役所", UnitKind.WARD, [("F01", "北区区民課"), ("F02", "北区保険年金課"),
                                             ("F03", "北区福祉課")]),
    ],
    "education": [("G00", "教育委員会事務局", UnitKind.BUREAU, [("G01", "教育総務課"), ("G02", "学務課"),
                                                                 ("G03", "生涯学習課")])],
    "election": [("H00", "選挙管理委員会事務局", UnitKind.OFFICE, [("H01", "選挙課")])],
    "audit": [("J00", "監査委員事務局", UnitKind.OFFICE, [("J01", "監査課")])],
    "agriculture": [("K00", "農業委員会事務局", UnitKind.OFFICE, [("K01", "農地課")])],
    "assessment": [("L00", "固定資産評価審査委員会", UnitKind.OFFICE, [("L01", "審査係")])],
    "fire": [("M00", "消防本部", UnitKind.BUREAU, [("M01", "消防総務課"), ("M02", "予防課"), ("M03", "警防課")])],
    "enterprise": [("N00", "上下水道局", UnitKind.BUREAU, [("N01", "お客さまサービス課"), ("N02", "水道施設課")])],
}

# The demo users: username → (name, employee no, role, unit code or None, title)
USERS = {
    "admin": ("管理 太郎", "D0001", Role.ADMIN, None, "システム管理者"),
    "chief": ("総括 花子", "D0002", Role.CHIEF, "A02", "法務課長"),
    "manager": ("市民 部長", "D0003", Role.MANAGER, "B00", "市民局長"),
    "officer": ("保険 課長", "D0004", Role.OFFICER, "B06", "保険医療課長"),
    "officer2": ("税務 課長", "D0005", Role.OFFICER, "B04", "税務課長"),
    "staff": ("担当 一郎", "D0006", Role.STAFF, "B06", "主事"),
    "auditor": ("監査 次郎", "D0007", Role.AUDITOR, None, "監査委員事務局長"),
    "contractor": ("受託 三子", "C0001", Role.CONTRACTOR, None, "業務責任者"),
}
PASSWORDS = {username: f"demo-{username}-hogokan" for username in USERS}
# Demo-only TOTP keys (hex) for the roles that need a second factor; shown by `hogokan demo`.
OTP_KEYS = {"admin": "3132333435363738393031323334353637383930", "chief": "3132333435363738393031323334353637383931"}


def _organs() -> dict[str, Organ]:
    organs = {}
    for order, (code, name) in enumerate(ORGANS, start=1):
        organs[code], _ = Organ.objects.get_or_create(code=code, defaults={"name": name, "display_order": order})
    return organs


@transaction.atomic
def load(stdout=None) -> bool:
    """Create the demo body; returns False when it was already there."""
    if OrgUnit.objects.filter(code="A00").exists():
        return False
    system = None  # created by the system itself: history shows 「システム」
    organs = _organs()
    for organ_code, bureaus in UNITS.items():
        for bureau_code, bureau_name, kind, sections in bureaus:
            bureau = services.unit_create(actor=system, organ=organs[organ_code], code=bureau_code,
                                          name=bureau_name, kind=kind, valid_from=FOUNDED)
            for section_code, section_name in sections:
                services.unit_create(actor=system, organ=organs[organ_code], code=section_code, name=section_name,
                                     kind=UnitKind.SECTION, valid_from=FOUNDED, parent=bureau)
    # One reorganisation in the history: 保険年金課 and 医療助成課 merged on 2024-04-01 (令和6年度).
    merged = services.unit_merge(
        actor=system, units=list(OrgUnit.objects.filter(code__in=["B02", "B03"]).order_by("code")),
        code="B06", name="保険医療課", kind=UnitKind.SECTION, effective=REORGANISED,
    )
    user_model = get_user_model()
    for username, (name, employee_no, role, unit_code, title) in USERS.items():
        unit = OrgUnit.objects.valid_on(date.today()).get(code=unit_code) if unit_code else None
        if unit_code == "B06":
            unit = merged
        kind = Person.Kind.CONTRACTOR if role == Role.CONTRACTOR else Person.Kind.STAFF
        user = user_model.objects.create_user(username, f"{username}@example.invalid", PASSWORDS[username],
                                              first_name=name, is_staff=role == Role.ADMIN,
                                              is_superuser=role == Role.ADMIN)
        person = Person.objects.create(user=user, employee_no=employee_no, name=name, email=user.email, kind=kind,
                                       company="株式会社みなと情報サービス" if kind == Person.Kind.CONTRACTOR else "")
        Assignment.objects.create(person=person, unit=unit, role=role, title=title,
                                  start=FOUNDED if unit is None or unit.valid_from <= FOUNDED else unit.valid_from)
    # The officer also holds a second post (兼務), to show the acting-assignment switcher.
    officer = Person.objects.get(user__username="officer")
    Assignment.objects.create(person=officer, unit=OrgUnit.objects.get(code="A04"), role=Role.STAFF,
                              title="情報政策課（兼務）", start=REORGANISED)
    # Before the merger the officer led 保険年金課: that assignment ended on 2024-03-31.
    Assignment.objects.create(person=officer, unit=OrgUnit.objects.get(code="B02"), role=Role.OFFICER,
                              title="保険年金課長", start=FOUNDED, end=date(2024, 3, 31))
    _demo_staff(organs)
    _otp_devices()
    return True


def _demo_staff(organs) -> None:
    """A section head for every other section, so lists and scoping look like a real body."""
    number = 100
    taken = {code for *_ignored, code, _title in USERS.values() if code}
    for unit in OrgUnit.objects.valid_on(date.today()).filter(kind=UnitKind.SECTION).order_by("code"):
        if unit.code in taken:
            continue
        number += 1
        person = Person.objects.create(employee_no=f"D{number:04d}", name=f"{unit.name}長 {number}",
                                       name_kana="", kind=Person.Kind.STAFF)
        Assignment.objects.create(person=person, unit=unit, role=Role.OFFICER, title=f"{unit.name}長",
                                  start=unit.valid_from)


def _otp_devices() -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for username, key in OTP_KEYS.items():
        user = get_user_model().objects.get(username=username)
        TOTPDevice.objects.get_or_create(user=user, name="デモ用", defaults={"key": key, "confirmed": True})


def current_otp(username: str) -> str:
    """The current TOTP code of a demo user's device (for trying the demo without an app)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, name="デモ用")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
