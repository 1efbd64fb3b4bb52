"""The demo: incidents incl. an overdue PPC report on top of the chief's dashboard; idempotent."""

from django.utils import timezone

from hogokan.incidents import api, demo
from hogokan.incidents.models import Incident, NearMiss
from hogokan.org import demo as org_demo
from hogokan.org.access import actor_for
from hogokan.outsourcing import demo as outsourcing_demo


def test_demo_loads_once_and_the_overdue_report_tops_the_dashboard(db):
    from django.contrib.auth import get_user_model

    org_demo.load()
    outsourcing_demo.load()
    demo.load()
    demo.load()
    assert Incident.objects.count() == 4 and NearMiss.objects.count() == 3
    chief = actor_for(get_user_model().objects.get(username="chief"))
    items = api.dashboard_items(chief, timezone.localdate())
    assert items[0].overdue and "コンビニ交付" in items[0].label
    contractor = actor_for(get_user_model().objects.get(username="contractor"))
    assert set(api.incidents_for(contractor).values_list("title", flat=True)) == {"コンビニ交付で他人の証明書が表示された"}
    second = Incident.objects.get(title="コンビニ交付で他人の証明書が表示された")
    assert second.report_laws == ["mynumber29_4"] and second.report_grounds == ["mn_system"]
