"""The one reminder-key scheme (core.services.reminder_key) and the move of older keys to it.

Reminders are idempotent by key: a key that changed without its stored rows would create a second
reminder and notify everyone again. core/migrations/0002 renames the stored keys.
"""

import importlib

import pytest

from hogokan.core.models import Reminder
from hogokan.core.services import reminder_key

keys_migration = importlib.import_module("hogokan.core.migrations.0003_reminder_keys_by_model")


def test_the_key_names_app_model_pk_and_purpose(town):
    person = town.people["officer"]
    assert reminder_key(person, "review") == f"org.person:{person.pk}:review"
    assert reminder_key(type(person), "review", pk=person.pk) == f"org.person:{person.pk}:review"
    assert reminder_key("org.Person", "review", "after-correction-1", pk=3) == "org.person:3:review:after-correction-1"


@pytest.mark.parametrize("call", [
    lambda: reminder_key("org.person", "review"),          # no pk
    lambda: reminder_key("org.person", "", pk=1),          # no purpose
    lambda: reminder_key("org.person", "a:b", pk=1),       # a ':' would make keys ambiguous
])
def test_a_key_that_could_clash_is_refused(call):
    with pytest.raises(ValueError):
        call()


# Every key the modules wrote before the scheme, and the key the module's service builds now.
OLD_AND_NEW = [
    ("registers:pia:7:review", ("registers.pia", "review"), ()),
    ("registers:pia:7:reevaluation", ("registers.pia", "reevaluation"), ()),
    ("inspections.response:7", ("inspections.inspectionresponse", "submit"), ()),
    ("inspections.action:7", ("inspections.correctiveaction", "due"), ()),
    ("incident:7:preliminary", ("incidents.incident", "preliminary"), ()),
    ("incident:7:final", ("incidents.incident", "final"), ()),
    ("incident-measure:7", ("incidents.preventivemeasure", "due"), ()),
    ("incident-measure:7:review", ("incidents.preventivemeasure", "review"), ()),
    ("disclosures.request.7", ("disclosures.datasubjectrequest", "decision"), ()),
    ("disclosures.request.7.after-correction-2", ("disclosures.datasubjectrequest", "decision"),
     ("after-correction-2",)),
]


@pytest.mark.parametrize(("old", "target", "parts"), OLD_AND_NEW)
def test_the_migration_renames_each_old_key_to_the_one_the_service_builds_now(old, target, parts):
    label, purpose = target
    new = reminder_key(label, purpose, *parts, pk=7)
    assert keys_migration.renamed(old) == new
    assert keys_migration.renamed(new, backwards=True) == old


@pytest.mark.parametrize("key", ["test:report:1", "t:1", "inspections.response:7x", "incident:7", "registers.pia:7:review"])
def test_other_keys_are_left_alone(key):
    assert keys_migration.renamed(key) is None


def test_the_migration_moves_stored_rows_and_keeps_their_state(db):
    from datetime import date

    from django.apps import apps

    old = Reminder.objects.create(key="incident:5:final", subject="確報", due_date=date(2026, 7, 1), sent_steps=[14, 7])
    other = Reminder.objects.create(key="test:report:1", subject="その他", due_date=date(2026, 7, 1))
    keys_migration.forwards(apps, None)
    old.refresh_from_db()
    other.refresh_from_db()
    assert (old.key, old.sent_steps) == ("incidents.incident:5:final", [14, 7])
    assert other.key == "test:report:1"
    keys_migration.backwards(apps, None)
    old.refresh_from_db()
    assert old.key == "incident:5:final"
