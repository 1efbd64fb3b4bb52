"""/registers/: the staff pages (login) and /registers/public/ (no login)."""

from django.urls import path

from hogokan.registers import views_affairs, views_files, views_import, views_pia, views_public

app_name = "registers"
urlpatterns = [
    path("", views_files.file_list, name="file_list"),
    path("files/new/", views_files.file_create, name="file_create"),
    path("files/<int:pk>/", views_files.file_detail, name="file_detail"),
    path("files/<int:pk>/edit/", views_files.file_edit, name="file_edit"),
    path("files/<int:pk>/submit/", views_files.file_submit, name="file_submit"),
    path("files/<int:pk>/return/", views_files.file_return, name="file_return"),
    path("files/<int:pk>/approve/", views_files.file_approve, name="file_approve"),
    path("files/<int:pk>/publish/", views_files.file_publish, name="file_publish"),
    path("files/<int:pk>/retire/", views_files.file_retire, name="file_retire"),
    path("files/<int:pk>/versions/<int:number>/", views_files.version_detail, name="version_detail"),
    path("affairs/", views_affairs.affair_list, name="affair_list"),
    path("affairs/new/", views_affairs.affair_start, name="affair_start"),
    path("affairs/<int:pk>/", views_affairs.affair_detail, name="affair_detail"),
    path("affairs/<int:pk>/change/", views_affairs.affair_change, name="affair_change"),
    path("affairs/<int:pk>/end/", views_affairs.affair_end, name="affair_end"),
    path("counts/", views_affairs.counts, name="counts"),
    path("pias/", views_pia.pia_list, name="pia_list"),
    path("pias/new/", views_pia.pia_create, name="pia_create"),
    path("pias/<int:pk>/", views_pia.pia_detail, name="pia_detail"),
    path("pias/<int:pk>/edit/", views_pia.pia_edit, name="pia_edit"),
    path("pias/<int:pk>/review/", views_pia.pia_review, name="pia_review"),
    path("pias/<int:pk>/changes/new/", views_pia.pia_change, name="pia_change"),
    path("pias/<int:pk>/reevaluate/", views_pia.pia_reevaluate, name="pia_reevaluate"),
    path("import/", views_import.import_start, name="import"),
    path("import/commit/", views_import.import_commit, name="import_commit"),
    path("import/template/", views_import.import_template, name="import_template"),
    path("export/", views_import.export_all, name="export"),
    path("public/", views_public.public_list, name="public_list"),
    path("public/files/<int:file_id>/", views_public.public_detail, name="public_detail"),
]
