from django.urls import path

from hogokan.inspections import views_responses as views

urlpatterns = [
    path("", views.home, name="home"),
    path("responses/<int:pk>/", views.response_detail, name="response"),
]
