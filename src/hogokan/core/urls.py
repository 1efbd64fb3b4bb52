from django.urls import path

from hogokan.core import views

app_name = "core"
urlpatterns = [
    path("<int:content_type_id>/<int:object_id>/upload", views.attachment_upload, name="attachment_upload"),
    path("attachment/<int:pk>/download", views.attachment_download, name="attachment_download"),
]
