"""/inspections/manage/: the chief's pages for campaigns (点検) and checklist templates (様式)."""

from django.urls import path

from hogokan.inspections import views_manage as views

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/generate/", views.campaign_generate, name="campaign_generate"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/notify/", views.campaign_notify, name="campaign_notify"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/print/", views.template_print, name="template_print"),
    path("templates/<int:pk>/revise/", views.template_revise, name="template_revise"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/publish/", views.template_publish, name="template_publish"),
    path("templates/<int:pk>/items/new/", views.item_edit, name="template_item_create"),
    path("templates/<int:pk>/items/<int:item_pk>/", views.item_edit, name="template_item_edit"),
    path("templates/<int:pk>/items/<int:item_pk>/remove/", views.item_remove, name="template_item_remove"),
]
