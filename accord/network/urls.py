from django.urls import path

from accord.network import views

app_name = "network"

urlpatterns = [
    path("n/<slug:network>/organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
