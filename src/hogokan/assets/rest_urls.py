"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/."""

from hogokan.assets import rest, rest_media, rest_review
from hogokan.core.rest import ApiRouter

router = ApiRouter()
router.register("assets/systems", rest.SystemViewSet, basename="assets-system")
router.register("assets/access-reviews", rest.AccessReviewViewSet, basename="assets-access-review")
router.register("assets/media", rest_media.MediumViewSet, basename="assets-medium")
router.register("assets/take-outs", rest_media.TakeOutViewSet, basename="assets-take-out")
router.register("assets/security-reviews", rest_review.SystemReviewViewSet, basename="assets-security-review")

app_name = "assets-api"
urlpatterns = [*router.urls]
