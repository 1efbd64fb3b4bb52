from django.urls import path

from hogokan.inspections import views_responses as views

urlpatterns = [
    path("", views.home, name="home"),
    path("responses/<int:pk>/", views.response_detail, name="response"),
    path("responses/<int:pk>/review/", views.response_review, name="response_review"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
    path("section-items/", views.section_items, name="section_items"),
    path("section-items/<int:pk>/retire/", views.section_item_retire, name="section_item_retire"),
    path("units/<int:unit_pk>/quarter/<int:fiscal_year>/<int:quarter>/", views.quarter, name="quarter"),
]
