"""The toolkit's own pages: the health check and the error pages (the domain apps own every other page)."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


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
    return render(
        request,
        "web/error.html",
        {"status": 403, "title": _("Not allowed"), "message": _("You do not have permission to do this.")},
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"status": 404, "title": _("Not found"), "message": _("There is nothing here, or you cannot see it.")},
        status=404,
    )
