from django.urls import path

from hogokan.incidents import views_detail, views_list, views_report

app_name = "incidents"
urlpatterns = [
    path("", views_list.incident_list, name="home"),
    path("list/", views_list.incident_list, name="list"),
    path("new/", views_report.incident_new, name="new"),
    path("search/", views_list.search_all, name="search"),
    path("statistics/", views_report.statistics, name="statistics"),
    path("reported/", views_report.ppc_list, name="ppc_list"),
    path("follow-up/", views_report.followup_table, name="followup"),
    path("near-misses/", views_list.near_miss_list, name="near_miss_list"),
    path("near-misses/new/", views_list.near_miss_create, name="near_miss_new"),
    path("near-misses/<int:pk>/", views_list.near_miss_detail, name="near_miss_detail"),
    path("<int:pk>/", views_detail.incident_detail, name="detail"),
    path("<int:pk>/edit/", views_detail.incident_edit, name="edit"),
    path("<int:pk>/summary/", views_detail.incident_summary, name="summary"),
    path("<int:pk>/notice/", views_detail.incident_notice, name="notice"),
    path("<int:pk>/reports/", views_detail.incident_reports, name="reports"),
    path("<int:pk>/ppc-report/<slug:stage>/", views_detail.incident_ppc_draft, name="ppc_draft"),
    path("<int:pk>/status/", views_detail.incident_status, name="status"),
    path("<int:pk>/timeline/", views_detail.timeline_add, name="timeline_add"),
    path("<int:pk>/measures/", views_detail.measure_add, name="measure_add"),
    path("<int:pk>/measures/<int:measure_pk>/", views_detail.measure_edit, name="measure_edit"),
]
