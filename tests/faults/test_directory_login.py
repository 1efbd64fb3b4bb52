"""Directory login against a real OpenLDAP server (issue 18 §4; marker ``directory``, run by .ci/run).

The test starts its own ``slapd`` (Debian's package) on a spare port with people and groups, and
points Hogokan's DirectoryBackend at it with the settings HOGOKAN_LDAP_* produce in settings.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.faults.conftest import ROOT, free_port

pytestmark = [pytest.mark.directory, pytest.mark.django_db]
try:
    import ldap
except ImportError:  # `make test` collects this module without the directory libraries; the fixture decides
    ldap = None
SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if Path("/usr/sbin/slapd").exists() else None)
BASE = "dc=city,dc=example"
ROOTDN, ROOTPW = f"cn=admin,{BASE}", "root-secret"
PASSWORD = "Dir3ctory-pass!"


@pytest.fixture(scope="module")
def directory():
    if SLAPD is None or ldap is None:
        message = "slapd (Debian package slapd) or python-ldap (make install-directory) is missing"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="hogokan-slapd-"))
    (folder / "db").mkdir()
    schema = Path("/etc/ldap/schema")
    (folder / "slapd.conf").write_text("\n".join([
        *(f"include {schema / name}.schema" for name in ("core", "cosine", "inetorgperson", "nis")),
        f"pidfile {folder / 'slapd.pid'}",
        "modulepath /usr/lib/ldap", "moduleload back_mdb",
        "database mdb", "maxsize 10485760", f'suffix "{BASE}"', f'rootdn "{ROOTDN}"', f"rootpw {ROOTPW}",
        f"directory {folder / 'db'}", ""]))
    port = free_port()
    uri = f"ldap://127.0.0.1:{port}"
    subprocess.run([SLAPD, "-f", str(folder / "slapd.conf"), "-h", f"{uri}/"], check=True, timeout=60)
    for _ in range(100):
        try:
            conn = ldap.initialize(uri)
            conn.simple_bind_s(ROOTDN, ROOTPW)
            break
        except ldap.SERVER_DOWN:
            time.sleep(0.1)
    _populate(conn)
    yield uri
    pid = int((folder / "slapd.pid").read_text())
    os.kill(pid, 15)
    shutil.rmtree(folder, ignore_errors=True)


def _entry(conn, dn: str, **attrs) -> None:
    conn.add_s(dn, [(key, [v.encode() for v in (value if isinstance(value, list) else [value])])
                    for key, value in attrs.items()])


def _populate(conn) -> None:
    _entry(conn, BASE, objectClass=["dcObject", "organization"], dc="city", o="みなと緑市")
    _entry(conn, f"ou=people,{BASE}", objectClass="organizationalUnit", ou="people")
    _entry(conn, f"ou=groups,{BASE}", objectClass="organizationalUnit", ou="groups")
    people = {"tanaka": ("田中 一郎", "D1001"), "suzuki": ("鈴木 総括", "D1002"), "nogroup": ("所属 なし", "D1003")}
    for uid, (name, number) in people.items():
        _entry(conn, f"uid={uid},ou=people,{BASE}", objectClass="inetOrgPerson", uid=uid, cn=name,
               sn=name.split()[0], displayName=name, mail=f"{uid}@city.example.lg.jp", employeeNumber=number,
               userPassword=PASSWORD)
    _entry(conn, f"cn=shimin-tantou,ou=groups,{BASE}", objectClass="groupOfNames", cn="shimin-tantou",
           member=f"uid=tanaka,ou=people,{BASE}")
    _entry(conn, f"cn=houmu-soukatsu,ou=groups,{BASE}", objectClass="groupOfNames", cn="houmu-soukatsu",
           member=f"uid=suzuki,ou=people,{BASE}")
    _entry(conn, f"cn=unmapped,ou=groups,{BASE}", objectClass="groupOfNames", cn="unmapped",
           member=f"uid=nogroup,ou=people,{BASE}")


def _env(uri: str, town) -> dict[str, str]:
    return {
        "HOGOKAN_LDAP_URI": uri,
        "HOGOKAN_LDAP_USER_DN_TEMPLATE": f"uid=%(user)s,ou=people,{BASE}",
        "HOGOKAN_LDAP_GROUP_SEARCH_BASE": f"ou=groups,{BASE}",
        "HOGOKAN_LDAP_GROUPS": f"cn=shimin-tantou,ou=groups,{BASE}|{town.citizens.code}|officer; "
                               f"cn=houmu-soukatsu,ou=groups,{BASE}|{town.legal.code}|chief",
    }


def _settings_from(env: dict[str, str]) -> dict:
    """What settings.py makes of these variables, read in a fresh process (the real start-up path)."""
    code = ("import json, django; from django.conf import settings as s; django.setup(); print(json.dumps({k: "
            "getattr(s, k, None) for k in ('AUTHENTICATION_BACKENDS', 'AUTH_LDAP_SERVER_URI', "
            "'AUTH_LDAP_USER_DN_TEMPLATE', 'HOGOKAN_LDAP_GROUPS')}))")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src"),
                          "DJANGO_SETTINGS_MODULE": "hogokan.settings"}, capture_output=True, text=True,
                          check=True, timeout=120)
    import json

    return json.loads(done.stdout)


@pytest.fixture
def directory_on(directory, town, settings):
    from django_auth_ldap.config import GroupOfNamesType, LDAPSearch

    env = _env(directory, town)
    started = _settings_from(env)
    assert started["AUTHENTICATION_BACKENDS"][1] == "hogokan.accounts.directory.DirectoryBackend"
    settings.AUTHENTICATION_BACKENDS = started["AUTHENTICATION_BACKENDS"]
    settings.AUTH_LDAP_SERVER_URI = started["AUTH_LDAP_SERVER_URI"]
    settings.AUTH_LDAP_USER_DN_TEMPLATE = started["AUTH_LDAP_USER_DN_TEMPLATE"]
    settings.AUTH_LDAP_GROUP_SEARCH = LDAPSearch(f"ou=groups,{BASE}", ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)")
    settings.AUTH_LDAP_GROUP_TYPE = GroupOfNamesType()
    settings.AUTH_LDAP_USER_ATTR_MAP = {"first_name": "displayName", "email": "mail"}
    settings.HOGOKAN_LDAP_GROUPS = started["HOGOKAN_LDAP_GROUPS"]
    return town


def _login(client, username: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_directory_login_is_off_by_default():
    started = _settings_from({})
    assert "hogokan.accounts.directory.DirectoryBackend" not in started["AUTHENTICATION_BACKENDS"]


def test_first_login_creates_the_person_with_the_unit_and_role_of_their_group(client, directory_on):
    from hogokan.org.models import Assignment, Person

    response = _login(client, "tanaka")
    assert response.status_code == 302, response.content.decode()[:500]
    person = Person.objects.get(user__username="tanaka")
    assert (person.name, person.employee_no, person.email) == ("田中 一郎", "D1001", "tanaka@city.example.lg.jp")
    assert [(a.unit, a.role) for a in Assignment.objects.filter(person=person)] == [(directory_on.citizens, "officer")]
    assert person.history.first().history_change_reason == "ディレクトリから初回ログイン"
    assert client.get("/").status_code == 200

    client.logout()
    assert _login(client, "tanaka").status_code == 302  # again: nothing created twice
    assert Assignment.objects.filter(person=person).count() == 1


def test_a_wrong_directory_password_is_refused_and_creates_nothing(client, directory_on):
    from django.contrib.auth import get_user_model

    response = _login(client, "tanaka", "wrong-password")
    assert response.status_code == 200
    assert "ログインID" in response.content.decode() or "パスワード" in response.content.decode()
    assert not get_user_model().objects.filter(username="tanaka").exists()


def test_someone_in_no_mapped_group_is_refused_and_creates_nothing(client, directory_on):
    from django.contrib.auth import get_user_model

    assert _login(client, "nogroup").status_code == 200
    assert not get_user_model().objects.filter(username="nogroup").exists()


def test_a_directory_chief_still_needs_the_second_factor(client, directory_on):
    response = _login(client, "suzuki")
    assert response.status_code == 302
    page = client.get("/", follow=False)
    assert page.status_code == 302
    assert "/2fa/" in page["Location"]
