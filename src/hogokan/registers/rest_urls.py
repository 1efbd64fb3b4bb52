"""/api/v1/…: the registers' JSON API (see registers/rest.py); paths answer with or without a trailing slash."""

from django.urls import re_path

from hogokan.core.rest import ApiRouter
from hogokan.registers import rest

router = ApiRouter()
router.register("registers/files", rest.FileViewSet, basename="registers-file")
router.register("registers/affairs", rest.AffairViewSet, basename="registers-affair")
router.register("registers/pias", rest.PiaViewSet, basename="registers-pia")
router.register("registers/evaluation-documents", rest.EvaluationDocumentViewSet, basename="registers-document")
router.register("registers/evaluations", rest.EvaluationRoundViewSet, basename="registers-evaluation")
router.register("registers/council-meetings", rest.CouncilMeetingViewSet, basename="registers-council")

app_name = "registers-api"
urlpatterns = [
    re_path(r"^rules/pia-level(?:/)?$", rest.PiaLevelView.as_view(), name="pia-level"),
    *router.urls,
]
