"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ ("disclosures/…", "rules/…")."""

from django.urls import re_path

from hogokan.core.rest import ApiRouter
from hogokan.disclosures import rest

router = ApiRouter()
router.register("disclosures/requests", rest.RequestViewSet, basename="disclosures-request")

app_name = "disclosures-api"
urlpatterns = [
    re_path(r"^rules/request-deadline(?:/)?$", rest.RequestDeadlineView.as_view(), name="request-deadline"),
    *router.urls,
]
