"""The network's plans."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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

    body = page_cache.body(
        request,
        "plans/plans.html#body",
        page_cache.network_versions(net),
        (page_cache.scope(request.user, net),),
        context,
    )
    return render(request, "plans/plans.html", {"network": net, "body": body, "nav": "plans"})
