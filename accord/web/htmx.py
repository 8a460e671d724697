"""htmx helpers: which fragment a request targets, and the Vary header for URLs that answer both."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


def htmx_target(request: HttpRequest) -> str | None:
    htmx = getattr(request, "htmx", None)
    return htmx.target if htmx else None


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    # The same URL answers a whole page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
