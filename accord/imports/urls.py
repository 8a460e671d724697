from django.urls import path

from accord.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:job_id>/", views.job_page, name="job"),
    path("<int:job_id>/status/", views.status, name="status"),
    path("<int:job_id>/save/", views.save, name="save"),
    path("<int:job_id>/discard/", views.discard, name="discard"),
    path("<int:job_id>/when/", views.when, name="when"),
]
