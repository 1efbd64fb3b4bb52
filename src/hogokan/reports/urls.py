from django.urls import path

from hogokan.reports import evaluation, ppc, views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("annual/", views.annual, name="annual"),
    path("council/", views.council_page, name="council"),
    path("tables/", views.catalogue_page, name="catalogue"),
    path("tables/<slug:key>/", views.table_page, name="table"),
    path("incidents/<int:pk>/ppc-report/", ppc.ppc_download, name="ppc_download"),
    path("evaluations/<int:pk>/paper/", evaluation.evaluation_paper, name="evaluation_paper"),
]
