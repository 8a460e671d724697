"""The Document tab: the plan as its Word file reads, and prints."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from accord.plans import queries as plan_queries
from accord.plans.views.common import label_rows, load_plan, owner_cell, row_labels, tab_page, url_maker, wanted_label


def plan_detail(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Document tab: the plan as its Word file reads, and prints."""
    net, plan = load_plan(request, network, plan_id)

    def build() -> dict[str, Any]:
        sections = plan_queries.plan_document(plan)
        owners = plan_queries.plan_owner_names(plan)
        item_url = url_maker("plans:item", net.slug)
        org_url = url_maker("network:organisation", net.slug)
        count = 0
        for section in sections:
            items = section.items.all()
            count += len(items)
            label_rows(items)
            for item in items:
                item.url = item_url(item.pk)
                item.owners_html = owner_cell([(name, org_url(slug) if slug is not None else None)
                                                for name, slug in owners.get(item.pk, ())],
                                               item.owners_mode, item.owners_note)
                item.wanted_label = wanted_label(item)
        return {"sections": sections, "item_count": count, "labels": row_labels()}

    return tab_page(request, net, plan, "document", build)
