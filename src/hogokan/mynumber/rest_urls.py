"""/api/v1/mynumber/…: this module's JSON API; paths are absolute below /api/v1/."""

from django.urls import re_path

from hogokan.core.rest import ApiRouter
from hogokan.mynumber import rest

router = ApiRouter()
router.register("mynumber/designations", rest.DesignationViewSet, basename="mynumber-designation")
router.register("mynumber/ledger", rest.LedgerViewSet, basename="mynumber-ledger")

app_name = "mynumber-api"
urlpatterns = [
    re_path(r"^mynumber/gaps(?:/)?$", rest.GapView.as_view(), name="gaps"),
    *router.urls,
]
