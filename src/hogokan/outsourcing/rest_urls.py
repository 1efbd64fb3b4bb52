"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/ (e.g. "outsourcing/…", "rules/…")."""

app_name = "outsourcing-api"
urlpatterns: list = []
