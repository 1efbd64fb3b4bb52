from django.urls import path

from hogokan.org import import_views

urlpatterns = [
    path("", import_views.import_start, name="import"),
    path("commit/", import_views.import_commit_view, name="import_commit"),
    path("template/<slug:kind>.csv", import_views.import_template, {"fmt": "csv"}, name="import_template_csv"),
    path("template/<slug:kind>.xlsx", import_views.import_template, {"fmt": "xlsx"}, name="import_template_xlsx"),
]
