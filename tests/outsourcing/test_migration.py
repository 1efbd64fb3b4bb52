"""The minimal contracts of 2026 move into the register: a company per contractor name, the kind and a
state from the old facts, and the incidents keep pointing at the same contracts."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hogokan.incidents import services as incidents
from hogokan.incidents.models import DataItem, Incident
from hogokan.outsourcing import services
from hogokan.outsourcing.models import Company, Contract

BEFORE = [("outsourcing", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_old_rows_become_companies_and_incidents_stay_linked(town, default_rows):
    chief = town.user("chief")
    kept = services.contract_save(actor=chief, title="窓口業務委託", unit=town.citizens, contractor_name="仮",
                                  period_start=date(2020, 4, 1), period_end=date(2021, 3, 31),
                                  contractor_people=[town.people["contractor"]])
    incident = incidents.incident_report(actor=town.user("staff"), title="誤送付", unit=town.citizens,
                                         learned_on=date(2020, 10, 1), persons=1, contract=kept,
                                         data_items=[DataItem.objects.get(name="氏名")])
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        executor = migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps.get_model("outsourcing", "Contract")
        old.objects.filter(pk=kept.pk).update(contractor_name="株式会社みなと情報サービス")
        park = old.objects.create(title="公園の指定管理", unit_id=town.pension.pk, contractor_name="みなと緑化協会",
                                  period_start=date(2024, 4, 1), period_end=date(2099, 3, 31),
                                  designated_manager=True, persons_handled=10)
        old.objects.create(title="国保システム保守", unit_id=town.pension.pk,
                           contractor_name="株式会社みなと情報サービス", period_start=date(2098, 4, 1),
                           period_end=date(2099, 3, 31))
    finally:
        migrate(leaf)
    assert set(Company.objects.values_list("name", flat=True)) == {"株式会社みなと情報サービス", "みなと緑化協会"}
    company = Company.objects.get(name="株式会社みなと情報サービス")
    assert list(company.people.all()) == [town.people["contractor"]]
    migrated = Contract.objects.get(pk=kept.pk)
    assert migrated.company == company and migrated.status == Contract.Status.PERFORMED
    assert Incident.objects.get(pk=incident.pk).contract_id == kept.pk
    park_now = Contract.objects.get(pk=park.pk)
    assert park_now.kind == Contract.Kind.DESIGNATED_MANAGER and park_now.status == Contract.Status.PERFORMING
    assert Contract.objects.get(title="国保システム保守").status == Contract.Status.SIGNED
    assert migrated.history.first().history_change_reason.startswith("委託台帳への移行")
