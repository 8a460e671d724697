from django.urls import path

from accord.web import views, views_plan

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("n/<slug:network>/", views.network_home, name="network"),
    path("n/<slug:network>/plans/", views.plan_list, name="plans"),
    path("n/<slug:network>/plans/<int:plan_id>/", views_plan.plan_detail, name="plan"),
    path("n/<slug:network>/items/<int:item_id>/", views_plan.item_detail, name="item"),
    path("n/<slug:network>/organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("healthz", views.healthz, name="healthz"),
]
