"""axe-core on every main page of every module, as each role sees it with the demo city (issue 12 §4).

Serious and critical violations fail the test; the pages are those of each role's menu plus the first
record linked from each list, so a new module's pages are checked once its menu entry exists.
"""

import re
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from hogokan.org import demo

ROLES = ("staff", "officer", "manager", "chief", "auditor", "contractor", "admin")
# Pages that are not in the menus but every role of the house reaches from them.
EXTRA = {
    "chief": ["/disclosures/stats/", "/purpose-uses/stats/", "/incidents/statistics/", "/incidents/reported/",
              "/incidents/follow-up/", "/registers/affairs/", "/registers/pias/", "/registers/counts/",
              "/inspections/results/", "/accounts/settings/", "/audits/status/", "/audits/findings/overview/",
              "/audits/sources/", "/audits/plans/", "/audits/visits/", "/audits/visits/results/",
              "/audits/findings/import/"],
    "auditor": ["/audits/visits/", "/audits/sources/"],
    "officer": ["/incidents/near-misses/", "/incidents/new/", "/registers/affairs/", "/inspections/actions/"],
    "manager": ["/inspections/results/"],
    "contractor": ["/incidents/new/"],
}
PUBLIC = ["/accounts/login/", "/registers/public/"]
FIRST_RECORD = re.compile(r'<table class="table">.*?<tbody>.*?<a href="(/[^"]+/\d+/)"', re.S)


@pytest.fixture
def demo_city(transactional_db, default_rows):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ログインID").fill(username)
    page.get_by_label("パスワード").fill(demo.PASSWORDS[username])
    page.get_by_role("button", name="ログイン").click()
    if username in demo.OTP_KEYS:
        page.get_by_label("確認コード（6桁）").fill(demo.current_otp(username))
        page.get_by_role("button", name="確認").click()
    page.wait_for_url(f"{base}/")


def _menu(page) -> list[str]:
    return page.eval_on_selector_all('nav[aria-label="メインメニュー"] a', "links => links.map(a => a.getAttribute('href'))")


def _problems(page, axe, url) -> list[str]:
    results = axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = "; ".join(",".join(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{url}: {violation['id']} ({violation['impact']}) {violation['help']} — {targets}")
    return found


def test_main_pages_have_no_serious_accessibility_violations(page, live_server, demo_city):
    axe, base, problems, checked, pages = Axe(), live_server.url, [], set(), []

    def check(url):
        if url in checked or url.startswith("/api/") or "format=" in url:
            return None
        checked.add(url)
        pages.append(url)
        response = page.goto(urljoin(base, url))
        assert response.status < 400, f"{url}: {response.status}"
        problems.extend(_problems(page, axe, url))
        return page.content()

    for url in PUBLIC:
        check(url)
    for role in ROLES:
        page.context.clear_cookies()
        _log_in(page, base, role)
        urls = _menu(page) + EXTRA.get(role, [])
        for url in urls:
            html = check(url)
            record = FIRST_RECORD.search(html or "")
            if record:
                check(record.group(1))
        checked -= {url for url in checked if url not in PUBLIC}  # the next role sees its own version
    print(f"\n[axe] {len(pages)} pages checked, {len(problems)} serious/critical violations")
    assert not problems, "\n".join(problems)


def test_keyboard_alone_reaches_the_skip_link_the_menu_and_wide_tables(page, live_server, demo_city):
    base = live_server.url
    _log_in(page, base, "chief")
    page.goto(f"{base}/registers/counts/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "本文へ移動"
    page.keyboard.press("Enter")
    focused = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("[document.activeElement.tagName, document.activeElement.className]"))
    assert ["DIV", "table-wrap"] in focused  # the wide table scrolls with the arrow keys once focused
