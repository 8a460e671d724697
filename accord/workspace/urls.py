from django.urls import path

from accord.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("n/<slug:network>/", views.network_home, name="network"),
    path("n/<slug:network>/workload/", views.workload, name="workload"),
    path("n/<slug:network>/calendar/", views.calendar, name="calendar"),
]
