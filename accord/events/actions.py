"""Every write to events and their links to items."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accord.audit import log
from accord.events.models import Event, ItemEvent, ItemEventRelation
from accord.events.permissions import can_manage_event
from accord.network.models import Network
from accord.network.permissions import require
from accord.plans.models import Item
from accord.plans.timeframed import TIMEFRAME_FIELDS

EVENT_FIELDS = ("title", "kind", "description", "place", "online_url", "audience", "parent", "is_public",
                *TIMEFRAME_FIELDS)


@transaction.atomic
def do_create_event(actor: Any, network: Network, *, title: str, **values: Any) -> Event:
    require(actor, can_manage_event(actor, network))
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    event = Event(network=network, title=title, **values)
    event.full_clean(exclude=["parent"])
    event.save()
    log.record_create(actor, event, ["title", *values])
    return event


@transaction.atomic
def do_update_event(actor: Any, event: Event, **values: Any) -> dict:
    require(actor, can_manage_event(actor, event))
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return log.apply_changes(actor, event, values)


@transaction.atomic
def do_delete_event(actor: Any, event: Event) -> None:
    require(actor, can_manage_event(actor, event))
    log.record_delete(actor, event, ["title", "start", "end"])
    event.delete()


@transaction.atomic
def do_link_item_event(actor: Any, item: Item, event: Event,
                       relation: str = ItemEventRelation.PREPARES) -> ItemEvent:
    require(actor, can_manage_event(actor, event))
    if item.plan.network_id != event.network_id:
        raise PermissionDenied
    link, created = ItemEvent.objects.get_or_create(item=item, event=event, defaults={"relation": relation})
    if created:
        log.record_create(actor, link, ["item", "event", "relation"])
    else:
        log.apply_changes(actor, link, {"relation": relation})
    return link


@transaction.atomic
def do_unlink_item_event(actor: Any, link: ItemEvent) -> None:
    require(actor, can_manage_event(actor, link.event))
    log.record_delete(actor, link, ["item", "event", "relation"])
    link.delete()
