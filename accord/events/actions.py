"""Every write to events and their links to items."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accord.audit import log
from accord.events.models import Event, FeedToken, ItemEvent, ItemEventRelation
from accord.events.permissions import can_create_feed_token, can_manage_event, can_revoke_feed_token
from accord.network.models import Network
from accord.network.permissions import require
from accord.plans.models import Item
from accord.plans.timeframed import TIMEFRAME_FIELDS

EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "place",
    "online_url",
    "audience",
    "parent",
    "is_public",
    *TIMEFRAME_FIELDS,
)


def _check_event(network_id: int, values: dict[str, Any], event: Event | None = None) -> None:
    if "title" in values and not str(values["title"]).strip():
        raise ValidationError({"title": "An event needs a title."})
    parent = values.get("parent")
    if parent is not None:
        if parent.network_id != network_id:
            raise ValidationError({"parent": "A session belongs to an event of the same network."})
        if event is not None and parent.pk == event.pk:
            raise ValidationError({"parent": "An event cannot be part of itself."})
        if parent.parent_id is not None:
            raise ValidationError({"parent": f"“{parent}” is itself a session: choose the event it belongs to."})
        if event is not None and event.children.exists():
            raise ValidationError({"parent": "An event with sessions cannot be part of another event."})
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        raise ValidationError({"when": "The event cannot end before it starts."})


@transaction.atomic
def do_create_event(actor: Any, network: Network, *, title: str, **values: Any) -> Event:
    require(actor, can_manage_event(actor, network))
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    _check_event(network.pk, {"title": title, **values})
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
    _check_event(event.network_id, values, event)
    return log.apply_changes(actor, event, values)


@transaction.atomic
def do_delete_event(actor: Any, event: Event) -> None:
    require(actor, can_manage_event(actor, event))
    log.record_delete(actor, event, ["title", "start", "end"])
    event.delete()


@transaction.atomic
def do_link_item_event(actor: Any, item: Item, event: Event, relation: str = ItemEventRelation.PREPARES) -> ItemEvent:
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


# Calendar feed tokens --------------------------------------------------------------------------------------------

FEED_TOKEN_BYTES = 32  # 256 bits from the operating system's generator


def feed_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def do_create_feed_token(actor: Any, network: Network, *, label: str = "") -> tuple[FeedToken, str]:
    """A new feed token of `actor` in `network`. Returns the record and the secret, which is never stored."""
    require(actor, can_create_feed_token(actor, network))
    secret = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    token = FeedToken.objects.create(
        network=network,
        user=actor,
        label=" ".join(label.split())[:100],
        token_hash=feed_token_hash(secret),
        hint=secret[:6],
    )
    log.record_create(actor, token, ["label", "hint"])
    return token, secret


@transaction.atomic
def do_revoke_feed_token(actor: Any, token: FeedToken) -> FeedToken:
    """Stop a feed token from working, at once and for good (the record stays for the log)."""
    require(actor, can_revoke_feed_token(actor, token))
    token = FeedToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log.record(actor, log.AuditAction.UPDATE, token, {"revoked_at": (None, token.revoked_at)})
    return token


def note_feed_token_use(token: FeedToken, *, every: Any) -> None:
    """Bookkeeping, not a change anyone made: when a token was last used, noted at most once per `every`."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= every:
        FeedToken.objects.filter(pk=token.pk).update(last_used_at=now)
