"""/api/v1/org/…: the organisation's JSON API (see org/rest.py); paths answer with or without a trailing slash."""

from hogokan.core.rest import ApiRouter
from hogokan.org import rest

router = ApiRouter()
router.register("organs", rest.OrganViewSet, basename="org-organ")
router.register("units", rest.UnitViewSet, basename="org-unit")
router.register("people", rest.PersonViewSet, basename="org-person")
router.register("assignments", rest.AssignmentViewSet, basename="org-assignment")

app_name = "org-api"
urlpatterns = router.urls
