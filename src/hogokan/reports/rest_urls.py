"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ ("reports/…")."""

from django.urls import path, re_path

from hogokan.reports import ppc, rest

app_name = "reports-api"
urlpatterns = [
    re_path(r"^reports/annual(?:/)?$", rest.AnnualView.as_view(), name="annual"),
    # the contract of issue 22 §4 names the path under the incident; the documents are printed here
    path("incidents/<int:pk>/ppc-report", ppc.PpcReportView.as_view(), name="ppc-report"),
]
