"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/."""

from hogokan.audits import rest
from hogokan.core.rest import ApiRouter

router = ApiRouter()
router.register("audits/findings", rest.FindingViewSet, basename="audits-finding")

app_name = "audits-api"
urlpatterns = [*router.urls]
