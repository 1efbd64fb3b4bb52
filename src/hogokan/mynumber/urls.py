from django.urls import path

from hogokan.mynumber import views_designations, views_ledger

app_name = "mynumber"
urlpatterns = [
    path("", views_designations.designation_list, name="home"),
    path("designations/", views_designations.designation_list, name="designation_list"),
    path("designations/new/", views_designations.designation_create, name="designation_create"),
    path("designations/<int:pk>/", views_designations.designation_detail, name="designation_detail"),
    path("designations/<int:pk>/end/", views_designations.designation_end, name="designation_end"),
    path("gaps/", views_designations.gaps, name="gaps"),
    path("ledger/", views_ledger.ledger_list, name="ledger_list"),
    path("ledger/new/", views_ledger.ledger_create, name="ledger_create"),
    path("ledger/<int:pk>/", views_ledger.ledger_detail, name="ledger_detail"),
    path("ledger/<int:pk>/correct/", views_ledger.ledger_correct, name="ledger_correct"),
]
