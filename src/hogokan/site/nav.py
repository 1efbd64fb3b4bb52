"""The navigation: each module lists its entries and the roles that see them.

A module that is not built yet has no entry, so there are no dead links.
"""

from dataclasses import dataclass

from django.urls import reverse

from hogokan.org.models import Role

ALL_STAFF_ROLES = (Role.ADMIN, Role.CHIEF, Role.MANAGER, Role.OFFICER, Role.STAFF, Role.AUDITOR)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...]
    section: str  # url prefix that marks the entry as current


NAV = (
    NavItem("今日のタスク", "site:dashboard", ALL_STAFF_ROLES + (Role.CONTRACTOR,), "/"),
    NavItem("組織", "org:unit_list", ALL_STAFF_ROLES, "/org/units"),
    NavItem("職員", "org:person_list", ALL_STAFF_ROLES, "/org/people"),
    NavItem("点検", "inspections:home", (Role.CHIEF, Role.MANAGER, Role.OFFICER, Role.STAFF, Role.AUDITOR),
            "/inspections/"),
    NavItem("点検の管理", "inspections:campaign_list", (Role.ADMIN, Role.CHIEF), "/inspections/manage/"),
    NavItem("ファイル簿", "registers:file_list", (Role.CHIEF, Role.MANAGER, Role.OFFICER, Role.STAFF, Role.AUDITOR),
            "/registers/"),
    NavItem("漏えい等事案", "incidents:home", ALL_STAFF_ROLES + (Role.CONTRACTOR,), "/incidents/"),
    NavItem("委託", "outsourcing:contract_list", ALL_STAFF_ROLES + (Role.CONTRACTOR,), "/outsourcing/"),
    NavItem("開示請求等", "disclosures:list", ALL_STAFF_ROLES, "/disclosures/"),
    NavItem("目的外利用・提供", "purpose_uses:list", ALL_STAFF_ROLES, "/purpose-uses/"),
    NavItem("人事異動", "org:transfers", (Role.ADMIN,), "/org/transfers"),
    NavItem("一括取込", "org:import", (Role.ADMIN,), "/org/import"),
    NavItem("通知", "site:notifications", ALL_STAFF_ROLES + (Role.CONTRACTOR,), "/notifications"),
    NavItem("API", "api_docs", ALL_STAFF_ROLES + (Role.CONTRACTOR,), "/api/"),
)


def nav_for(actor, path: str) -> list[dict]:
    if actor is None or not actor.is_authenticated:
        return []
    visible = [item for item in NAV if actor.role in item.roles]
    # The longest matching prefix is current (/inspections/manage/ is 点検の管理, not 点検).
    matching = [item for item in visible if (path == "/" if item.section == "/" else path.startswith(item.section))]
    current = max(matching, key=lambda item: len(item.section), default=None)
    return [{"label": item.label, "url": reverse(item.url_name), "current": item is current} for item in visible]
