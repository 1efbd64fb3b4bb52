"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ ("reports/…")."""

from django.urls import re_path

from hogokan.reports import rest

app_name = "reports-api"
urlpatterns = [
    re_path(r"^reports/annual(?:/)?$", rest.AnnualView.as_view(), name="annual"),
]
