from django.urls import path

from accord.plans.views import changes, document, item, manage, next_plan, plan_list, table, timeline

app_name = "plans"

urlpatterns = [
    path("n/<slug:network>/plans/", plan_list.plan_list, name="plans"),
    path("n/<slug:network>/plans/new/", manage.create, name="plan_new"),
    path("n/<slug:network>/plans/<int:plan_id>/", document.plan_detail, name="plan"),
    path("n/<slug:network>/plans/<int:plan_id>/settings/", manage.settings_page, name="plan_settings"),
    path("n/<slug:network>/plans/<int:plan_id>/status/", manage.set_status, name="plan_status"),
    path("n/<slug:network>/plans/<int:plan_id>/sections/", manage.add_section, name="section_add"),
    path("n/<slug:network>/plans/<int:plan_id>/sections/<int:section_id>/", manage.section, name="section"),
    path("n/<slug:network>/plans/<int:plan_id>/table/", table.plan_table, name="plan_table"),
    path("n/<slug:network>/plans/<int:plan_id>/timeline/", timeline.plan_timeline, name="plan_timeline"),
    path("n/<slug:network>/plans/<int:plan_id>/changes/", changes.plan_changes, name="plan_changes"),
    path("n/<slug:network>/plans/<int:plan_id>/when/", item.plan_when, name="plan_when"),
    path("n/<slug:network>/plans/<int:plan_id>/next/", next_plan.start_next_plan, name="plan_next"),
    path("n/<slug:network>/items/<int:item_id>/", item.item_detail, name="item"),
    path("n/<slug:network>/items/<int:item_id>/row/", table.item_row, name="item_row"),
    path("n/<slug:network>/items/<int:item_id>/row/edit/", table.item_row_edit, name="item_row_edit"),
    path("n/<slug:network>/items/<int:item_id>/take/", item.item_take, name="item_take"),
    path("n/<slug:network>/items/<int:item_id>/comments/", item.item_comment, name="item_comment"),
]
