from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("accounts/", include("accord.accounts.urls")),
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
