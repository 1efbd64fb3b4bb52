"""Each role sees its own navigation; no entry leads to a missing page; admin pages are admin-only."""

import re

import pytest

from tests.conftest import assert_statuses

OPERATIONS = ["漏えい等事案", "委託", "開示請求等", "目的外利用・提供", "研修", "番号法の事務", "監査・指摘事項", "システムの点検",
              "媒体・持出し", "報告・統計", "ファイル検査"]
EXPECTED = {
    # The views let the administrator read the inspections and registers, so the menu offers them too.
    "admin": ["今日のタスク", "組織", "職員", "点検", "点検の管理", "ファイル簿", "情報システム", *OPERATIONS, "人事異動", "休職・休業", "一括取込",
              "ログインのロック", "通知", "API"],
    "chief": ["今日のタスク", "組織", "職員", "点検", "点検の管理", "ファイル簿", "情報システム", *OPERATIONS, "休職・休業", "通知",
              "API"],
    "manager": ["今日のタスク", "組織", "職員", "点検", "ファイル簿", "情報システム", *OPERATIONS, "通知", "API"],
    "officer": ["今日のタスク", "組織", "職員", "点検", "ファイル簿", "情報システム", *OPERATIONS, "通知", "API"],
    "staff": ["今日のタスク", "組織", "職員", "点検", "ファイル簿", "情報システム", *OPERATIONS, "通知", "API"],
    "auditor": ["今日のタスク", "組織", "職員", "点検", "ファイル簿", "情報システム", *OPERATIONS, "通知", "API"],
    "contractor": ["今日のタスク", "漏えい等事案", "委託", "受託者ポータル", "媒体・持出し", "通知", "API"],
}


def _nav(html: str) -> list[tuple[str, str]]:
    nav = html.split('aria-label="メインメニュー"')[1].split("</nav>")[0]
    return re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', nav)


@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_sees_its_navigation_and_every_link_works(client_for, role):
    client = client_for(role)
    links = _nav(client.get("/").content.decode())
    assert [label for _href, label in links] == EXPECTED[role]
    for href, label in links:
        assert client.get(href).status_code == 200, f"{role}: {label} ({href})"


def test_admin_site_is_admin_only(client_for):
    assert_statuses(client_for, "get", "/django-admin/",
                    {"admin": 200, "chief": 403, "staff": 403, "auditor": 403, "contractor": 403})


def test_admin_header_link_only_for_admin(client_for):
    assert "管理サイト" in client_for("admin").get("/").content.decode()
    assert "管理サイト" not in client_for("staff").get("/").content.decode()


def test_user_without_current_assignment_is_told_so(client, town):
    from hogokan.org.models import Assignment

    Assignment.objects.filter(person=town.people["staff"]).update(end="2021-03-31")
    client.force_login(town.user("staff"))
    body = client.get("/").content.decode()
    assert "現在有効な配属がないため" in body


def test_anonymous_is_sent_to_login(client, town):
    response = client.get("/org/units/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
