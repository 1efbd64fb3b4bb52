"""What other modules (the dashboard, reports) may use of the systems register, accounts and access reviews."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count, QuerySet
from django.urls import reverse

from hogokan.assets import services, survey
from hogokan.assets.models import AccessReview, InfoSystem, SystemAccount
from hogokan.core.dashboard import DueItem
from hogokan.core.permissions import VIEW, restrict


def systems_for(actor, *, include_retired: bool = False) -> QuerySet[InfoSystem]:
    """The systems ``actor`` may see (in use unless ``include_retired``)."""
    systems = restrict(InfoSystem.objects.select_related("unit"), actor, VIEW)
    return systems if include_retired else systems.filter(retired_on__isnull=True)


def systems_holding_file(file) -> QuerySet[InfoSystem]:
    """The systems that hold a 個人情報ファイル (for the register's page and the reports)."""
    return InfoSystem.objects.filter(files=file).select_related("unit")


def accounts_of(person, *, active_only: bool = True) -> QuerySet[SystemAccount]:
    accounts = SystemAccount.objects.filter(person=person).select_related("system")
    return accounts.filter(disabled_on__isnull=True) if active_only else accounts


def open_reviews_for(actor) -> QuerySet[AccessReview]:
    return restrict(AccessReview.objects.filter(status=AccessReview.Status.OPEN), actor, VIEW)


def overdue_reviews(today: date) -> QuerySet[AccessReview]:
    """Open reviews past their due date, body-wide (the chief's dashboard, the council papers)."""
    return AccessReview.objects.filter(status=AccessReview.Status.OPEN, due__lt=today).select_related(
        "unit", "system")


def review_counts_by_unit(today: date) -> dict[int, dict[str, int]]:
    """unit id → {"open": n, "overdue": n} of the access reviews (what is overdue, by unit)."""
    counts: dict[int, dict[str, int]] = {}
    rows = AccessReview.objects.filter(status=AccessReview.Status.OPEN).values("unit_id").annotate(n=Count("pk"))
    for row in rows:
        counts[row["unit_id"]] = {"open": row["n"], "overdue": 0}
    for row in overdue_reviews(today).values("unit_id").annotate(n=Count("pk")):
        counts[row["unit_id"]]["overdue"] = row["n"]
    return counts


def overdue_log_analyses(today: date, systems=None) -> list[tuple[InfoSystem, date]]:
    """(system, due date) of the log analyses past due (of ``systems``, default every system in use)."""
    systems = systems if systems is not None else InfoSystem.objects.filter(retired_on__isnull=True)
    found = []
    for system in systems.filter(log_collected=True).exclude(log_analysis_frequency="none").select_related("unit"):
        due = services.log_analysis_due(system)
        if due and due < today:
            found.append((system, due))
    return found


def survey_tables(systems=None):
    """The 京都市 survey tables (core.exports.Table) of ``systems`` (default: every system in use)."""
    return survey.survey_tables(survey.in_use(systems))


def dashboard_items(actor, today: date) -> list[DueItem]:
    """今日のタスク: the actor's units' open access reviews (per system and due date) and overdue log analyses."""
    if actor is None or not actor.is_authenticated or actor.is_contractor:
        return []
    items = []
    groups = Counter((review.system.name, review.system_id, review.due) for review in
                     open_reviews_for(actor).select_related("system").order_by("due")[:500])
    for (name, system_id, due), count in sorted(groups.items(), key=lambda item: item[0][2])[:10]:
        items.append(DueItem(f"アカウントの見直し {count}件: {name}",
                             reverse("assets:review_list") + f"?system={system_id}&status=open", due))
    for system, due in overdue_log_analyses(today, systems_for(actor))[:10]:
        items.append(DueItem(f"ログの点検・分析: {system.name}", reverse("assets:system_detail", args=[system.pk]), due))
    return items
