"""Who may see and manage events: the one place that decides for them.

Seeing comes in two forms side by side (the predicate and its queryset), both built on the network's content rule
(accord.network.permissions.can_view_content); tests/events/test_permissions.py checks that they agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

from accord.events.models import Event
from accord.network.models import Network
from accord.network.permissions import (
    can_edit_network_content,
    can_manage_network,
    can_view_content,
    can_view_network,
    content_q,
    content_sight,
    is_system,
)


def can_view_event(user: Any, event: Event) -> bool:
    """An event marked public in a public network is for everyone; the others for those with a role in it."""
    return can_view_content(user, event.network, event.is_public)


def events_q(everything: bool, private: Sequence[int], public: Sequence[int]) -> Q:
    """The condition of visible_events as a pure function of the person's `content_sight` values (what baked reads,
    accord.web.baked, take: `everything` in their shape, the id tuples as values)."""
    return content_q(everything, private, public)


def visible_events(user: Any, network: Network | None = None) -> QuerySet[Event]:
    """The queryset form of can_view_event (`events_q` of the person's `content_sight`)."""
    return Event.objects.filter(events_q(**content_sight(user, network).values()))


def can_manage_event(user: Any, event_or_network: Any) -> bool:
    """Create, change, delete events and link them to items: the secretariat and admin."""
    network_id = getattr(event_or_network, "network_id", None) or event_or_network.pk
    return can_edit_network_content(user, network_id)


def can_create_feed_token(user: Any, network: Any) -> bool:
    """A calendar feed reads as its owner: anyone signed in who may see the network may have one."""
    if is_system(user) or not getattr(user, "is_authenticated", False):
        return False
    return can_view_network(user, network)


def can_revoke_feed_token(user: Any, token: Any) -> bool:
    """The token's owner, or the network's admin (someone who left, a leaked address)."""
    if is_system(user):
        return True
    if getattr(user, "pk", None) is not None and token.user_id == user.pk:
        return True
    return can_manage_network(user, token.network_id)
