"""A small municipality with fixed people, shared by every test (STYLE.md 'Tests').

People (username → role, unit):
  admin     → admin (全庁)                chief    → chief, 法務課
  manager   → manager, 市民部               officer  → officer, 市民課 (under 市民部)
  officer2  → officer, 保険年金課 (市民部)    staff    → staff, 市民課
  auditor   → auditor (全庁, read)          contractor → contractor (no unit)
  outsider  → staff, 学務課 (教育委員会)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date

import pytest
from django.apps import apps as live_apps
from django.contrib.auth import get_user_model

from hogokan.org.models import Assignment, Organ, OrgUnit, Person, Role, UnitKind

PASSWORD = "correct-horse-battery-staple-42"
ROLES = ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")
SINCE = date(2020, 4, 1)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """argon2 is the production hasher (tested in tests/accounts); MD5 keeps fixtures fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The data migrations that create rows (default forms, the incidents' catalogue), each idempotent.
DEFAULT_ROW_LOADERS = (
    ("hogokan.incidents.migrations.0002_default_catalogue", "load"),
    ("hogokan.checklists.migrations.0003_default_contractor_forms", "load_forms"),
    ("hogokan.assets.migrations.0004_default_security_review", "load_form"),
    ("hogokan.outsourcing.migrations.0006_contractor_report_form", "load_form"),
)


@pytest.fixture
def default_rows(db):
    """The rows the data migrations made, for transactional tests: a flush after an earlier one removed them.

    (Django's serialized_rollback cannot do this beside other transactional tests: their flush recreates
    the content types under new ids, and reloading the serialized ones then breaks a unique constraint.)
    """
    for module, function in DEFAULT_ROW_LOADERS:
        getattr(importlib.import_module(module), function)(live_apps, None)


@dataclass
class Town:
    mayor: Organ
    education: Organ
    general_affairs: OrgUnit   # 総務局
    legal: OrgUnit             # 法務課 (総務局)
    citizens_dept: OrgUnit     # 市民部
    citizens: OrgUnit          # 市民課 (市民部)
    pension: OrgUnit           # 保険年金課 (市民部)
    school_bureau: OrgUnit     # 教育委員会事務局
    schools: OrgUnit           # 学務課
    users: dict
    people: dict

    def user(self, name: str):
        return self.users[name]


def make_user(username: str, name: str, *, unit: OrgUnit | None, role: str, employee_no: str,
              kind: str = Person.Kind.STAFF, company: str = "") -> tuple:
    user = get_user_model().objects.create_user(username, f"{username}@example.jp", PASSWORD, first_name=name)
    if role == Role.ADMIN:
        user.is_staff = user.is_superuser = True
        user.save()
    person = Person.objects.create(user=user, employee_no=employee_no, name=name, email=user.email, kind=kind,
                                   company=company)
    Assignment.objects.create(person=person, unit=unit, role=role, start=SINCE)
    return user, person


@pytest.fixture
def town(db) -> Town:
    return build_town()


def build_town() -> Town:
    """The town's organs, units and people (the ``town`` fixture; tests/test_role_matrix.py builds it once)."""
    mayor = Organ.objects.create(code="mayor", name="市長", display_order=1)
    education = Organ.objects.create(code="education", name="教育委員会", display_order=2)

    def unit(code, name, kind, organ=mayor, parent=None):
        return OrgUnit.objects.create(organ=organ, parent=parent, code=code, name=name, kind=kind, valid_from=SINCE)

    general = unit("100", "総務局", UnitKind.BUREAU)
    legal = unit("110", "法務課", UnitKind.SECTION, parent=general)
    citizens_bureau = unit("200", "市民局", UnitKind.BUREAU)
    citizens_dept = unit("210", "市民部", UnitKind.DEPARTMENT, parent=citizens_bureau)
    citizens = unit("211", "市民課", UnitKind.SECTION, parent=citizens_dept)
    pension = unit("212", "保険年金課", UnitKind.SECTION, parent=citizens_dept)
    school_bureau = unit("900", "教育委員会事務局", UnitKind.BUREAU, organ=education)
    schools = unit("910", "学務課", UnitKind.SECTION, organ=education, parent=school_bureau)
    specs = {
        "admin": ("管理 太郎", None, Role.ADMIN),
        "chief": ("総括 花子", legal, Role.CHIEF),
        "manager": ("部長 一郎", citizens_dept, Role.MANAGER),
        "officer": ("課長 二郎", citizens, Role.OFFICER),
        "officer2": ("課長 三郎", pension, Role.OFFICER),
        "staff": ("担当 四郎", citizens, Role.STAFF),
        "auditor": ("監査 五郎", None, Role.AUDITOR),
        "contractor": ("受託 六子", None, Role.CONTRACTOR),
        "outsider": ("学務 七郎", schools, Role.STAFF),
    }
    users, people = {}, {}
    for number, (username, (name, where, role)) in enumerate(specs.items(), start=1):
        kind = Person.Kind.CONTRACTOR if role == Role.CONTRACTOR else Person.Kind.STAFF
        users[username], people[username] = make_user(
            username, name, unit=where, role=role, employee_no=f"E{number:04d}", kind=kind,
            company="株式会社サンプル情報" if kind == Person.Kind.CONTRACTOR else "",
        )
    return Town(mayor, education, general, legal, citizens_dept, citizens, pension, school_bureau, schools,
                users, people)


def login(client, user):
    """Log ``user`` in; for roles that need a second factor, also mark the session verified."""
    client.force_login(user)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(client, town):
    """``client_for("officer")`` → a test client logged in as that demo role."""

    def make(username: str):
        client.logout()
        return login(client, town.user(username))

    return make


def assert_statuses(client_for, method: str, url: str, expected: dict[str, int], data=None):
    """For each role, the status code ``method url`` answers. Roles not listed are not checked."""
    got = {}
    for role, status in expected.items():
        client = client_for(role)
        response = getattr(client, method.lower())(url, data or {})
        got[role] = response.status_code
    assert got == expected, f"{method} {url}: expected {expected}, got {got}"


def pytest_terminal_summary(terminalreporter):
    """How many (URL, method, role, record) cases the role matrix ran (tests/test_role_matrix.py), across workers."""
    reports = [report for reports in terminalreporter.stats.values() for report in reports
               if getattr(report, "when", None) == "call"]
    counts = [value for report in reports for name, value in getattr(report, "user_properties", ())
              if name == "role_matrix_cases"]
    if counts:
        terminalreporter.write_line(f"role matrix: {sum(counts)} cases (URL × method × role × record) "
                                    f"on {len(counts)} URL patterns")
