from django.urls import path

from hogokan.org import views

app_name = "org"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("people/", views.person_list, name="person_list"),
    path("transfers/", views.transfers, name="transfers"),
    path("import/", views.import_start, name="import"),
]
