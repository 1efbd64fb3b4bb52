from django.contrib.auth import views as auth_views
from django.urls import path

from hogokan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("2fa/setup/", views.otp_setup, name="otp_setup"),
    path("2fa/verify/", views.otp_verify, name="otp_verify"),
    path("switch/", views.switch_assignment, name="switch"),
    path("settings/", views.settings_page, name="settings"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("locks/", views.lock_list, name="lock_list"),
    path("locks/release/", views.lock_release, name="lock_release"),
]
