"""The plan page (Document, Table, Timeline, Changes tabs) and the item page, with their htmx fragments.

Views are thin: load what the URL names through access helpers, ask permissions, read through queries,
validate with forms and call one action.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accord.audit.models import AuditEntry
from accord.network.permissions import can_see_private
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.models import Item, Plan
from accord.web.access import get_network, require_visible


def plan_detail(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    net = get_network(request, network)
    plan = get_object_or_404(Plan.objects.select_related("chair", "source_document", "previous"), pk=plan_id,
                             network=net)
    require_visible(request, plan_perms.can_view_plan(request.user, plan))
    sections = plan_queries.plan_document(plan)
    return render(request, "web/plan.html", {
        "network": net,
        "plan": plan,
        "sections": sections,
        "item_count": sum(len(s.items.all()) for s in sections),
        "can_edit": plan_perms.can_edit_plan(request.user, plan),
    })


def item_detail(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    from accord.web.views import page_not_found

    net = get_network(request, network)
    try:
        item = plan_queries.item_detail(item_id)
    except Item.DoesNotExist:
        item = None
    if item is None or item.plan.network_id != net.pk:
        return page_not_found(request, None)
    require_visible(request, plan_perms.can_view_item(request.user, item))
    history = []
    if can_see_private(request.user, net):
        history = list(AuditEntry.objects.for_object(item).order_by("at", "id")[:200])
    return render(request, "web/item.html", {
        "network": net,
        "item": item,
        "plan": item.plan,
        "history": history,
        "can_edit": plan_perms.can_edit_item(request.user, item),
    })
