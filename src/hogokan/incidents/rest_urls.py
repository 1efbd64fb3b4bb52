"""/api/v1/…: incidents (scoped CRUD), near misses, the item catalogue, and the breach-report calculator."""

from django.urls import re_path

from hogokan.core.rest import ApiRouter
from hogokan.incidents import rest

router = ApiRouter()
router.register("incidents/near-misses", rest.NearMissViewSet, basename="incidents-near-miss")
router.register("incidents", rest.IncidentViewSet, basename="incidents-incident")

app_name = "incidents-api"
urlpatterns = [
    re_path(r"^rules/breach-report(?:/)?$", rest.BreachReportView.as_view(), name="breach-report"),
    re_path(r"^incidents/data-items(?:/)?$", rest.DataItemView.as_view(), name="data-items"),
    *router.urls,
]
