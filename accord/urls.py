from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("n/<slug:network>/import/", include("accord.imports.urls")),
    path("n/<slug:network>/", include("accord.reports.urls")),
    path("", include("accord.workspace.urls")),
    path("", include("accord.plans.urls")),
    path("", include("accord.network.urls")),
    path("", include("accord.search.urls")),
    path("", include("accord.web.urls")),
]

handler403 = "accord.web.views.permission_denied"
handler404 = "accord.web.views.page_not_found"
