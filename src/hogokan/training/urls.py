from django.urls import path

from hogokan.training import views

app_name = "training"
urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/sessions/", views.session_add, name="session_add"),
    path("courses/<int:pk>/attendance/", views.attendance_add, name="attendance_add"),
    path("courses/<int:pk>/import/", views.import_start, name="import"),
    path("courses/<int:pk>/import/commit/", views.import_commit, name="import_commit"),
    path("courses/<int:pk>/outstanding/", views.outstanding, name="outstanding"),
    path("courses/<int:pk>/remind/", views.remind, name="remind"),
    path("courses/<int:pk>/transmission/", views.transmission, name="transmission"),
    path("units/<int:pk>/", views.unit_outstanding, name="unit_outstanding"),
    path("rates/", views.rates, name="rates"),
    path("mine/", views.mine, name="mine"),
    path("people/<int:pk>/", views.person_training, name="person"),
]
