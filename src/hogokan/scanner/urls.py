app_name = "scanner"
urlpatterns: list = []
