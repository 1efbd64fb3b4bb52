from django.urls import path

from hogokan.purpose_uses import views

app_name = "purpose_uses"
urlpatterns = [
    path("", views.use_list, name="list"),
    path("new/", views.use_create, name="create"),
    path("stats/", views.stats, name="stats"),
    path("<int:pk>/", views.use_detail, name="detail"),
    path("<int:pk>/edit/", views.use_edit, name="edit"),
    path("<int:pk>/<str:step>/", views.use_step, name="step"),
]
