"""The default reviewer's checklist of the security review (assets.defaults_review), version 1 in use, with its
history rows. Idempotent (a family that exists is left as it is); backwards: nothing is removed (a form may
have been answered; templates are legal records)."""

from django.db import migrations
from django.utils import timezone

from hogokan.assets.defaults_review import REASON, TEMPLATES

TEMPLATE_FIELDS = ("id", "family", "version", "name", "purpose", "kind", "marks", "evidence", "status", "notes",
                   "published_at", "created_at")
ITEM_FIELDS = ("id", "template_id", "order", "number", "group", "category", "text", "explanation", "dash_allowed",
               "answer_kind", "choices", "required", "ends_sheet_on")


def _history(model, obj, fields, now):
    model.objects.create(**{name: getattr(obj, name) for name in fields}, history_date=now, history_type="+",
                         history_change_reason=REASON, history_user=None)


def load_form(apps, schema_editor):
    template_model = apps.get_model("checklists", "ChecklistTemplate")
    item_model = apps.get_model("checklists", "ChecklistItem")
    template_history = apps.get_model("checklists", "HistoricalChecklistTemplate")
    item_history = apps.get_model("checklists", "HistoricalChecklistItem")
    now = timezone.now()
    for family, name, purpose, marks, evidence, notes, items in TEMPLATES:
        if template_model.objects.filter(family=family).exists():
            continue
        template = template_model.objects.create(family=family, version=1, name=name, purpose=purpose, marks=marks,
                                                 evidence=evidence, notes=notes, status="in_use", published_at=now)
        _history(template_history, template, TEMPLATE_FIELDS, now)
        for order, (number, category, text, explanation, dash, ends) in enumerate(items, start=1):
            item = item_model.objects.create(template=template, order=order, number=number, category=category,
                                             text=text, explanation=explanation, dash_allowed=dash, ends_sheet_on=ends)
            _history(item_history, item, ITEM_FIELDS, now)


class Migration(migrations.Migration):

    dependencies = [
        ("assets", "0003_systemreview"),
        ("checklists", "0004_more_purposes"),
    ]

    operations = [
        migrations.RunPython(load_form, migrations.RunPython.noop),
    ]
