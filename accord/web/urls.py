from django.urls import path

from accord.plans import views_next
from accord.web import views, views_plan, views_workspace

app_name = "web"

urlpatterns = [
    path("", views_workspace.dashboard, name="home"),
    path("n/<slug:network>/", views_workspace.network_home, name="network"),
    path("n/<slug:network>/plans/", views.plan_list, name="plans"),
    path("n/<slug:network>/plans/<int:plan_id>/", views_plan.plan_detail, name="plan"),
    path("n/<slug:network>/plans/<int:plan_id>/table/", views_plan.plan_table, name="plan_table"),
    path("n/<slug:network>/plans/<int:plan_id>/timeline/", views_plan.plan_timeline, name="plan_timeline"),
    path("n/<slug:network>/plans/<int:plan_id>/changes/", views_plan.plan_changes, name="plan_changes"),
    path("n/<slug:network>/plans/<int:plan_id>/when/", views_plan.plan_when, name="plan_when"),
    path("n/<slug:network>/plans/<int:plan_id>/next/", views_next.start_next_plan, name="plan_next"),
    path("n/<slug:network>/items/<int:item_id>/", views_plan.item_detail, name="item"),
    path("n/<slug:network>/items/<int:item_id>/row/", views_plan.item_row, name="item_row"),
    path("n/<slug:network>/items/<int:item_id>/row/edit/", views_plan.item_row_edit, name="item_row_edit"),
    path("n/<slug:network>/items/<int:item_id>/take/", views_plan.item_take, name="item_take"),
    path("n/<slug:network>/items/<int:item_id>/comments/", views_plan.item_comment, name="item_comment"),
    path("n/<slug:network>/organisations/<slug:slug>/", views_workspace.organisation_detail, name="organisation"),
    path("n/<slug:network>/workload/", views_workspace.workload, name="workload"),
    path("n/<slug:network>/calendar/", views_workspace.calendar, name="calendar"),
    path("search", views_workspace.search_page, name="search"),
    path("healthz", views.healthz, name="healthz"),
]
