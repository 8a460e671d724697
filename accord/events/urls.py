from django.urls import path

from accord.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:event_id>/", views.event_detail, name="event"),
    path("<int:event_id>/edit/", views.edit, name="edit"),
    path("<int:event_id>/links/", views.link, name="link"),
    path("<int:event_id>/links/<int:link_id>/remove/", views.unlink, name="unlink"),
]
