"""Read helpers for networks: the person's networks and a network's members. What a person may see is decided in
accord.network.permissions (visible_networks, visible_organisations, visible_people)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from accord.network.models import Network, Organisation
from accord.network.permissions import is_superuser


def networks_for(user: Any) -> QuerySet[Network]:
    """The networks a person belongs to (all of them for a superuser)."""
    qs = Network.objects.all()
    if not is_superuser(user):
        qs = qs.filter(roles__user=user)
    return qs.annotate(plan_count=Count("plans", distinct=True)).order_by("name")


def member_organisations(network: Network) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__network=network).distinct().order_by("short_name")
