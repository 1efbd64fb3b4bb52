"""The default safety-measure items of 管理体制等報告書 (第2号様式 ４), version 1 in use, with history rows.

Idempotent: a family that exists already is left as it is. Backwards: nothing is removed (a form may
have been answered; templates are legal records).
"""

from django.db import migrations
from django.utils import timezone

from hogokan.outsourcing.filings_defaults import REASON, REPORT_FAMILY, REPORT_ITEMS, REPORT_NAME, REPORT_NOTES

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
    if template_model.objects.filter(family=REPORT_FAMILY).exists():
        return
    now = timezone.now()
    template = template_model.objects.create(family=REPORT_FAMILY, version=1, name=REPORT_NAME,
                                             purpose="contractor_report", marks="yesno", evidence=False,
                                             notes=REPORT_NOTES, status="in_use", published_at=now)
    _history(template_history, template, TEMPLATE_FIELDS, now)
    for order, (number, category, choices) in enumerate(REPORT_ITEMS, start=1):
        item = item_model.objects.create(
            template=template, order=order, number=number, category=category,
            text=f"{category}として講じている措置", answer_kind="multiple",
            choices=[{"code": code, "label": label} for code, label in choices], required=True)
        _history(item_history, item, ITEM_FIELDS, now)


class Migration(migrations.Migration):

    dependencies = [
        ("outsourcing", "0005_contractor_filings"),
        ("checklists", "0004_more_purposes"),
    ]

    operations = [
        migrations.RunPython(load_form, migrations.RunPython.noop),
    ]
