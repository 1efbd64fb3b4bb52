"""/inspections/results/: the aggregated results (views_aggregate.py)."""

from django.urls import path

from hogokan.inspections import views_aggregate as views

urlpatterns = [
    path("", views.results, name="results"),
    path("campaigns/<int:pk>/", views.results_campaign, name="results_campaign"),
    path("years/<int:fiscal_year>/", views.results_year, name="results_year"),
]
