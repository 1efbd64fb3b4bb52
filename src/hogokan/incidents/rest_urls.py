"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ (e.g. "incidents/…", "rules/…")."""

app_name = "incidents-api"
urlpatterns: list = []
