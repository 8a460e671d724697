"""Pages. Views are thin: load what the URL names through access helpers, read through queries, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accord.network.models import Organisation, trio_for
from accord.network.permissions import can_edit_network_content, role_in
from accord.network.queries import networks_for
from accord.plans import queries as plan_queries
from accord.web.access import get_network


@login_required
def home(request: HttpRequest) -> HttpResponse:
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


def plan_list(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    return render(request, "web/plans.html", {
        "network": net,
        "plans": plan_queries.plan_list(request.user, net),
        "can_edit": can_edit_network_content(request.user, net),
    })


def organisation_detail(request: HttpRequest, network: str, slug: str) -> HttpResponse:
    net = get_network(request, network)
    org = get_object_or_404(Organisation, slug=slug)
    items = plan_queries.items_owned_by(request.user, net, org)
    return render(request, "web/organisation.html", {"network": net, "organisation": org, "items": items})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 403, "title": "Not allowed",
                                              "message": "You do not have permission to do this."}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 404, "title": "Not found",
                                              "message": "There is nothing here, or you cannot see it."}, status=404)
