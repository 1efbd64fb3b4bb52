from django.urls import path

from hogokan.incidents import views_list

app_name = "incidents"
urlpatterns = [
    path("", views_list.incident_list, name="home"),
]
