"""Pages. Views are thin: load what the URL names through access helpers, read through queries, render."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accord.network.permissions import can_edit_network_content
from accord.plans import queries as plan_queries
from accord.web import page_cache
from accord.web.access import get_network


def plan_list(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)

    def context() -> dict:
        return {
            "network": net,
            "plans": plan_queries.plan_list(request.user, net),
            "can_edit": can_edit_network_content(request.user, net),
        }

    body = page_cache.body(request, "web/plans.html#body",
                           ("plans", net.pk, page_cache.scope(request.user, net)), context)
    return render(request, "web/plans.html", {"network": net, "body": body, "nav": "plans"})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


@require_GET
def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers ask for on every site whatever the page links: the icon in static."""
    path = finders.find("accord/favicon.ico")
    if not path:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115 - closed by Django
    response["Cache-Control"] = "public, max-age=86400"
    return response


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 403, "title": _("Not allowed"),
                                              "message": _("You do not have permission to do this.")}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 404, "title": _("Not found"),
                                              "message": _("There is nothing here, or you cannot see it.")}, status=404)
