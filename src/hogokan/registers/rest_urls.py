"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ (e.g. "registers/…", "rules/…")."""

app_name = "registers-api"
urlpatterns: list = []
