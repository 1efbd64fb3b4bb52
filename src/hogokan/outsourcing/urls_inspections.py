"""The inspections' pages (included by urls.py under /outsourcing/)."""

from django.urls import path

from hogokan.outsourcing import views_inspections as views

urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/request/", views.inspection_request, name="inspection_request"),
    path("inspections/<int:pk>/answer/", views.inspection_answer, name="inspection_answer"),
    path("inspections/<int:pk>/record/", views.inspection_record, name="inspection_record"),
    path("inspections/<int:pk>/complete/", views.inspection_complete, name="inspection_complete"),
    path("inspections/<int:pk>/return/", views.inspection_return, name="inspection_return"),
    path("inspections/<int:pk>/notice/", views.inspection_notice, name="inspection_notice"),
    path("<int:pk>/inspections/new/", views.contract_inspection_add, name="contract_inspection_add"),
    path("improvements/<int:pk>/", views.improvement_detail, name="improvement_detail"),
    path("improvements/<int:pk>/edit/", views.improvement_edit, name="improvement_edit"),
    path("improvements/<int:pk>/accept/", views.improvement_accept, name="improvement_accept"),
    path("improvements/<int:pk>/return/", views.improvement_return, name="improvement_return"),
]
