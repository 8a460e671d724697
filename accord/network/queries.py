"""Read helpers for networks: what a person may see, the Trio, and the network pages' lists."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from accord.network.models import (
    ChairTerm,
    Group,
    Membership,
    Network,
    Organisation,
    Person,
    Role,
    held_memberships,
    keep_memberships,
    memberships_by_slug_read,
    trio_among,
)
from accord.network.permissions import is_superuser, people_q, people_sight
from accord.web.baked import Bound, baked, together


def networks_for(user: Any) -> QuerySet[Network]:
    """The networks a person belongs to (all of them for a superuser)."""
    return networks_of(is_superuser(user), user.pk)


def networks_of(everyone: bool, user_id: int | None = None) -> QuerySet[Network]:
    """networks_for from plain values (every network, or those where the user `user_id` holds a role), for baked
    reads (accord.web.baked)."""
    qs = Network.objects.all() if everyone else Network.objects.filter(roles__user_id=user_id)
    return qs.order_by("name")


def member_organisations(network: Network) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__network=network).distinct().order_by("short_name")


def chair_term_after(network: Network, day: Any) -> Any:
    """The first chair term that starts after `day` (one query), or None."""
    return (
        ChairTerm.objects.filter(network=network, start__gt=day)
        .select_related("organisation")
        .order_by("start")
        .first()
    )


def role_organisations(network: Network) -> QuerySet[Organisation]:
    """Organisations a person may act for in the network: its members, and any a role already names."""
    return (
        Organisation.objects.filter(Q(memberships__network=network) | Q(roles__network=network))
        .distinct()
        .order_by("short_name")
    )


def memberships(network: Network) -> list[Membership]:
    return list(
        Membership.objects.filter(network=network)
        .select_related("organisation")
        .order_by("organisation__short_name", "since", "pk")
    )


def roles(network: Network) -> list[Role]:
    """The network's roles with their accounts, the people behind them and the organisations they act for."""
    return list(
        Role.objects.filter(network=network)
        .select_related("user", "user__person", "organisation")
        .order_by("user__username")
    )


def network_people(network: Network) -> QuerySet[Person]:
    """People of a network: those with an account holding a role in it, and those of its member organisations."""
    return (
        Person.objects.filter(Q(user__network_roles__network=network) | Q(organisation__memberships__network=network))
        .distinct()
        .select_related("organisation")
        .order_by("name")
    )


def group_choices(network: Network, group: Group) -> tuple[QuerySet[Person], QuerySet[Organisation]]:
    """Who may be chosen as a group's members and leaders: the network's people and organisations, and whoever
    the group already has."""
    people = (
        Person.objects.filter(
            Q(user__network_roles__network=network)
            | Q(organisation__memberships__network=network)
            | Q(groups=group)
            | Q(led_groups=group)
        )
        .distinct()
        .select_related("organisation")
        .order_by("name")
    )
    orgs = (
        Organisation.objects.filter(Q(memberships__network=network) | Q(groups=group)).distinct().order_by("short_name")
    )
    return people, orgs


def people_without_account(network: Network, limit: int = 200) -> list[Person]:
    return list(network_people(network).filter(user__isnull=True)[:limit])


def chair_terms_with_trios(network: Network) -> list[tuple[ChairTerm, Any]]:
    """Each chair term beside the Trio of its own period (previous, this, next): one query."""
    terms = list(ChairTerm.objects.filter(network=network).select_related("organisation").order_by("start"))
    return [(t, trio_among(terms, t.start + (t.end - t.start) / 2)) for t in terms]


def groups(network: Network) -> list[Group]:
    return list(
        Group.objects.filter(network=network)
        .prefetch_related(
            Prefetch("member_organisations", queryset=Organisation.objects.only("id", "short_name", "slug")),
            Prefetch("member_people", queryset=Person.objects.only("id", "name")),
            Prefetch("leaders", queryset=Person.objects.only("id", "name")),
        )
        .order_by("kind", "name")
    )


def known_organisations() -> QuerySet[Organisation]:
    """Organisations Accord knows (they are shared between networks), for choosing a member."""
    return Organisation.objects.only("id", "short_name", "full_name").order_by("short_name")


# The organisation page's reads, baked (accord.web.baked).
_organisation_by_slug = baked(lambda slug: Organisation.objects.filter(slug=slug)[:1])


@baked(shape=["everything"])
def _people_of(everything: bool, private: Any, organisation_id: int) -> QuerySet[Person]:
    return Person.objects.filter(people_q(everything, private), organisation_id=organisation_id).order_by("name")[:50]


def organisation_and_memberships(network: Network, slug: str) -> Organisation | None:
    """The organisation of `slug` with its memberships of the network (held for `held_memberships`, which who may
    see it asks first): both read together, one round trip on PostgreSQL."""
    found, memberships = together(_organisation_by_slug.bind(slug=slug), memberships_by_slug_read(network.pk, slug))
    if not found:
        return None
    keep_memberships(found[0], network.pk, memberships)
    return found[0]


def organisation_memberships(network: Network, organisation: Organisation) -> list[Membership]:
    """The organisation's memberships of the network, oldest first (one query, or none when can_view_organisation
    has read them for the request: held_memberships)."""
    return held_memberships(organisation, network.pk)


def organisation_people(user: Any, network: Network, organisation: Organisation) -> list[Person]:
    """The organisation's people the person may see in the network (visible_people), by name, 50 at most."""
    return organisation_people_read(user, network, organisation)()


def organisation_people_read(user: Any, network: Network, organisation: Organisation) -> Bound[Person]:
    """`organisation_people`'s read, to be sent with others (baked.together)."""
    everything, private = people_sight(user, network)
    return _people_of.bind(everything=everything, private=private, organisation_id=organisation.pk)
