from django.urls import path

from hogokan.audits import views_findings, views_sources, views_visits

app_name = "audits"
urlpatterns = [
    path("", views_findings.finding_list, name="home"),
    path("status/", views_findings.status, name="status"),
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
    path("plans/", views_visits.plan_list, name="plan_list"),
    path("plans/new/", views_visits.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views_visits.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views_visits.plan_edit, name="plan_edit"),
    path("visits/", views_visits.visit_list, name="visit_list"),
    path("visits/propose/", views_visits.visit_propose, name="visit_propose"),
    path("visits/add/", views_visits.visit_add, name="visit_add"),
    path("visits/results/", views_visits.visit_results, name="visit_results"),
    path("visits/<int:pk>/", views_visits.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/record/", views_visits.visit_record, name="visit_record"),
    path("visits/<int:pk>/findings/", views_visits.visit_finding_add, name="visit_finding"),
    path("visits/<int:pk>/practices/", views_visits.visit_practice_add, name="visit_practice"),
    path("visits/<int:pk>/cancel/", views_visits.visit_cancel, name="visit_cancel"),
    path("sources/", views_sources.source_list, name="source_list"),
    path("sources/new/", views_sources.source_create, name="source_create"),
    path("sources/<int:pk>/", views_sources.source_detail, name="source_detail"),
    path("sources/<int:pk>/edit/", views_sources.source_edit, name="source_edit"),
    path("sources/<int:pk>/print/", views_sources.source_print, name="source_print"),
]
