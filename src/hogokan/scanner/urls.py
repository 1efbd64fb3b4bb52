from django.urls import path

from hogokan.scanner import views

app_name = "scanner"
urlpatterns = [
    path("", views.home, name="home"),
    path("check/", views.check, name="check"),
    path("checks/", views.check_log, name="check_log"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("rules/", views.path_rules, name="rules"),
]
