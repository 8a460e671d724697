"""The workspace people use every day: My work, network home, organisations, workload, calendar, search.

Views are thin: they load what the URL names through access helpers, read through queries, and render.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accord.network.models import Organisation, trio_for
from accord.network.permissions import can_edit_network_content, role_in
from accord.network.queries import networks_for
from accord.plans import queries as plan_queries
from accord.web.access import get_network


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"networks": networks_for(request.user)})


def network_home(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    today = timezone.localdate()
    plans = list(plan_queries.plan_list(request.user, net)[:50])
    current = next((p for p in plans if p.period_start and p.period_end and p.period_start <= today <= p.period_end),
                   plans[0] if plans else None)
    return render(request, "web/network.html", {
        "network": net,
        "plans": plans,
        "current_plan": current,
        "trio": trio_for(net, today),
        "today": today,
        "role": role_in(request.user, net),
        "can_edit": can_edit_network_content(request.user, net),
    })


def organisation_detail(request: HttpRequest, network: str, slug: str) -> HttpResponse:
    net = get_network(request, network)
    org = get_object_or_404(Organisation, slug=slug)
    items = plan_queries.items_owned_by(request.user, net, org)
    return render(request, "web/organisation.html", {"network": net, "organisation": org, "items": items})
