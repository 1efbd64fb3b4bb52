"""Worker jobs of the incidents module: reminders are sent by core's reminder job; this one keeps
the search index complete (a record written outside the services, e.g. by a restore)."""

from __future__ import annotations

from datetime import datetime

from hogokan.core.jobs import register_job


@register_job("incidents-search-index", order=20)
def reindex_missing(now: datetime) -> str:
    from hogokan.incidents import search
    from hogokan.incidents.models import Incident, NearMiss, SearchDocument

    fixed = 0
    for kind, model, text_of in ((search.INCIDENT, Incident, search.incident_text),
                                 (search.NEAR_MISS, NearMiss, search.near_miss_text)):
        indexed = SearchDocument.objects.filter(kind=kind).values("record_id")
        for record in model.objects.exclude(pk__in=indexed).select_related("unit")[:500]:
            search.index(kind, record.pk, text_of(record))
            fixed += 1
    return f"検索索引 {fixed} 件を更新"


@register_job("incidents-recompute", order=15)
def recompute_open(now: datetime) -> str:
    """Open incidents are decided again on every run, so a changed catalogue mark or setting reaches them."""
    from hogokan.incidents import services
    from hogokan.incidents.models import Incident

    changed = 0
    for incident in Incident.objects.exclude(status=Incident.Status.CLOSED).select_related("unit").iterator():
        changed += services.incident_recompute(incident=incident)
    return f"報告要否の再判定で変わった事案 {changed} 件"
