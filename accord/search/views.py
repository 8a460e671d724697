"""The search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accord.search.search import search
from accord.web import page_cache
from accord.web.access import get_network


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    net = get_network(request, request.GET["n"]) if request.GET.get("n") else None
    user = request.user
    # What search shows depends on the networks where the person holds a role (and on being signed in).
    versions = page_cache.network_versions(net) if net else page_cache.networks_versions()

    def context() -> dict:
        return {"query": query, "results": search(user, query, network=net) if query else None, "scope": net}

    body = page_cache.body(request, "search/search.html#body", versions, (page_cache.scope(user), query), context)
    return render(request, "search/search.html", {"query": query, "network": net, "body": body})
