"""Who may see and manage events: the one place that decides for them."""

from __future__ import annotations

from typing import Any

from accord.network.permissions import can_edit_network_content


def can_manage_event(user: Any, event_or_network: Any) -> bool:
    network_id = getattr(event_or_network, "network_id", None) or event_or_network.pk
    return can_edit_network_content(user, network_id)
