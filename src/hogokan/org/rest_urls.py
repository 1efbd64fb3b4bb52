from django.urls import path

urlpatterns: list = [
    # filled by org/rest.py
]
_ = path
