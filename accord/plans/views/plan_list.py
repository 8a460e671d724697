"""The network's plans."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from accord.network.permissions import can_edit_network_content
from accord.plans import permissions as plan_perms
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

    versions = page_cache.network_versions(net), page_cache.plans_versions(plan_perms.visible_plans(request.user, net))
    return page_cache.page(
        request,
        "plans/plans.html",
        versions,
        (page_cache.scope(request.user, net),),
        context,
        {"network": net, "nav": "plans"},
    )
