app_name = "outsourcing"
urlpatterns: list = []
