"""The Changes tab: the plan's audit entries, newest first."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse

from accord.network.permissions import can_see_private
from accord.plans import queries as plan_queries
from accord.plans.views.common import load_plan, tab_page
from accord.web.access import require_visible
from accord.web.links import url_maker


def plan_changes(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Changes tab: the plan's audit entries, newest first, 50 a page."""
    net, plan = load_plan(request, network, plan_id)
    require_visible(request, can_see_private(request.user, net))

    def build() -> dict[str, Any]:
        page = Paginator(plan_queries.plan_changes(plan), plan_queries.CHANGES_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        entries = list(page.object_list)
        item_url = url_maker("plans:item", net.slug)
        for entry in entries:
            entry.item_url = item_url(entry.object_id) if entry.content_type.model == "item" else None
        return {"page": page, "entries": entries}

    return tab_page(request, net, plan, "changes", build, query=request.GET.get("page", ""))
