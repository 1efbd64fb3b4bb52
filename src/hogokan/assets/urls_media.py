"""/assets/media/… and /assets/take-outs/…: removable media, their 現物確認, and take-outs."""

from django.urls import path

from hogokan.assets import views_media as views

urlpatterns = [
    path("media/", views.media_list, name="media_list"),
    path("media/new/", views.media_create, name="media_create"),
    path("media/<int:pk>/", views.media_detail, name="media_detail"),
    path("media/<int:pk>/edit/", views.media_edit, name="media_edit"),
    path("media/<int:pk>/dispose/", views.media_dispose, name="media_dispose"),
    path("media/stocktakes/", views.media_stocktake_list, name="media_stocktake_list"),
    path("media/stocktakes/start/", views.media_stocktake_start, name="media_stocktake_start"),
    path("media/stocktakes/<int:pk>/", views.media_stocktake_detail, name="media_stocktake_detail"),
    path("take-outs/", views.takeout_list, name="takeout_list"),
    path("take-outs/new/", views.takeout_create, name="takeout_create"),
    path("take-outs/statistics/", views.takeout_statistics, name="takeout_statistics"),
    path("take-outs/<int:pk>/", views.takeout_detail, name="takeout_detail"),
    path("take-outs/<int:pk>/decide/", views.takeout_decide, name="takeout_decide"),
    path("take-outs/<int:pk>/return/", views.takeout_return, name="takeout_return"),
    path("take-outs/<int:pk>/withdraw/", views.takeout_withdraw, name="takeout_withdraw"),
]
