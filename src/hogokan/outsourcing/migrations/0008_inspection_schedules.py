"""The inspection schedule of the contracts already registered (issue 13 §4), from the same pure rule as
services_inspections.inspections_sync, with one history row each. Idempotent (a year that has its
inspection is skipped); backwards: nothing is removed (inspections are legal records)."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from hogokan.outsourcing import rules

REASON = "検査の予定（基準による・既存の委託への適用）"
FIELDS = ("id", "contract_id", "fiscal_year", "kind", "origin", "status", "due_on", "sheet_id", "inspected_on",
          "inspector", "respondent_department", "respondent_title", "respondent_name", "requested_at", "answered_at",
          "answered_by_id", "return_reason", "result_comment", "notified_at", "decided_by_id", "notes", "created_at")


def schedule(apps, schema_editor):
    contract_model = apps.get_model("outsourcing", "Contract")
    inspection_model = apps.get_model("outsourcing", "ContractInspection")
    history_model = apps.get_model("outsourcing", "HistoricalContractInspection")
    threshold = int(getattr(settings, "HOGOKAN_CONTRACT_ONSITE_PERSONS", rules.DEFAULT_ONSITE_PERSONS))
    now = timezone.now()
    for contract in contract_model.objects.order_by("pk").iterator():
        facts = rules.ContractFacts(start=contract.period_start, end=contract.period_end,
                                    persons=contract.persons_handled or 0,
                                    designated_manager=contract.kind == "designated_manager",
                                    handles_personal_information=contract.handles_personal_information)
        try:
            planned = rules.inspections(facts, threshold).inspections
        except (rules.FactsError, ValueError):
            continue
        have = set(inspection_model.objects.filter(contract_id=contract.pk, origin="rule")
                   .values_list("fiscal_year", flat=True))
        for item in planned:
            if item.fiscal_year in have:
                continue
            inspection = inspection_model.objects.create(contract_id=contract.pk, fiscal_year=item.fiscal_year,
                                                         kind=item.kind, origin="rule", status="planned",
                                                         due_on=item.due)
            history_model.objects.create(**{name: getattr(inspection, name) for name in FIELDS}, history_date=now,
                                         history_type="+", history_change_reason=REASON, history_user=None)


class Migration(migrations.Migration):

    dependencies = [
        ("outsourcing", "0007_contract_inspections"),
    ]

    operations = [
        migrations.RunPython(schedule, migrations.RunPython.noop),
    ]
