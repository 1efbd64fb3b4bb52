from django.urls import path

from hogokan.org import views

urlpatterns = [
    path("", views.import_start, name="import"),
]
