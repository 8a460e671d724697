"""Exports, feeds and reports of a network's plans (mounted under /n/<network>/)."""

from django.urls import path

from accord.reports import feeds, views_briefs, views_digest, views_exports

app_name = "reports"

urlpatterns = [
    path("plans/<int:plan_id>/export/<slug:fmt>/", views_exports.export_plan, name="export"),
    path("plans/<int:plan_id>/revise/", views_exports.revise_upload, name="revise"),
    path("plans/<int:plan_id>/revise/<int:job_id>/", views_exports.revise_review, name="revise_review"),
    path("feeds/", feeds.tokens_page, name="feeds"),
    path("feeds/<int:token_id>/revoke/", feeds.token_revoke, name="feed_revoke"),
    path("feeds/<str:token>/network.ics", feeds.network_feed, name="feed_network"),
    path("feeds/<str:token>/organisations/<slug:slug>.ics", feeds.organisation_feed, name="feed_organisation"),
    path("feeds/<str:token>/people/<int:person_id>.ics", feeds.person_feed, name="feed_person"),
    path("plans/<int:plan_id>/handover/", views_briefs.handover_brief, name="handover"),
    path("plans/<int:plan_id>/handover.docx", views_briefs.handover_brief, {"fmt": "docx"}, name="handover_docx"),
    path("plans/<int:plan_id>/handover.pdf", views_briefs.handover_brief, {"fmt": "pdf"}, name="handover_pdf"),
    path("plans/<int:plan_id>/progress/", views_briefs.progress_report, name="progress"),
    path("plans/<int:plan_id>/progress.docx", views_briefs.progress_report, {"fmt": "docx"}, name="progress_docx"),
    path("plans/<int:plan_id>/progress.pdf", views_briefs.progress_report, {"fmt": "pdf"}, name="progress_pdf"),
    path("digest/", views_digest.digest_page, name="digest"),
    path("digest/settings/", views_digest.digest_settings, name="digest_settings"),
]
