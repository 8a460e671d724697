"""Sign-in pages. Names follow Django's (login, logout, password_reset, ...) so Django's views find them."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accord.accounts import views

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("sessions/", views.sessions, name="sessions"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context={"login_url": reverse_lazy("login")}),
        name="password_reset_complete",
    ),
]
