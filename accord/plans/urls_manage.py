"""Plan management pages, under /n/<network>/plans/ (beside the plan's own pages)."""

from django.urls import path

from accord.plans import views_manage

app_name = "plans_manage"

urlpatterns = [
    path("new/", views_manage.create, name="create"),
    path("<int:plan_id>/settings/", views_manage.settings_page, name="settings"),
    path("<int:plan_id>/status/", views_manage.set_status, name="status"),
    path("<int:plan_id>/sections/", views_manage.add_section, name="add_section"),
    path("<int:plan_id>/sections/<int:section_id>/", views_manage.section, name="section"),
]
