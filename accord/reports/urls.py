"""Exports, feeds and reports of a network's plans (mounted under /n/<network>/)."""

from django.urls import path  # noqa: F401  (patterns are added by the export and report views)

app_name = "reports"

urlpatterns: list = []
