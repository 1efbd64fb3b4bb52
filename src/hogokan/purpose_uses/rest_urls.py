"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ ("purpose-uses/…")."""

from hogokan.core.rest import ApiRouter
from hogokan.purpose_uses import rest

router = ApiRouter()
router.register("purpose-uses", rest.UseViewSet, basename="purpose-use")

app_name = "purpose_uses-api"
urlpatterns = [*router.urls]
