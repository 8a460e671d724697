"""Exports, feeds and reports of a network's plans (mounted under /n/<network>/)."""

from django.urls import path

from accord.reports import feeds, views_exports

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
]
