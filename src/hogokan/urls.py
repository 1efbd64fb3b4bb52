from django.contrib import admin
from django.urls import include, path

from hogokan.site.admin_site import install as install_admin_gate

install_admin_gate()

handler400 = "hogokan.site.errors.bad_request"
handler403 = "hogokan.site.errors.forbidden"
handler404 = "hogokan.site.errors.not_found"
handler500 = "hogokan.site.errors.server_error"

urlpatterns = [
    path("", include("hogokan.site.urls")),
    path("accounts/", include("hogokan.accounts.urls")),
    path("org/", include("hogokan.org.urls")),
    path("inspections/", include("hogokan.inspections.urls")),
    path("registers/", include("hogokan.registers.urls")),
    path("outsourcing/", include("hogokan.outsourcing.urls")),
    path("incidents/", include("hogokan.incidents.urls")),
    path("disclosures/", include("hogokan.disclosures.urls")),
    path("purpose-uses/", include("hogokan.purpose_uses.urls")),
    path("assets/", include("hogokan.assets.urls")),
    path("checklists/", include("hogokan.checklists.urls")),
    path("training/", include("hogokan.training.urls")),
    path("mynumber/", include("hogokan.mynumber.urls")),
    path("audits/", include("hogokan.audits.urls")),
    path("scanner/", include("hogokan.scanner.urls")),
    path("reports/", include("hogokan.reports.urls")),
    path("files/", include("hogokan.core.urls")),
    path("api/v1/", include("hogokan.api_urls")),
    path("django-admin/", admin.site.urls),
]
