"""/api/v1/…: this module's JSON API; paths are absolute below /api/v1/."""

app_name = "assets-api"
urlpatterns: list = []
