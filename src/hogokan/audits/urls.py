from django.urls import path

from hogokan.audits import views_findings, views_sources

app_name = "audits"
urlpatterns = [
    path("", views_findings.finding_list, name="home"),
    path("findings/", views_findings.finding_list, name="finding_list"),
    path("findings/new/", views_findings.finding_create, name="finding_create"),
    path("findings/overview/", views_findings.overview, name="overview"),
    path("findings/import/", views_sources.import_start, name="import"),
    path("findings/import/commit/", views_sources.import_commit, name="import_commit"),
    path("findings/import/template/", views_sources.import_template, name="import_template"),
    path("findings/<int:pk>/", views_findings.finding_detail, name="finding_detail"),
    path("findings/<int:pk>/edit/", views_findings.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/progress/", views_findings.progress_add, name="finding_progress"),
    path("findings/<int:pk>/report/", views_findings.finding_report, name="finding_report"),
    path("findings/<int:pk>/confirm/", views_findings.finding_confirm, name="finding_confirm"),
    path("findings/<int:pk>/return/", views_findings.finding_return, name="finding_return"),
    path("sources/", views_sources.source_list, name="source_list"),
    path("sources/new/", views_sources.source_create, name="source_create"),
    path("sources/<int:pk>/", views_sources.source_detail, name="source_detail"),
    path("sources/<int:pk>/edit/", views_sources.source_edit, name="source_edit"),
    path("sources/<int:pk>/print/", views_sources.source_print, name="source_print"),
]
