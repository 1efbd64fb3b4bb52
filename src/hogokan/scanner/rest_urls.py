"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/."""

from django.urls import path

from hogokan.scanner import rest

app_name = "scanner-api"
urlpatterns = [
    path("scan", rest.PreSendCheckView.as_view(), name="scan"),
    path("scan-runs", rest.ScanRunView.as_view(), name="scan-runs"),
    path("scan-runs/<int:pk>/files", rest.ScanRunFilesView.as_view(), name="scan-run-files"),
]
