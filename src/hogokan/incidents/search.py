"""Full-text search over incidents and near misses for Japanese text, without word splitting.

Character trigrams: on SQLite an FTS5 table (tokenize='trigram', migration 0003) that the services
keep in sync; on PostgreSQL a pg_trgm GIN index on SearchDocument.body serves ``icontains``. A query
shorter than 3 characters cannot use trigrams and falls back to ``icontains`` on both.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet

INCIDENT = "incident"
NEAR_MISS = "nearmiss"
MIN_TRIGRAM = 3


def incident_text(incident) -> str:
    parts = [incident.number, incident.title, incident.unit.name if incident.unit_id else "", incident.summary,
             incident.learned_how, incident.cause_detail, incident.initial_response, incident.data_items_note,
             incident.contractor_name, incident.get_kind_display(), incident.get_medium_display(),
             incident.get_cause_display()]
    if incident.pk:
        parts.extend(incident.data_items.values_list("name", flat=True))
        parts.extend(incident.measures.values_list("description", flat=True))
    return "\n".join(part for part in parts if part)


def near_miss_text(near_miss) -> str:
    parts = [near_miss.title, near_miss.description, near_miss.lesson, near_miss.get_kind_display(),
             near_miss.get_medium_display(), near_miss.unit.name if near_miss.unit_id else ""]
    return "\n".join(part for part in parts if part)


def index(kind: str, record_id: int, text: str) -> None:
    """Store one record's text: the SearchDocument row, and on SQLite the FTS5 trigram table too."""
    from hogokan.incidents.models import SearchDocument

    document, _ = SearchDocument.objects.update_or_create(kind=kind, record_id=record_id, defaults={"body": text})
    if connection.vendor != "sqlite":
        return
    # The FTS row shares the document's id: replacing it is a lookup by rowid, not a scan.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM incidents_search WHERE rowid = %s", [document.pk])
        cursor.execute("INSERT INTO incidents_search (rowid, kind, record_id, body) VALUES (%s, %s, %s, %s)",
                       [document.pk, kind, record_id, text])


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def matching(queryset: QuerySet, kind: str, query: str) -> QuerySet:
    """``queryset`` narrowed to the rows whose text contains every word of ``query``."""
    from hogokan.incidents.models import SearchDocument

    terms = [term for term in query.split() if term]
    if not terms:
        return queryset
    short = [term for term in terms if len(term) < MIN_TRIGRAM]
    long = [term for term in terms if len(term) >= MIN_TRIGRAM]
    documents = SearchDocument.objects.filter(kind=kind)
    for term in short:  # too short for trigrams: a plain contains on both databases
        documents = documents.filter(body__icontains=term)
    if long and connection.vendor == "sqlite":
        expression = " AND ".join(_fts_phrase(term) for term in long)
        with connection.cursor() as cursor:
            # Joined to the documents so that an FTS row left behind (a flushed test DB) never matches.
            cursor.execute("SELECT d.record_id FROM incidents_search JOIN incidents_searchdocument d "
                           "ON d.id = incidents_search.rowid WHERE d.kind = %s AND incidents_search MATCH %s",
                           [kind, expression])
            ids = [int(row[0]) for row in cursor.fetchall()]
        return queryset.filter(pk__in=ids).filter(pk__in=documents.values("record_id")) if short else \
            queryset.filter(pk__in=ids)
    condition = Q()
    for term in long:
        condition &= Q(body__icontains=term)  # PostgreSQL: the GIN trigram index serves ILIKE '%…%'
    return queryset.filter(pk__in=documents.filter(condition).values("record_id"))


def trigrams(text: str) -> set[str]:
    compact = "".join(text.split())
    return {compact[i:i + 3] for i in range(len(compact) - 2)}


def similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
