"""The search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from accord.network.permissions import content_sight
from accord.plans.queries import seen_plans_versions
from accord.search.search import search
from accord.web import page_cache
from accord.web.access import get_network


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    net = get_network(request, request.GET["n"]) if request.GET.get("n") else None
    user = request.user
    # What search shows: the networks' own records, and the plans the person may see (of one network or all).
    versions = (
        page_cache.network_versions(net) if net else page_cache.networks_versions(),
        seen_plans_versions(content_sight(user, net), by_network=net is None),
    )

    def context() -> dict:
        return {"query": query, "results": search(user, query, network=net) if query else None, "scope": net}

    return page_cache.page(
        request,
        "search/search.html",
        versions,
        (page_cache.scope(user), query),
        context,
        {"query": query, "network": net},
    )
