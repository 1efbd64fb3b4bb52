"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/."""

from hogokan.assets import rest
from hogokan.core.rest import ApiRouter

router = ApiRouter()
router.register("assets/systems", rest.SystemViewSet, basename="assets-system")
router.register("assets/access-reviews", rest.AccessReviewViewSet, basename="assets-access-review")

app_name = "assets-api"
urlpatterns = [*router.urls]
