from django.urls import path

from hogokan.outsourcing import views, views_precheck
from hogokan.outsourcing.urls_filings import urlpatterns as filings_urlpatterns
from hogokan.outsourcing.urls_inspections import urlpatterns as inspections_urlpatterns

app_name = "outsourcing"
urlpatterns = [
    path("", views.contract_list, name="contract_list"),
    path("new/", views.contract_create, name="contract_create"),
    path("<int:pk>/", views.contract_detail, name="contract_detail"),
    path("<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("<int:pk>/status/", views.contract_move, name="contract_move"),
    path("<int:pk>/precheck/", views_precheck.contract_precheck, name="contract_precheck"),
    path("<int:pk>/precheck/review/", views_precheck.contract_precheck_review, name="contract_precheck_review"),
    path("companies/", views.company_list, name="company_list"),
    path("companies/new/", views.company_create, name="company_create"),
    path("companies/<int:pk>/", views.company_detail, name="company_detail"),
    path("companies/<int:pk>/edit/", views.company_edit, name="company_edit"),
    *filings_urlpatterns,
    *inspections_urlpatterns,
]
