"""Directory login (LDAP / Active Directory through django-auth-ldap): off unless HOGOKAN_LDAP_URI is set.

The directory checks the password; Hogokan keeps its own users, people and assignments. A person
the directory knows and Hogokan does not yet gets, at their first login, a user, a ``Person`` (職員番号
from the directory's employee-number attribute) and the assignments that their directory groups map
to (``HOGOKAN_LDAP_GROUPS``: ``group DN|unit code|role`` entries separated by ``;``). Someone in no
mapped group is refused and nothing is created. Later logins change nothing in Hogokan: transfers are
recorded in Hogokan (人事異動), not read from the directory. The second factor, the lock-out (axes) and
the role scopes apply to directory users exactly as to local ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_auth_ldap.backend import LDAPBackend

from hogokan.core.services import save_with_history
from hogokan.org import services as org_services
from hogokan.org.models import OrgUnit, Person, Role


@dataclass(frozen=True)
class Grant:
    group: str
    unit_code: str
    role: str


def parse_groups(text: str) -> list[Grant]:
    """``cn=…,ou=groups,…|SOMU|officer; …`` → grants; a wrong entry stops the start with its reason."""
    grants = []
    for entry in filter(None, (part.strip() for part in text.split(";"))):
        parts = [part.strip() for part in entry.split("|")]
        if len(parts) != 3 or not all(parts):
            raise ImproperlyConfigured(f"HOGOKAN_LDAP_GROUPS: 「{entry}」は「グループのDN|組織コード|役割」の形ではありません。")
        if parts[2] not in Role.values:
            raise ImproperlyConfigured(f"HOGOKAN_LDAP_GROUPS: 役割「{parts[2]}」はありません（{', '.join(Role.values)}）。")
        grants.append(Grant(parts[0].lower(), parts[1], parts[2]))
    return grants


def grants_for(group_dns) -> list[Grant]:
    member_of = {dn.lower() for dn in group_dns}
    return [grant for grant in parse_groups(settings.HOGOKAN_LDAP_GROUPS) if grant.group in member_of]


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap's backend with Hogokan's first-login rule (module docstring)."""

    def get_or_build_user(self, username, ldap_user):
        user, built = super().get_or_build_user(username, ldap_user)
        if built and not grants_for(ldap_user.group_dns):
            # Django's authenticate() stops at PermissionDenied: no other backend is asked.
            raise PermissionDenied("ディレクトリのグループが Hogokan の組織・役割に対応付けられていません。")
        return user, built

    def authenticate_ldap_user(self, ldap_user, password):
        with transaction.atomic():
            user = super().authenticate_ldap_user(ldap_user, password)
            if user is not None and not Person.objects.filter(user=user).exists():
                _first_login(user, ldap_user)
        return user


def _first_login(user, ldap_user) -> None:
    attrs = ldap_user.attrs
    number = (attrs.get(settings.HOGOKAN_LDAP_EMPLOYEE_NO_ATTR.lower()) or [user.username])[0]
    name = (attrs.get("displayname") or attrs.get("cn") or [user.username])[0]
    person = Person(user=user, employee_no=number, name=name, email=user.email)
    save_with_history(person, None, "ディレクトリから初回ログイン")
    today = timezone.localdate()
    for grant in grants_for(ldap_user.group_dns):
        unit = OrgUnit.objects.valid_on(today).filter(code=grant.unit_code).first()
        if unit is None:
            raise PermissionDenied(f"組織コード「{grant.unit_code}」の組織がありません（HOGOKAN_LDAP_GROUPS）。")
        org_services.assignment_start(actor=None, person=person, unit=unit, role=grant.role, start=today,
                                      batch="ディレクトリのグループ")
