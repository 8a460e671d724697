"""Exports, feeds and reports of a network's plans (mounted under /n/<network>/)."""

from django.urls import path

from accord.reports import views_briefs, views_digest

app_name = "reports"

urlpatterns: list = [
    path("plans/<int:plan_id>/handover/", views_briefs.handover_brief, name="handover"),
    path("plans/<int:plan_id>/handover.docx", views_briefs.handover_brief, {"fmt": "docx"}, name="handover_docx"),
    path("plans/<int:plan_id>/handover.pdf", views_briefs.handover_brief, {"fmt": "pdf"}, name="handover_pdf"),
    path("plans/<int:plan_id>/progress/", views_briefs.progress_report, name="progress"),
    path("plans/<int:plan_id>/progress.docx", views_briefs.progress_report, {"fmt": "docx"}, name="progress_docx"),
    path("plans/<int:plan_id>/progress.pdf", views_briefs.progress_report, {"fmt": "pdf"}, name="progress_pdf"),
    path("digest/", views_digest.digest_page, name="digest"),
    path("digest/settings/", views_digest.digest_settings, name="digest_settings"),
]
