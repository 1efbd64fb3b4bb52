app_name = "purpose_uses"
urlpatterns: list = []
