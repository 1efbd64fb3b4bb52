"""Reminder keys move to the one scheme of core.services.reminder_key: "<app>.<model>:<pk>:<purpose>".

Reminders are idempotent by key: without this, the next reminder_schedule() of a record would not
find its reminder under the old key and would create a second one (and remind everyone again).
"""

import re

from django.db import migrations

# (old form, new form) for every key the modules wrote before the scheme; {pk} and {n} are numbers.
RENAMES = [
    ("registers:pia:{pk}:review", "registers.pia:{pk}:review"),
    ("registers:pia:{pk}:reevaluation", "registers.pia:{pk}:reevaluation"),
    ("inspections.response:{pk}", "inspections.inspectionresponse:{pk}:submit"),
    ("inspections.action:{pk}", "inspections.correctiveaction:{pk}:due"),
    ("incident:{pk}:preliminary", "incidents.incident:{pk}:preliminary"),
    ("incident:{pk}:final", "incidents.incident:{pk}:final"),
    ("incident-measure:{pk}", "incidents.preventivemeasure:{pk}:due"),
    ("incident-measure:{pk}:review", "incidents.preventivemeasure:{pk}:review"),
    ("disclosures.request.{pk}", "disclosures.datasubjectrequest:{pk}:decision"),
    ("disclosures.request.{pk}.after-correction-{n}",
     "disclosures.datasubjectrequest:{pk}:decision:after-correction-{n}"),
]


def _pattern(form: str) -> re.Pattern:
    groups = {"{pk}": r"(?P<pk>\d+)", "{n}": r"(?P<n>\d+)"}
    pieces = re.split(r"(\{pk\}|\{n\})", form)
    return re.compile("".join(groups.get(piece) or re.escape(piece) for piece in pieces) + r"\Z")


def renamed(key: str, *, backwards: bool = False) -> str | None:
    """The key in the other form, or None when ``key`` is not one of the known forms."""
    for old, new in RENAMES:
        source, target = (new, old) if backwards else (old, new)
        match = _pattern(source).match(key)
        if match:
            return target.format(**match.groupdict())
    return None


def _rename(apps, backwards: bool) -> None:
    Reminder = apps.get_model("core", "Reminder")
    for reminder in Reminder.objects.only("pk", "key").iterator():
        key = renamed(reminder.key, backwards=backwards)
        if key is not None:
            Reminder.objects.filter(pk=reminder.pk).update(key=key)


def forwards(apps, schema_editor):
    _rename(apps, backwards=False)


def backwards(apps, schema_editor):
    _rename(apps, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_number_series")]
    operations = [migrations.RunPython(forwards, backwards)]
