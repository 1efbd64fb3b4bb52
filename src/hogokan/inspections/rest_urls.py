"""/api/v1/inspections/…: the self-inspection's JSON API (see inspections/rest.py); paths answer with or
without a trailing slash."""

from django.urls import re_path

from hogokan.core.rest import ApiRouter
from hogokan.inspections import rest

router = ApiRouter()
router.register("campaigns", rest.CampaignViewSet, basename="inspections-campaign")
router.register("responses", rest.ResponseViewSet, basename="inspections-response")

app_name = "inspections-api"
urlpatterns = [
    re_path(r"^aggregate(?:/)?$", rest.AggregateView.as_view(), name="aggregate"),
    *router.urls,
]
