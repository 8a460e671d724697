"""Read helpers for networks: what a person may see, and the Trio."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from accord.network.models import ChairTerm, Network, Organisation
from accord.network.permissions import is_superuser


def networks_for(user: Any) -> QuerySet[Network]:
    """The networks a person belongs to (all of them for a superuser)."""
    qs = Network.objects.all()
    if not is_superuser(user):
        qs = qs.filter(roles__user=user)
    return qs.annotate(plan_count=Count("plans", distinct=True)).order_by("name")


def visible_networks(user: Any) -> QuerySet[Network]:
    if getattr(user, "is_authenticated", False):
        if is_superuser(user):
            return Network.objects.all()
        return Network.objects.filter(Q(roles__user=user) | Q(is_public=True)).distinct()
    return Network.objects.filter(is_public=True)


def member_organisations(network: Network) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__network=network).distinct().order_by("short_name")


def chair_term_after(network: Network, day: Any) -> Any:
    """The first chair term that starts after `day` (one query), or None."""
    return (ChairTerm.objects.filter(network=network, start__gt=day).select_related("organisation")
            .order_by("start").first())
