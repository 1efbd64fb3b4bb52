from django.urls import include, path

from hogokan.org import views

app_name = "org"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("people/", views.person_list, name="person_list"),
    path("transfers/", views.transfers, name="transfers"),
    path("import/", include("hogokan.org.import_urls")),
]
