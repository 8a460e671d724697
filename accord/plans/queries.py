"""Read helpers for plans and items shared by pages, the API and reports. Each costs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from accord.network.models import Network
from accord.network.permissions import can_see_private
from accord.plans.models import Item, ItemOwner, ItemStatus, Plan, Section


def plans_visible(user: Any, network: Network) -> QuerySet[Plan]:
    qs = Plan.objects.filter(network=network)
    if not can_see_private(user, network):
        qs = qs.filter(is_public=True)
    return qs


def plan_list(user: Any, network: Network) -> QuerySet[Plan]:
    return (
        plans_visible(user, network)
        .select_related("chair")
        .annotate(
            item_count=Count("items", distinct=True),
            done_count=Count("items", filter=Q(items__status=ItemStatus.DONE), distinct=True),
            open_call_count=Count("items", filter=Q(items__open_call=True), distinct=True),
        )
        .order_by("-period_start", "title")
    )


def owners_prefetch() -> Prefetch:
    return Prefetch("owners", queryset=ItemOwner.objects.select_related("organisation", "group", "person"))


def plan_document(plan: Plan) -> list[Section]:
    """The plan's sections in order, each with its items and their owners: three queries whatever the size."""
    items = Item.objects.filter(plan=plan).prefetch_related(owners_prefetch()).order_by("order", "id")
    return list(
        Section.objects.filter(plan=plan).order_by("order", "id").prefetch_related(Prefetch("items", queryset=items))
    )


def item_detail(item_id: int) -> Item:
    return (
        Item.objects.select_related("plan", "plan__network", "section", "source_document", "predecessor",
                                    "predecessor__plan")
        .prefetch_related(owners_prefetch())
        .get(pk=item_id)
    )


def items_owned_by(user: Any, network: Network, organisation: Any, limit: int = 200) -> list[Item]:
    """What one organisation owns in a network's plans the person may see, newest plan first."""
    plans = plans_visible(user, network)
    return list(
        Item.objects.filter(plan__in=plans, owners__organisation=organisation)
        .select_related("plan", "section")
        .prefetch_related(owners_prefetch())
        .order_by("-plan__period_start", "section__order", "order")
        .distinct()[:limit]
    )
