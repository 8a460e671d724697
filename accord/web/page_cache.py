"""Rendered page bodies kept while what they show is unchanged.

A body is keyed on the versions of what it shows (accord/audit/versions.py: a network's content and plans
versions, a plan's content version, an item's discussion version), read before the data the body is built
from, and on the person's scope (`scope`: what decides what they may see and do). Writes bump only the versions
of what they touch, in their own transaction, so a comment rebuilds its item's page and nothing else, and a
body is never older than its key (correct with concurrent writers on PostgreSQL as on SQLite). Bodies are also
keyed by day (pages speak of "overdue" and "next 30 days") and language; they expire after PAGE_CACHE_SECONDS
in any case.

Bodies are rendered with the request (context processors work), but cached without the person's CSRF token:
forms in them carry a placeholder that is swapped for the requester's own token on the way out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accord.network.models import Network, Role
from accord.network.permissions import is_superuser, role_in

PAGE_CACHE_SECONDS = 300
# Unguessable, so that text someone types into an item can never stand for the placeholder (and be replaced by
# the reader's token); derived from SECRET_KEY so that processes sharing a cache agree on it.
CSRF_PLACEHOLDER = "csrf" + hashlib.sha256(f"accord-page-cache:{settings.SECRET_KEY}".encode()).hexdigest()[:32]


# Versions: read before the data (a view loads the network, plan or item first, then builds the body) -----------


def network_versions(net: Network) -> tuple[Any, ...]:
    """What every page of a network depends on: its own records and everything in its plans."""
    return ("network", net.pk, net.content_version, net.plans_version)


def plan_versions(net: Network, plan: Any) -> tuple[Any, ...]:
    """A plan's pages: the plan's content and the network's own records (organisations' names in Who cells)."""
    return ("plan", net.pk, net.content_version, plan.pk, plan.content_version)


def item_versions(net: Network, item: Any) -> tuple[Any, ...]:
    """An item's page: its plan's content, its discussion, the network's own records."""
    return (*plan_versions(net, item.plan), item.pk, item.discussion_version)


def networks_versions(network_ids: Iterable[int] | None = None) -> tuple[Any, ...]:
    """Pages across networks (My work, search): the versions of those networks (all networks for None), in one
    query."""
    rows = Network.objects.order_by("pk")
    if network_ids is not None:
        rows = rows.filter(pk__in=network_ids)  # a queryset stays a subquery: still one query
    return ("networks", tuple(rows.values_list("pk", "content_version", "plans_version")))


# Scope: the one answer to "what decides what this person may see and do" ---------------------------------------


def scope(user: Any, network: Network | None = None) -> tuple[Any, ...]:
    """In a network: signed in or not, superuser, role, and the organisation they act for (a member editor
    edits only their organisation's items). Across networks (network None): signed in or not, superuser, and
    their roles in every network."""
    if not getattr(user, "is_authenticated", False):
        return ("anonymous",)
    if network is None:
        roles = Role.objects.filter(user=user).order_by("network_id", "pk")
        return ("user", is_superuser(user), tuple(roles.values_list("network_id", "role", "organisation_id")))
    role = role_in(user, network)
    return ("user", is_superuser(user), role.role if role else None, role.organisation_id if role else None)


def key(template: str, versions: tuple[Any, ...], parts: tuple[Any, ...]) -> str:
    raw = repr((template, versions, timezone.localdate().isoformat(), get_language(), *parts))
    return "accord:body:" + hashlib.sha256(raw.encode()).hexdigest()


def body(
    request: HttpRequest,
    template: str,
    versions: tuple[Any, ...],
    parts: tuple[Any, ...],
    context: Callable[[], dict[str, Any]],
) -> SafeString:
    """The rendered `template` (a partial, e.g. "workspace/network.html#body") for `context()`, cached under
    `versions` (read before `context()` runs: see above) and `parts`.

    `parts` must name everything besides the data that changes what the body shows (the person's scope, month,
    query...). The context function runs only on a miss.
    """
    cache_key = key(template, versions, parts)
    html = cache.get(cache_key)
    if html is None:
        html = render(request, template, context())
        cache.set(cache_key, html, PAGE_CACHE_SECONDS)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # Our own template's output, escaped when it was rendered; only the placeholder was swapped for a token.
    return mark_safe(html)  # noqa: S308


def render(request: HttpRequest, template: str, context: dict[str, Any]) -> str:
    """A body as it is cached: rendered with the request, the CSRF token left as the placeholder."""
    return render_to_string(template, {**context, "csrf_token": CSRF_PLACEHOLDER}, request=request)
