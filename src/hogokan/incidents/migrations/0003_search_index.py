"""Search that works for Japanese without word splitting: character trigrams.

SQLite: an FTS5 table with the trigram tokenizer, kept in sync by incidents.search (the service
layer). PostgreSQL: pg_trgm and GIN trigram indexes on the search_text columns (icontains uses them).
"""

from django.db import migrations

SQLITE_CREATE = ("CREATE VIRTUAL TABLE IF NOT EXISTS incidents_search USING fts5("
                 "kind UNINDEXED, record_id UNINDEXED, body, tokenize='trigram')")
PG_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS incidents_incident_search_trgm ON incidents_incident "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS incidents_nearmiss_search_trgm ON incidents_nearmiss "
    "USING gin (search_text gin_trgm_ops)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in PG_CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS incidents_search")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS incidents_incident_search_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS incidents_nearmiss_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_default_catalogue")]
    operations = [migrations.RunPython(forwards, backwards)]
