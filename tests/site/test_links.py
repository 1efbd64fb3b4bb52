"""No page of a module links to a page that does not exist: from each role's menu, follow every
same-site link one level down and expect no 404 for a link the page itself offered, and never a 500."""

import re

import pytest

from tests.site.test_navigation import _nav

SKIP = ("logout", "/static/", "/django-admin/", "/api/", "download", "export", "format=")


@pytest.mark.parametrize("role", ["chief", "manager", "officer", "staff", "auditor", "contractor"])
def test_links_offered_on_menu_pages_lead_somewhere(client_for, role):
    client = client_for(role)
    broken = []
    for menu_href, label in _nav(client.get("/").content.decode()):
        page = client.get(menu_href)
        assert page.status_code == 200, (role, label)
        for href in sorted(set(re.findall(r'href="(/[^"#]*)"', page.content.decode()))):
            if any(part in href for part in SKIP):
                continue
            status = client.get(href).status_code
            if status in (404, 500):
                broken.append((label, href, status))
    assert broken == [], f"{role}: {broken}"
