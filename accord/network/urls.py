from django.urls import path

from accord.network import views, views_manage

app_name = "network"

urlpatterns = [
    path("networks/new/", views_manage.create, name="create"),
    path("n/<slug:network>/manage/", views_manage.settings_page, name="settings"),
    path("n/<slug:network>/manage/people/", views_manage.people, name="people"),
    path("n/<slug:network>/manage/people/<int:role_id>/", views_manage.role, name="role"),
    path("n/<slug:network>/manage/members/", views_manage.members, name="members"),
    path("n/<slug:network>/manage/members/<slug:slug>/", views_manage.member, name="member"),
    path("n/<slug:network>/manage/memberships/<int:membership_id>/", views_manage.membership, name="membership"),
    path("n/<slug:network>/manage/chairs/", views_manage.chairs, name="chairs"),
    path("n/<slug:network>/manage/chairs/<int:term_id>/", views_manage.chair, name="chair"),
    path("n/<slug:network>/manage/groups/", views_manage.groups, name="groups"),
    path("n/<slug:network>/manage/groups/<int:group_id>/", views_manage.group, name="group"),
    path("n/<slug:network>/organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
