"""Worker jobs of the incidents module: reminders are sent by core's reminder job; this one keeps
the search index complete (a record written outside the services, e.g. by a restore)."""

from __future__ import annotations

from datetime import datetime

from hogokan.core.jobs import register_job


@register_job("incidents-search-index", order=20)
def reindex_missing(now: datetime) -> str:
    from hogokan.incidents import search
    from hogokan.incidents.models import Incident, NearMiss

    fixed = 0
    for incident in Incident.objects.filter(search_text="").select_related("unit")[:500]:
        text = search.incident_text(incident)
        Incident.objects.filter(pk=incident.pk).update(search_text=text)
        search.index(search.INCIDENT, incident.pk, text)
        fixed += 1
    for near_miss in NearMiss.objects.filter(search_text="").select_related("unit")[:500]:
        text = search.near_miss_text(near_miss)
        NearMiss.objects.filter(pk=near_miss.pk).update(search_text=text)
        search.index(search.NEAR_MISS, near_miss.pk, text)
        fixed += 1
    return f"検索索引 {fixed} 件を更新"
