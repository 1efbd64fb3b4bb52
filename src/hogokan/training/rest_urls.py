"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/."""

from hogokan.core.rest import ApiRouter
from hogokan.training import rest

router = ApiRouter()
router.register("training/courses", rest.CourseViewSet, basename="training-course")

app_name = "training-api"
urlpatterns = [*router.urls]
