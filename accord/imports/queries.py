"""Read helpers of the upload and review pages. Each costs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from accord.imports.models import ImportJob
from accord.network.models import Group, Network, Organisation


def recent_jobs(network: Network, limit: int = 30) -> list[ImportJob]:
    """The network's latest imports, without the uploaded bytes or the drafts (they can be large)."""
    return list(
        ImportJob.objects.filter(network=network)
        .select_related("created_by", "plan")
        .defer("data", "draft", "resolutions")[:limit]
    )


def jobs_by_id(network: Network, ids: list[int]) -> list[ImportJob]:
    return list(
        ImportJob.objects.filter(network=network, pk__in=ids)
        .select_related("created_by", "plan")
        .defer("data", "draft", "resolutions")
    )


def job_for_review(network: Network, job_id: int) -> ImportJob | None:
    return (
        ImportJob.objects.filter(network=network, pk=job_id).select_related("plan", "created_by").defer("data").first()
    )


def job_status(network: Network, job_id: int) -> ImportJob | None:
    return (
        ImportJob.objects.filter(network=network, pk=job_id)
        .select_related("plan")
        .defer("data", "draft", "resolutions")
        .first()
    )


def network_organisations(network: Network) -> QuerySet[Organisation]:
    """Organisations the network knows: members, owners of its items, its chairs (the choices for an owner)."""
    return (
        Organisation.objects.filter(
            Q(memberships__network=network)
            | Q(owned_items__item__plan__network=network)
            | Q(chair_terms__network=network)
            | Q(chaired_plans__network=network)
        )
        .distinct()
        .only("id", "short_name")
        .order_by("short_name")
    )


def network_groups(network: Network) -> QuerySet[Group]:
    return Group.objects.filter(network=network).only("id", "name").order_by("name")


def extra_organisations(ids: list[Any]) -> list[Organisation]:
    """Organisations a proposal names that the network does not know yet (matched by exact name elsewhere)."""
    ids = [i for i in ids if isinstance(i, int)]
    return list(Organisation.objects.filter(pk__in=ids).only("id", "short_name")) if ids else []


def fresh_proposals(network: Network, proposals: dict[str, Any]) -> dict[str, Any]:
    """Proposals made when the file was read, with names proposed as new looked up again: another file of the
    same upload may have been saved since and created them ("DLR-PT" saved makes "DLR" match it)."""
    from accord.imports.resolve import OwnerResolver

    if not any(r.is_new for r in proposals.values()):
        return proposals
    resolver = OwnerResolver(network)
    out = dict(proposals)
    for name, res in proposals.items():
        if res.is_new:
            again = resolver.resolve(name)
            if not again.is_new:
                out[name] = again
    return out
