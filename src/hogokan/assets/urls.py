from django.urls import path

from hogokan.assets import urls_media, urls_review, views, views_reviews

app_name = "assets"
urlpatterns = [
    path("", views.system_list, name="system_list"),
    path("systems/new/", views.system_create, name="system_create"),
    path("systems/<int:pk>/", views.system_detail, name="system_detail"),
    path("systems/<int:pk>/edit/", views.system_edit, name="system_edit"),
    path("systems/<int:pk>/accounts/new/", views.account_add, name="account_add"),
    path("systems/<int:pk>/accounts/<int:account_pk>/disable/", views.account_disable, name="account_disable"),
    path("systems/<int:pk>/accounts/import/", views.account_import, name="account_import"),
    path("systems/<int:pk>/accounts/import/commit/", views.account_import_commit, name="account_import_commit"),
    path("systems/<int:pk>/stocktakes/new/", views_reviews.stocktake_start, name="stocktake_start"),
    path("systems/<int:pk>/log-analyses/new/", views_reviews.log_analysis_add, name="log_analysis_add"),
    path("stocktakes/<int:pk>/", views_reviews.stocktake_detail, name="stocktake_detail"),
    path("access-reviews/", views_reviews.review_list, name="review_list"),
    path("access-reviews/<int:pk>/", views_reviews.review_detail, name="review_detail"),
    path("access-reviews/<int:pk>/confirm/", views_reviews.review_confirm, name="review_confirm"),
    path("schedules/", views_reviews.schedules, name="schedules"),
    path("survey/", views.survey_view, name="survey"),
    *urls_media.urlpatterns,  # 外部記録媒体・持出し
    *urls_review.urlpatterns,  # 情報セキュリティ対策の点検（開発・変更）
]
