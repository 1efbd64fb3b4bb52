"""Data: the minimal contracts' contractor names become companies (issue 13 §1); own migration, so that
PostgreSQL runs the row updates and the column changes of 0004 in separate transactions."""

from django.db import migrations

REASON = "受託事業者の登録（委託の受託者名から移行）"


def companies_from_names(apps, schema_editor):
    """The minimal contracts named their contractor in a text column: one Company per name (the people
    named on its contracts become its people), the kind 指定管理 from the old flag, and a status from the
    term (the contracts were signed; those that began are 履行中, those that ended 履行終了). Incidents
    keep pointing at the same contract rows."""
    from django.utils import timezone

    contract_model = apps.get_model("outsourcing", "Contract")
    company_model = apps.get_model("outsourcing", "Company")
    company_history = apps.get_model("outsourcing", "HistoricalCompany")
    contract_history = apps.get_model("outsourcing", "HistoricalContract")
    now, today = timezone.now(), timezone.localdate()
    companies = {}
    for contract in contract_model.objects.order_by("pk"):
        name = (contract.contractor_name or "").strip() or "（受託者名未登録）"
        company = companies.get(name)
        if company is None:
            company = companies[name] = company_model.objects.create(name=name)
            company_history.objects.create(id=company.pk, name=name, corporate_number="", address="", contact="",
                                           email="", history_date=now, history_type="+",
                                           history_change_reason=REASON, history_user=None)
        company.people.add(*contract.contractor_people.all())
        contract.company = company
        if contract.designated_manager:
            contract.kind = "designated_manager"
        contract.status = ("performed" if contract.period_end < today
                           else "performing" if contract.period_start <= today else "signed")
        contract.save()
        fields = {f.attname: getattr(contract, f.attname) for f in contract_model._meta.concrete_fields}
        contract_history.objects.create(**fields, history_date=now, history_type="~",
                                        history_change_reason="委託台帳への移行（受託事業者・区分・状態）",
                                        history_user=None)


class Migration(migrations.Migration):

    dependencies = [
        ("outsourcing", "0002_contract_register"),
    ]

    operations = [
        migrations.RunPython(companies_from_names, migrations.RunPython.noop),
    ]
