from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The one-time link of an invitation (accord.network.actions.do_invite_person): the person picks a password.
    path("accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="web/password_set.html"),
         name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="web/password_set_done.html"), name="password_reset_complete"),
    path("admin/", admin.site.urls),
    path("n/<slug:network>/import/", include("accord.imports.urls")),
    path("n/<slug:network>/", include("accord.reports.urls")),
    path("n/<slug:network>/events/", include("accord.events.urls")),
    path("", include("accord.workspace.urls")),
    path("", include("accord.plans.urls")),
    path("", include("accord.network.urls")),
    path("", include("accord.search.urls")),
    path("", include("accord.web.urls")),
]

handler403 = "accord.web.views.permission_denied"
handler404 = "accord.web.views.page_not_found"
