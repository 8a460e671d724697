"""Read helpers for events shared by pages and reports. Each costs one query whatever the number of events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet

from accord.events.models import Event
from accord.network.models import Network
from accord.network.permissions import can_see_private


def visible_events(user: Any, network: Network) -> QuerySet[Event]:
    """The network's events (not their sessions) the person may see."""
    qs = Event.objects.filter(network=network, parent__isnull=True)
    if not can_see_private(user, network):
        qs = qs.filter(is_public=True)
    return qs


def events_between(user: Any, network: Network, start: dt.date, end: dt.date, limit: int = 200) -> list[Event]:
    """Dated events meeting [start, end], in date order."""
    qs = visible_events(user, network).exclude(start__isnull=True, end__isnull=True).filter(
        Q(start__lte=end) | Q(start__isnull=True)).filter(Q(end__gte=start) | Q(end__isnull=True, start__gte=start))
    return list(qs.order_by(F("start").asc(nulls_first=True), "end", "pk")[:limit])


def events_held(user: Any, network: Network, start: dt.date, end: dt.date, today: dt.date,
                limit: int = 200) -> list[Event]:
    """Events that began within [start, end] and were over before `today`, in date order."""
    began = Q(start__gte=start, start__lte=end) | Q(start__isnull=True, end__gte=start, end__lte=end)
    over = Q(end__lt=today) | Q(end__isnull=True, start__lt=today)
    return list(visible_events(user, network).filter(began).filter(over)
                .order_by(F("start").asc(nulls_first=True), "end", "pk")[:limit])
