"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ (e.g. "disclosures/…", "rules/…")."""

app_name = "disclosures-api"
urlpatterns: list = []
