"""The network's pages: an organisation's page (what it owns, its load per plan, its memberships and people)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accord.network.models import Organisation, Person
from accord.network.permissions import can_see_private
from accord.plans import queries as plan_queries
from accord.plans.charts import STATUSES, status_chart, status_counts
from accord.web import page_cache
from accord.web.access import get_network


def organisation_detail(request: HttpRequest, network: str, slug: str) -> HttpResponse:
    net = get_network(request, network)
    org = get_object_or_404(Organisation, slug=slug)
    private = can_see_private(request.user, net)

    def context() -> dict:
        items = plan_queries.items_owned_by(request.user, net, org)
        load = plan_queries.organisation_load(request.user, net, org)
        return {
            "network": net,
            "organisation": org,
            "items": items,
            "items_limited": len(items) >= 200,
            "load": [(plan, status_counts(counts)) for plan, counts in load],
            "statuses": STATUSES,
            "chart": status_chart([p.period_label or p.title for p, _ in load], [c for _, c in load]),
            "memberships": list(org.memberships.filter(network=net).order_by("since")),
            "people": list(Person.objects.filter(organisation=org).order_by("name")[:50]) if private else [],
        }

    body = page_cache.body(request, "network/organisation.html#body", page_cache.network_versions(net),
                           (page_cache.scope(request.user, net), org.pk), context)
    return render(request, "network/organisation.html", {"network": net, "organisation": org, "body": body})
