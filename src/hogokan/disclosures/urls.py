from django.urls import path

from hogokan.disclosures import views_actions as actions
from hogokan.disclosures import views_requests as requests
from hogokan.disclosures import views_stats

app_name = "disclosures"
urlpatterns = [
    path("", requests.request_list, name="list"),
    path("new/", requests.request_create, name="create"),
    path("stats/", views_stats.stats, name="stats"),
    path("<int:pk>/", requests.request_detail, name="detail"),
    path("<int:pk>/edit/", requests.request_edit, name="edit"),
    path("<int:pk>/corrections/new/", actions.correction_add, name="correction_add"),
    path("<int:pk>/corrections/<int:correction_pk>/receive/", actions.correction_receive, name="correction_receive"),
    path("<int:pk>/extend/", actions.extend, name="extend"),
    path("<int:pk>/special/", actions.special, name="special"),
    path("<int:pk>/hearings/new/", actions.hearing_add, name="hearing_add"),
    path("<int:pk>/hearings/<int:hearing_pk>/edit/", actions.hearing_edit, name="hearing_edit"),
    path("<int:pk>/decisions/new/", actions.decision_add, name="decision_add"),
    path("<int:pk>/decisions/<int:decision_pk>/edit/", actions.decision_edit, name="decision_edit"),
    path("<int:pk>/decisions/<int:decision_pk>/execution/", actions.execution, name="execution"),
    path("<int:pk>/withdraw/", actions.withdraw, name="withdraw"),
    path("<int:pk>/appeals/new/", actions.appeal_add, name="appeal_add"),
    path("<int:pk>/appeals/<int:appeal_pk>/edit/", actions.appeal_edit, name="appeal_edit"),
]
