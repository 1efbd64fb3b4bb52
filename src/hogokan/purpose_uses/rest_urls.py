"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ (e.g. "purpose_uses/…", "rules/…")."""

app_name = "purpose_uses-api"
urlpatterns: list = []
