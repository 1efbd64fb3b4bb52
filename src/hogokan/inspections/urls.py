from django.urls import include, path

app_name = "inspections"
urlpatterns = [
    path("", include("hogokan.inspections.urls_responses")),
    path("results/", include("hogokan.inspections.urls_aggregate")),
    path("manage/", include("hogokan.inspections.urls_manage")),
]
