"""Who may do what in a network: the one place that decides for networks, organisations and roles.

Each function answers for one (user, object) pair and reads one condition per line. Views, exports, feeds,
the API and actions all ask here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from accord.network.models import Network, NetworkRole, Role

EDITOR_ROLES = frozenset({NetworkRole.SECRETARIAT, NetworkRole.ADMIN})


def require(allowed: bool) -> None:
    """Actions call this with a permission function's answer: a refusal is PermissionDenied, and nothing is written."""
    if not allowed:
        raise PermissionDenied


def role_in(user: Any, network: Network | int) -> Role | None:
    """The user's role in the network (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    network_id = network if isinstance(network, int) else network.pk
    cache: dict[int, Role | None] | None = getattr(user, "_accord_roles", None)
    if cache is None:
        cache = {r.network_id: r for r in Role.objects.filter(user=user).select_related("organisation")}
        user._accord_roles = cache
    return cache.get(network_id)


def is_system(user: Any) -> bool:
    """Actions called by the command line (imports, demo data) act as the system, with no user."""
    return user is None


def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def has_role(user: Any, network: Network | int, roles: frozenset[str] | None = None) -> bool:
    if is_system(user) or is_superuser(user):
        return True
    role = role_in(user, network)
    if role is None:
        return False
    return roles is None or role.role in roles


def can_view_network(user: Any, network: Network) -> bool:
    if network.is_public:
        return True
    return has_role(user, network)


def can_see_private(user: Any, network: Network | int) -> bool:
    """Private plans, items, comments and history: any role in the network."""
    return has_role(user, network)


def can_edit_network_content(user: Any, network: Network | int) -> bool:
    """Edit any plan, section or item; import documents; manage events (secretariat and admin)."""
    return has_role(user, network, EDITOR_ROLES)


def can_manage_network(user: Any, network: Network | int) -> bool:
    """Members, roles, chair terms and network settings (admin only)."""
    return has_role(user, network, frozenset({NetworkRole.ADMIN}))


def can_create_network(user: Any) -> bool:
    """A new network: the site's superusers (who then hold its admin role)."""
    return is_system(user) or is_superuser(user)


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
