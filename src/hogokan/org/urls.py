from django.urls import include, path

from hogokan.org import leaves, views, views_people, views_units

app_name = "org"
urlpatterns = [
    path("units/", views_units.unit_list, name="unit_list"),
    path("units/new/", views_units.unit_create, name="unit_create"),
    path("units/merge/", views_units.unit_merge, name="unit_merge"),
    path("units/<int:pk>/", views_units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/rename/", views_units.unit_rename, name="unit_rename"),
    path("units/<int:pk>/move/", views_units.unit_move, name="unit_move"),
    path("units/<int:pk>/abolish/", views_units.unit_abolish, name="unit_abolish"),
    path("people/", views_people.person_list, name="person_list"),
    path("people/new/", views_people.person_create, name="person_create"),
    path("people/<int:pk>/", views_people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views_people.person_edit, name="person_edit"),
    path("people/<int:pk>/assignments/new/", views_people.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/end/", views_people.assignment_end, name="assignment_end"),
    path("transfers/", views.transfers, name="transfers"),
    path("leaves/", leaves.leave_list, name="leave_list"),
    path("leaves/import/", leaves.leave_import, name="leave_import"),
    path("leaves/import/commit/", leaves.leave_import_commit, name="leave_import_commit"),
    path("import/", include("hogokan.org.import_urls")),
]
