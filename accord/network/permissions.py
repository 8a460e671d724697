"""Who may do what in a network: the one place that decides for networks, organisations, people and roles.

Each rule that says who may *see* something comes in two forms side by side: the predicate
(`can_view_<noun>(user, obj, ...)`, for one object a URL names) and its queryset form (`visible_<nouns>(user, ...)`,
for lists, search and counts). tests/network/test_permissions.py checks that the two agree for every role. Each
function reads one condition per line. Views, exports, feeds, the API and actions all ask here.

The actor of an action is a user or `accord.audit.actors.SYSTEM` (the command line, generated data, data
migrations); `None` is refused by `require`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BigIntegerField, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accord.audit.actors import SYSTEM
from accord.network.models import (
    ChairTerm,
    Membership,
    Network,
    NetworkRole,
    Organisation,
    Person,
    Role,
    held_memberships,
)
from accord.web.baked import baked

EDITOR_ROLES = frozenset({NetworkRole.SECRETARIAT, NetworkRole.ADMIN})


def require(actor: Any, allowed: bool) -> None:
    """Actions call this with their actor and a permission function's answer: a refusal is PermissionDenied, and
    nothing is written. An action without an actor (None) is refused whatever the answer."""
    if actor is None:
        raise PermissionDenied("An action needs an actor: a person, or accord.audit.actors.SYSTEM.")
    if not allowed:
        raise PermissionDenied


# Who the user is -----------------------------------------------------------------------------------------------


def is_system(user: Any) -> bool:
    """The command line, generated data and data migrations act as the system (never `None`)."""
    return user is SYSTEM


def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def sees_everything(user: Any) -> bool:
    return is_system(user) or is_superuser(user)


# Read on every signed-in page: baked (accord.web.baked), built and compiled once per process.
_roles_of_user = baked(lambda user_id: Role.objects.filter(user_id=user_id).select_related("network", "organisation"))


def keep_roles(user: Any, roles: list[Role]) -> None:
    """Hold `roles` (the user's, as `_roles_of_user` reads them) on the user object for the request, as `_roles`
    does: read with the signed-in person's own row (accord.accounts.backends.read_with_user, NetworkConfig)."""
    user._accord_roles = {r.network_id: r for r in roles}


def roles_read(user_id: int) -> Any:
    """The read of the user's roles, to be sent with others (accord.web.baked.together)."""
    return _roles_of_user.bind(user_id=user_id)


def _roles(user: Any) -> dict[int, Role]:
    """The user's roles by network, each with its network and organisation (read once and cached on the user object
    for the request: the network a page names comes with them, see `role_network`)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    cache: dict[int, Role] | None = getattr(user, "_accord_roles", None)
    if cache is None:
        keep_roles(user, _roles_of_user(user_id=user.pk))
        cache = user._accord_roles
    return cache


def role_network(user: Any, slug: str) -> Network | None:
    """The network of that slug if the user holds a role in it, as read with their roles: a page of a network its
    members open reads the network and the person's role in one query."""
    for role in _roles(user).values():
        if role.network.slug == slug:
            return role.network
    return None


def roles_of(user: Any) -> list[Role]:
    """The user's roles (one per network), by network: read once for the request, as `role_in` reads them."""
    return sorted(_roles(user).values(), key=lambda role: role.network_id)


def forget_access(user: Any) -> None:
    """Drop what was cached on the user object (after their roles or the networks changed within one request)."""
    for name in ("_accord_roles", "_accord_public_networks"):
        if user is not None and hasattr(user, name):
            delattr(user, name)


def role_in(user: Any, network: Network | int) -> Role | None:
    """The user's role in the network."""
    return _roles(user).get(network if isinstance(network, int) else network.pk)


def has_role(user: Any, network: Network | int, roles: frozenset[str] | None = None) -> bool:
    if sees_everything(user):
        return True
    role = role_in(user, network)
    if role is None:
        return False
    return roles is None or role.role in roles


def private_network_ids(user: Any) -> list[int] | None:
    """The networks whose private content the user may see (None: every network, for the system and superusers)."""
    if sees_everything(user):
        return None
    return sorted(_roles(user))


_public_networks = baked(lambda: Network.objects.filter(is_public=True).order_by("pk").values_list("pk", flat=True))


def public_network_ids(user: Any) -> list[int]:
    """The public networks (read once and cached on the user object for the request, as the roles are): lists of
    ids keep the queryset forms plain `IN` conditions, cheap to build and to run."""
    cache: list[int] | None = getattr(user, "_accord_public_networks", None) if user is not None else None
    if cache is None:
        cache = _public_networks()
        if user is not None:
            user._accord_public_networks = cache
    return cache


def viewable_network_ids(user: Any) -> list[int] | None:
    """The networks the user may see at all (None: every network)."""
    private = private_network_ids(user)
    if private is None:
        return None
    return sorted({*private, *public_network_ids(user)})


# Networks ------------------------------------------------------------------------------------------------------


def can_view_network(user: Any, network: Network) -> bool:
    if network.is_public:
        return True
    return has_role(user, network)


def visible_networks(user: Any) -> QuerySet[Network]:
    """The queryset form of can_view_network."""
    viewable = viewable_network_ids(user)
    if viewable is None:
        return Network.objects.all()
    return Network.objects.filter(pk__in=viewable)


def can_see_private(user: Any, network: Network | int) -> bool:
    """Private plans, items, events, comments, history and people: any role in the network."""
    return has_role(user, network)


# A network's content (plans, items, events): one rule, used by each app's own rule --------------------------


def can_view_content(user: Any, network: Network, is_public: bool) -> bool:
    """Content marked public in a public network is for everyone; the rest for those with a role in the network."""
    if is_public and network.is_public:
        return True
    return can_see_private(user, network)


@dataclass(frozen=True)
class ContentSight:
    """What of networks' content a person sees, as plain values (the decision `content_sight` takes from the
    person, which `content_q` turns into a condition): every row (`everything`), else the rows of the networks in
    `private` and the public rows of those in `public`. Baked reads (accord.web.baked) take these values, with
    `everything` as part of the shape."""

    everything: bool
    private: tuple[int, ...]
    public: tuple[int, ...]

    def values(self) -> dict[str, Any]:
        return {"everything": self.everything, "private": self.private, "public": self.public}


def content_sight(user: Any, network: Network | None = None) -> ContentSight:
    """What of `network`'s content (of every network's, without one) the person sees: can_view_content's rule."""
    if network is not None:
        if can_see_private(user, network):
            return ContentSight(False, (network.pk,), ())
        if network.is_public:
            return ContentSight(False, (), (network.pk,))
        return ContentSight(False, (), ())
    private = private_network_ids(user)
    if private is None:
        return ContentSight(True, (), ())
    return ContentSight(False, tuple(private), tuple(public_network_ids(user)))


def content_q(everything: bool, private: Sequence[int], public: Sequence[int], prefix: str = "") -> Q:
    """The condition of a ContentSight, for rows whose network is at `<prefix>network` and whose public flag at
    `<prefix>is_public` (prefix "" for plans and events, "plan__" for items): a pure function of plain values."""
    if everything:
        return Q()
    parts = []
    if private:
        parts.append(Q(**{f"{prefix}network_id__in": list(private)}))
    if public:
        parts.append(Q(**{f"{prefix}is_public": True, f"{prefix}network_id__in": list(public)}))
    if not parts:
        return Q(pk__in=[])
    return parts[0] if len(parts) == 1 else parts[0] | parts[1]


def visible_content_q(user: Any, network: Network | None = None, prefix: str = "") -> Q:
    """The queryset form of can_view_content (`content_q` of the person's `content_sight`). Without `network`,
    every network's."""
    sight = content_sight(user, network)
    return content_q(sight.everything, sight.private, sight.public, prefix)


# Organisations -------------------------------------------------------------------------------------------------
# Organisations are shared between networks: one is seen only through a network it belongs to, and only by those
# who may see that belonging.


def _item_owners() -> Any:
    """The item-owner rows (declared by the plans app on Organisation and Person, read here through the relation:
    plans depend on network, not the reverse)."""
    return Organisation._meta.get_field("owned_items").related_model


# can_view_organisation's reads, baked (accord.web.baked): an organisation's page asks on every request.
_has_chaired = baked(
    lambda network_id, organisation_id: ChairTerm.objects.filter(
        network_id=network_id, organisation_id=organisation_id
    ).values_list("pk", flat=True)[:1]
)
_acted_for = baked(
    lambda network_id, organisation_id: Role.objects.filter(
        network_id=network_id, organisation_id=organisation_id
    ).values_list("pk", flat=True)[:1]
)
_owns_in = baked(
    lambda network_id, organisation_id: (
        _item_owners()
        .objects.filter(organisation_id=organisation_id, item__plan__network_id=network_id)
        .order_by()
        .values_list("item__plan__is_public", flat=True)
        .distinct()
    )
)


def can_view_organisation(user: Any, organisation: Organisation, network: Network) -> bool:
    """Through a network's address: its members and chairs for whoever sees the network; an owner of items for
    those who may see one of its plans that the organisation owns items in; the organisation a role acts for, for
    those who see the network's private content."""
    if not can_view_network(user, network):
        return False
    ids = {"network_id": network.pk, "organisation_id": organisation.pk}
    if held_memberships(organisation, network.pk) or _has_chaired(**ids):
        return True
    if can_see_private(user, network) and _acted_for(**ids):
        return True
    return any(can_view_content(user, network, is_public) for is_public in _owns_in(**ids))


@dataclass(frozen=True)
class OrganisationSight:
    """Through which networks a person reaches organisations, as plain values (the decision `organisation_sight`
    takes from the person, which `organisation_paths_of` turns into querysets): the networks they may see
    (`networks`, every network with `all_networks`) and those whose private content they see (`private`, every
    network with `all_private`); `public_owners_only` when they see fewer networks' private content than networks
    (then only the owners of public plans count where they see no private content). Baked reads take these values,
    the flags in their shape."""

    all_networks: bool
    networks: tuple[int, ...]
    all_private: bool
    private: tuple[int, ...]
    public_owners_only: bool

    def values(self) -> dict[str, Any]:
        return {
            "all_networks": self.all_networks,
            "networks": self.networks,
            "all_private": self.all_private,
            "private": self.private,
            "public_owners_only": self.public_owners_only,
        }


def organisation_sight(user: Any, network: Network | None = None) -> OrganisationSight:
    """can_view_organisation's decision for the person: through `network`, or any network they may see."""
    networks: list[int] | None
    private: list[int] | None
    if network is None:
        networks, private = viewable_network_ids(user), private_network_ids(user)
    else:
        networks = [network.pk] if can_view_network(user, network) else []
        private = [network.pk] if can_see_private(user, network) else []
    return OrganisationSight(
        all_networks=networks is None,
        networks=tuple(networks or ()),
        all_private=private is None,
        private=tuple(private or ()),
        public_owners_only=private != networks,
    )


def organisation_paths_of(
    all_networks: bool,
    networks: Sequence[int],
    all_private: bool,
    private: Sequence[int],
    public_owners_only: bool,
    ref: str = "pk",
) -> list[QuerySet]:
    """How an organisation (the outer query's `ref`) is reached, as querysets of the network it is reached `via`:
    the queryset form of can_view_organisation, clause by clause, as a pure function of `organisation_sight`'s
    values."""

    def within(qs: QuerySet, field: str, every: bool, among: Sequence[int]) -> QuerySet:
        return (qs if every else qs.filter(**{f"{field}__in": list(among)})).values(via=F(field))

    org = OuterRef(ref)
    owned = _item_owners().objects.filter(organisation=org)
    if public_owners_only:  # where only public plans may be seen, only their owners
        owned = owned.filter(Q(item__plan__network_id__in=list(private)) | Q(item__plan__is_public=True))
    return [
        within(Membership.objects.filter(organisation=org), "network_id", all_networks, networks),
        within(ChairTerm.objects.filter(organisation=org), "network_id", all_networks, networks),
        within(Role.objects.filter(organisation=org), "network_id", all_private, private),
        within(owned, "item__plan__network_id", all_networks, networks),
    ]


def organisation_paths(user: Any, network: Network | None = None, ref: str = "pk") -> list[QuerySet]:
    """`organisation_paths_of` the person's `organisation_sight`. Without `network`, through any network the user
    may see."""
    return organisation_paths_of(**organisation_sight(user, network).values(), ref=ref)


def reached(paths: list[QuerySet]) -> Q:
    """Rows reached by any of the paths."""
    found = Q(pk__in=[])
    for path in paths:
        found |= Exists(path)
    return found


def reached_via(paths: list[QuerySet]) -> Coalesce:
    """The first network (lowest id) of the first path that reaches the row: the network to link through."""
    return Coalesce(
        *[Subquery(path.order_by("via").values("via")[:1]) for path in paths], output_field=BigIntegerField()
    )


def visible_organisations(user: Any, network: Network | None = None, *, via: bool = False) -> QuerySet[Organisation]:
    """The queryset form of can_view_organisation: the organisations a person may open through `network` (through
    any network they may see, without one); with `via`, each annotated with `via_network`, the network to open it
    through."""
    paths = organisation_paths(user, network)
    qs = Organisation.objects.filter(reached(paths))
    return qs.annotate(via_network=reached_via(paths)) if via else qs


# People --------------------------------------------------------------------------------------------------------


def can_view_person(user: Any, person: Person, network: Network) -> bool:
    """People are private: for those who see the network's private content, the network's people (with a role in
    it, of a member organisation, owning an item of its plans, or in one of its groups)."""
    if not can_see_private(user, network):
        return False
    if person.user_id is not None and Role.objects.filter(network=network, user_id=person.user_id).exists():
        return True
    if (
        person.organisation_id is not None
        and Membership.objects.filter(network=network, organisation_id=person.organisation_id).exists()
    ):
        return True
    if _item_owners().objects.filter(person=person, item__plan__network=network).exists():
        return True
    return person.groups.filter(network=network).exists() or person.led_groups.filter(network=network).exists()


def people_sight(user: Any, network: Network | None = None) -> tuple[bool, tuple[int, ...]]:
    """Whose people the person sees, as plain values (the decision `people_q` turns into a condition): everyone's
    (`True, ()`, the system and superusers across networks), else those of the networks whose private content
    they may see (of `network` alone, with one)."""
    if network is not None:
        return False, (network.pk,) if can_see_private(user, network) else ()
    private = private_network_ids(user)
    return (True, ()) if private is None else (False, tuple(private))


def people_paths_of(everything: bool, private: Sequence[int]) -> list[QuerySet]:
    """How a person (OuterRef "pk") is reached, as querysets of its `via` network, through the networks `private`
    (any network with `everything`): the queryset form of can_view_person, in the same order, as a pure function
    of `people_sight`'s values."""

    def within(qs: QuerySet, field: str) -> QuerySet:
        return (qs if everything else qs.filter(**{f"{field}__in": list(private)})).values(via=F(field))

    group = Person._meta.get_field("groups").related_model
    return [
        within(Role.objects.filter(user_id=OuterRef("user_id")), "network_id"),
        within(Membership.objects.filter(organisation_id=OuterRef("organisation_id")), "network_id"),
        within(_item_owners().objects.filter(person=OuterRef("pk")), "item__plan__network_id"),
        within(group.objects.filter(Q(member_people=OuterRef("pk")) | Q(leaders=OuterRef("pk"))), "network_id"),
    ]


def people_paths(user: Any, network: Network | None = None) -> list[QuerySet]:
    """`people_paths_of` the person's `people_sight`. Without `network`, through any network whose private content
    the user may see."""
    return people_paths_of(*people_sight(user, network))


def people_q(everything: bool, private: Sequence[int]) -> Q:
    """The condition of visible_people, a pure function of `people_sight`'s values (for baked reads)."""
    return reached(people_paths_of(everything, private))


def visible_people(user: Any, network: Network | None = None) -> QuerySet[Person]:
    """The queryset form of can_view_person (`people_q` of the person's `people_sight`)."""
    return Person.objects.filter(people_q(*people_sight(user, network)))


# Changing things -----------------------------------------------------------------------------------------------


def can_edit_network_content(user: Any, network: Network | int) -> bool:
    """Edit any plan, section or item; import documents; manage events (secretariat and admin)."""
    return has_role(user, network, EDITOR_ROLES)


def can_manage_network(user: Any, network: Network | int) -> bool:
    """Members, roles, chair terms and network settings (admin only)."""
    return has_role(user, network, frozenset({NetworkRole.ADMIN}))


def can_create_network(user: Any) -> bool:
    """A new network: the system and the site's superusers."""
    return sees_everything(user)


def can_edit_shared_records(user: Any) -> bool:
    """Organisations and people are shared between networks: changing one outright is for the system and the
    site's superusers (a network's editors add organisations and learn aliases through the network)."""
    return sees_everything(user)


def can_manage_people(user: Any, network: Network | int) -> bool:
    """Add or invite people and give them roles: the network's admin."""
    return can_manage_network(user, network)


def can_manage_memberships(user: Any, network: Network | int) -> bool:
    """Which organisations are members, since and until when: the network's admin."""
    return can_manage_network(user, network)


def can_manage_chair_terms(user: Any, network: Network | int) -> bool:
    return can_manage_network(user, network)


def can_manage_groups(user: Any, network: Network | int) -> bool:
    """Working groups, boards, the Trio, with their members and leaders: secretariat and admin."""
    return can_edit_network_content(user, network)


def can_edit_organisation(user: Any, organisation: Any, network: Network | int | None = None) -> bool:
    """An organisation's names and aliases. Organisations are shared between networks: the secretariat or admin
    of a network it is a member of may correct them (matching owners by name depends on them)."""
    if is_system(user) or is_superuser(user):
        return True
    if network is None:
        return False
    network_id = network if isinstance(network, int) else network.pk
    if not can_edit_network_content(user, network_id):
        return False
    return organisation.memberships.filter(network_id=network_id).exists()


def acting_organisation_id(user: Any, network: Network | int) -> int | None:
    """The organisation a member editor (or secretariat) acts for in this network."""
    role = role_in(user, network)
    return role.organisation_id if role else None
