"""The navigation: each entry asks the same named check on the actor (org.access.Actor) as its views.

A module that is not built yet has no entry, so there are no dead links.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from hogokan.inspections.scoping import can_manage as manages_inspections


def _everyone(actor) -> bool:
    return actor.is_authenticated


def _staff(actor) -> bool:
    return actor.is_staff_member


def _contractor(actor) -> bool:
    return actor.is_contractor


def _admin(actor) -> bool:
    return actor.is_system_admin


def _personnel(actor) -> bool:
    """Leaves (休職・休業): the administrator for the personnel office, and the privacy office."""
    return actor.is_system_admin or actor.is_office


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    shown_to: Callable[[object], bool]
    section: str  # url prefix that marks the entry as current


NAV = (
    NavItem("今日のタスク", "site:dashboard", _everyone, "/"),
    NavItem("組織", "org:unit_list", _staff, "/org/units"),
    NavItem("職員", "org:person_list", _staff, "/org/people"),
    NavItem("点検", "inspections:home", _staff, "/inspections/"),
    NavItem("点検の管理", "inspections:campaign_list", manages_inspections, "/inspections/manage/"),
    NavItem("ファイル簿", "registers:file_list", _staff, "/registers/"),
    NavItem("情報システム", "assets:system_list", _staff, "/assets/"),
    NavItem("漏えい等事案", "incidents:home", _everyone, "/incidents/"),
    NavItem("委託", "outsourcing:contract_list", _everyone, "/outsourcing/"),
    NavItem("受託者ポータル", "outsourcing:portal", _contractor, "/outsourcing/portal/"),
    NavItem("開示請求等", "disclosures:list", _staff, "/disclosures/"),
    NavItem("目的外利用・提供", "purpose_uses:list", _staff, "/purpose-uses/"),
    NavItem("研修", "training:course_list", _staff, "/training/"),
    NavItem("番号法の事務", "mynumber:home", _staff, "/mynumber/"),
    NavItem("監査・指摘事項", "audits:home", _staff, "/audits/"),
    NavItem("システムの点検", "assets:security_review_list", _staff, "/assets/security-reviews/"),
    NavItem("媒体・持出し", "assets:takeout_list", _everyone, "/assets/take-outs/"),
    NavItem("報告・統計", "reports:dashboard", _staff, "/reports/"),
    NavItem("ファイル検査", "scanner:home", _staff, "/scanner/"),
    NavItem("人事異動", "org:transfers", _admin, "/org/transfers"),
    NavItem("休職・休業", "org:leave_list", _personnel, "/org/leaves"),
    NavItem("一括取込", "org:import", _admin, "/org/import"),
    NavItem("ログインのロック", "accounts:lock_list", _admin, "/accounts/locks"),
    NavItem("通知", "site:notifications", _everyone, "/notifications"),
    NavItem("API", "api_docs", _everyone, "/api/"),
)


def nav_for(actor, path: str) -> list[dict]:
    if actor is None or not actor.is_authenticated:
        return []
    visible = [item for item in NAV if item.shown_to(actor)]
    # The longest matching prefix is current (/inspections/manage/ is 点検の管理, not 点検).
    matching = [item for item in visible if (path == "/" if item.section == "/" else path.startswith(item.section))]
    current = max(matching, key=lambda item: len(item.section), default=None)
    return [{"label": item.label, "url": reverse(item.url_name), "current": item is current} for item in visible]
