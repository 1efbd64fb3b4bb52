"""The contractor portal and the filings' pages (included by urls.py under /outsourcing/)."""

from django.urls import path

from hogokan.outsourcing import views_filings as views

urlpatterns = [
    path("portal/", views.portal_home, name="portal"),
    path("<int:pk>/filings/", views.contract_filings, name="contract_filings"),
    path("<int:pk>/reports/new/", views.contract_report_create, name="contract_report_create"),
    path("<int:pk>/subcontracts/new/", views.contract_subcontract_apply, name="contract_subcontract_apply"),
    path("<int:pk>/deletion/new/", views.contract_deletion_create, name="contract_deletion_create"),
    path("<int:pk>/counts/", views.contract_counts, name="contract_counts"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/accept/", views.report_accept, name="report_accept"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("subcontracts/<int:pk>/", views.subcontract_detail, name="subcontract_detail"),
    path("subcontracts/<int:pk>/decide/", views.subcontract_decide, name="subcontract_decide"),
    path("subcontracts/<int:pk>/reports/new/", views.subcontract_report_create, name="subcontract_report_create"),
    path("deletion/<int:pk>/", views.deletion_detail, name="deletion_detail"),
    path("deletion/<int:pk>/edit/", views.deletion_edit, name="deletion_edit"),
    path("deletion/<int:pk>/confirm/", views.deletion_confirm, name="deletion_confirm"),
    path("deletion/<int:pk>/return/", views.deletion_return, name="deletion_return"),
    path("deletion/overdue/", views.deletion_overdue, name="deletion_overdue"),
]
