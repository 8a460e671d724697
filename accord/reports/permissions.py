"""Who may read and choose the network's digest: the one place that decides for digests and reminders.

Hand-over briefs and progress reports follow their plan (plans.permissions.can_view_plan)."""

from __future__ import annotations

from typing import Any

from accord.network.models import Network
from accord.network.permissions import can_see_private, is_system


def can_read_digest(user: Any, network: Network) -> bool:
    """The digest speaks of private plans and changes: anyone with a role in the network."""
    return can_see_private(user, network)


def can_choose_digest(actor: Any, user: Any, network: Network) -> bool:
    """A person sets their own digest for a network they belong to (the system may set anyone's)."""
    if is_system(actor):
        return can_read_digest(user, network)
    return actor.pk == user.pk and can_read_digest(actor, network)
