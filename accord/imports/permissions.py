"""Who may import documents into a network: the one place that decides for import jobs."""

from __future__ import annotations

from typing import Any

from accord.network.models import Network
from accord.network.permissions import can_edit_network_content, can_manage_network, is_system


def can_import(user: Any, network: Network | int) -> bool:
    """Import documents and save them as plans: secretariat and admin."""
    return can_edit_network_content(user, network)


def can_edit_import_job(user: Any, job: Any) -> bool:
    """Fix, save or discard a job: whoever may import into its network (not only the uploader)."""
    return can_import(user, job.network_id)


def can_add_chair_term(user: Any, network: Network | int) -> bool:
    """Recording who chairs when is an admin's decision (accord.network.permissions)."""
    return is_system(user) or can_manage_network(user, network)
