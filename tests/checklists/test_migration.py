"""The move of the templates into checklists is state only: going back and forth keeps every row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hogokan.inspections import services as inspections
from hogokan.inspections.models import Answer, Campaign

BEFORE_THE_MOVE = [("inspections", "0002_answer_by_unit_index"), ("checklists", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def counts(cursor) -> dict:
    result = {}
    for table in ("inspections_checklisttemplate", "inspections_checklistitem", "inspections_historicalchecklistitem",
                  "inspections_campaign", "inspections_answer"):
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (fixed names)
        result[table] = cursor.fetchone()[0]
    return result


@pytest.mark.django_db(transaction=True)
def test_migrating_back_and_forth_keeps_the_templates_and_the_answers_pointing_at_them(town, default_rows):
    campaign = inspections.campaign_create(actor=town.user("chief"), kind=Campaign.Kind.MONTHLY, year=2026, month=11,
                                           units=[town.citizens])
    response = campaign.responses.get()
    inspections.response_save(actor=town.user("officer"), response=response,
                              answers={key: ("○", "") for key, _item in inspections.response_items(response)})
    with connection.cursor() as cursor:
        before = counts(cursor)
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        migrate(BEFORE_THE_MOVE)
        with connection.cursor() as cursor:
            assert counts(cursor) == before  # nothing dropped going back either
            cursor.execute("SELECT app_label FROM django_content_type WHERE model = 'checklisttemplate'")
            assert [row[0] for row in cursor.fetchall()] == ["inspections"]
    finally:
        migrate(leaf)
    with connection.cursor() as cursor:
        assert counts(cursor) == before
        cursor.execute("SELECT app_label FROM django_content_type WHERE model = 'checklisttemplate'")
        assert [row[0] for row in cursor.fetchall()] == ["checklists"]
    answer = Answer.objects.select_related("item__template").filter(response=response).first()
    assert answer.item.template == Campaign.objects.get(pk=campaign.pk).template
    assert answer.item.template.sheets.count() == 0  # the new relation works on the kept table
