"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ (e.g. "outsourcing/…", "rules/…")."""

from django.urls import re_path

from hogokan.core.rest import ApiRouter
from hogokan.outsourcing import rest, rest_filings, rest_inspections

router = ApiRouter()
router.register("outsourcing/contracts", rest.ContractViewSet, basename="outsourcing-contract")
router.register("outsourcing/companies", rest.CompanyViewSet, basename="outsourcing-company")
rest_filings.register(router)  # reports, subcontracts, deletion reports, yearly counts
rest_inspections.register(router)  # inspections (with their answers and improvement reports)

app_name = "outsourcing-api"
urlpatterns = [
    re_path(r"^rules/contractor-inspections(?:/)?$", rest.ContractorInspectionsView.as_view(),
            name="contractor-inspections"),
    *router.urls,
]
