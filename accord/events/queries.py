"""Read helpers of the event pages and of reports. Each costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from accord.events.models import Event, ItemEvent
from accord.events.permissions import visible_events
from accord.network.models import Network
from accord.plans.models import OPEN_STATUSES, Item, PlanStatus
from accord.plans.permissions import visible_items


def event_list(user: Any, network: Network, today: dt.date, limit: int = 200) -> tuple[list[Event], list[Event]]:
    """Top-level events coming (and going on) and past, each with its number of sessions: two queries."""
    qs = visible_events(user, network).filter(parent__isnull=True).annotate(sessions=Count("children"))
    coming = Q(end__gte=today) | Q(end__isnull=True, start__gte=today) | Q(start__isnull=True, end__isnull=True)
    upcoming = list(qs.filter(coming).order_by("start", "pk")[:limit])
    past = list(qs.exclude(coming).order_by("-start", "-pk")[:limit])
    return upcoming, past


def event_page(user: Any, network: Network, event_id: int) -> Event | None:
    """An event with its parent, sessions (visible ones) and linked items with their plans: four queries."""
    children = visible_events(user, network).order_by("start", "title", "pk")
    links = (
        ItemEvent.objects.filter(item__in=visible_items(user, network))
        .select_related("item", "item__plan")
        .order_by("item__plan__period_start", "item_id")
    )
    return (
        visible_events(user, network)
        .filter(pk=event_id)
        .select_related("parent")
        .prefetch_related(Prefetch("children", queryset=children), Prefetch("item_links", queryset=links))
        .first()
    )


def linkable_items(network: Network, limit: int = 500) -> QuerySet[Item]:
    """Items an event may be linked to: the open items of the network's plans that are not closed."""
    return (
        Item.objects.filter(plan__network=network, status__in=OPEN_STATUSES)
        .exclude(plan__status=PlanStatus.CLOSED)
        .select_related("plan")
        .order_by("-plan__period_start", "section__order", "order", "pk")
    )


def parent_choices(network: Network, exclude: Event | None = None) -> QuerySet[Event]:
    """Events a session may belong to: top-level events of the network (not the event itself)."""
    qs = Event.objects.filter(network=network, parent__isnull=True).order_by("-start", "title")
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


def events_between(user: Any, network: Network, start: dt.date, end: dt.date, limit: int = 200) -> list[Event]:
    """Dated top-level events meeting [start, end], in date order (one query)."""
    qs = visible_events(user, network).filter(parent__isnull=True).exclude(start__isnull=True, end__isnull=True)
    qs = qs.filter(Q(start__lte=end) | Q(start__isnull=True)).filter(
        Q(end__gte=start) | Q(end__isnull=True, start__gte=start)
    )
    return list(qs.order_by(F("start").asc(nulls_first=True), "end", "pk")[:limit])


def events_held(
    user: Any, network: Network, start: dt.date, end: dt.date, today: dt.date, limit: int = 200
) -> list[Event]:
    """Top-level events that began within [start, end] and were over before `today`, in date order (one query)."""
    began = Q(start__gte=start, start__lte=end) | Q(start__isnull=True, end__gte=start, end__lte=end)
    over = Q(end__lt=today) | Q(end__isnull=True, start__lt=today)
    return list(
        visible_events(user, network)
        .filter(parent__isnull=True)
        .filter(began)
        .filter(over)
        .order_by(F("start").asc(nulls_first=True), "end", "pk")[:limit]
    )
