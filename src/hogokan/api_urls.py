"""/api/v1/: every module's REST endpoints, the OpenAPI schema and its docs page."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes hogokan.accounts.tokens.TokenAuthentication in the schema."""

    target_class = "hogokan.accounts.tokens.TokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "Authorization: Bearer hgk_…（`hogokan apitoken ログインID` で発行）"}


urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api_schema"),
    # Redoc styles itself inline and parses the schema in a blob: worker; nothing else may.
    path("docs/", csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
        SpectacularRedocView.as_view(url_name="api_schema")), name="api_docs"),
    path("org/", include("hogokan.org.rest_urls")),
    path("inspections/", include("hogokan.inspections.rest_urls")),
    # The modules below give their own paths under /api/v1/ (their resources and rules/…).
    path("", include("hogokan.registers.rest_urls")),
    path("", include("hogokan.outsourcing.rest_urls")),
    path("", include("hogokan.incidents.rest_urls")),
    path("", include("hogokan.disclosures.rest_urls")),
    path("", include("hogokan.purpose_uses.rest_urls")),
    path("", include("hogokan.assets.rest_urls")),
    path("", include("hogokan.checklists.rest_urls")),
    path("", include("hogokan.training.rest_urls")),
    path("", include("hogokan.mynumber.rest_urls")),
    path("", include("hogokan.audits.rest_urls")),
    path("", include("hogokan.scanner.rest_urls")),
    path("", include("hogokan.reports.rest_urls")),
]
