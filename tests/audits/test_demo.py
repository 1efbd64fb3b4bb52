"""The demo: both years' plans and visits, the PPC findings rewritten for みなと緑市; idempotent."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from hogokan.audits import api, demo
from hogokan.audits.models import AuditPlan, FieldVisit, Finding, FindingSource, GoodPractice
from hogokan.core.calendar import fiscal_year
from hogokan.org import demo as org_demo
from hogokan.org.access import actor_for


def test_demo_loads_once_with_both_years(db, client):
    org_demo.load()
    demo.load()
    demo.load()
    year = fiscal_year(timezone.localdate())
    assert set(AuditPlan.objects.values_list("fiscal_year", flat=True)) == {year - 1, year}
    ppc = FindingSource.objects.get(kind=FindingSource.Kind.PPC)
    assert ppc.findings.count() == 10 and ppc.findings.filter(status=Finding.Status.DONE).count() == 7
    assert FieldVisit.objects.filter(fiscal_year=year - 1, status=FieldVisit.Status.RECORDED).count() == 6
    assert FieldVisit.objects.filter(fiscal_year=year, status=FieldVisit.Status.RECORDED).count() == 3
    assert GoodPractice.objects.count() == 3 and Finding.objects.filter(visit__isnull=False).count() == 2
    chief = actor_for(get_user_model().objects.get(username="chief"))
    assert any("監査の実施状況" in item.label for item in api.dashboard_items(chief, timezone.localdate()))
    client.force_login(get_user_model().objects.get(username="auditor"))
    page = client.get(reverse("audits:source_detail", args=[ppc.pk])).content.decode()
    assert "長期休職者2名" in page and "保険医療課" in page
