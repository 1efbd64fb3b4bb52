"""/assets/reviews/…: the security review of new and changed systems (名古屋市)."""

from django.urls import path

from hogokan.assets import views_review as views

urlpatterns = [
    path("security-reviews/", views.review_list, name="security_review_list"),
    path("security-reviews/new/", views.review_create, name="security_review_create"),
    path("security-reviews/table/", views.review_table, name="security_review_table"),
    path("security-reviews/<int:pk>/", views.review_detail, name="security_review_detail"),
    path("security-reviews/<int:pk>/start/", views.review_start, name="security_review_start"),
    path("security-reviews/<int:pk>/notify/", views.review_notify, name="security_review_notify"),
    path("security-reviews/<int:pk>/withdraw/", views.review_withdraw, name="security_review_withdraw"),
]
