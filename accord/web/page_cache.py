"""Rendered page bodies kept while the data they show is unchanged.

Every write goes through an action, and every action writes an audit entry in the same transaction, so the
newest audit entry's id is a version of all the data: one indexed query (MAX of the primary key) tells whether
a cached body may still be shown. Bodies are also keyed by day (pages speak of "overdue" and "next 30 days"),
language, and whatever decides what the person may see; they expire after PAGE_CACHE_SECONDS in any case.

Bodies are cached without the person's CSRF token: forms in them carry a placeholder that is swapped for the
requester's own token on the way out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accord.audit.models import AuditEntry
from accord.network.permissions import is_superuser, role_in

PAGE_CACHE_SECONDS = 300
# Unguessable, so that text someone types into an item can never stand for the placeholder (and be replaced by
# the reader's token); derived from SECRET_KEY so that processes sharing a cache agree on it.
CSRF_PLACEHOLDER = "csrf" + hashlib.sha256(f"accord-page-cache:{settings.SECRET_KEY}".encode()).hexdigest()[:32]


def data_version() -> int:
    return AuditEntry.objects.aggregate(v=Max("id"))["v"] or 0


def body(request: HttpRequest, template: str, parts: tuple[Any, ...], context: Callable[[], dict[str, Any]]
         ) -> SafeString:
    """The rendered `template` (a partial, e.g. "workspace/network.html#body") for `context()`, cached under `parts`.

    `parts` must name everything besides the data that changes what the body shows (network, person or what
    they may see, month, query...). The context function runs only on a miss.
    """
    raw = repr((template, data_version(), timezone.localdate().isoformat(), get_language(), *parts))
    key = "accord:body:" + hashlib.sha256(raw.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**context(), "csrf_token": CSRF_PLACEHOLDER})
        cache.set(key, html, PAGE_CACHE_SECONDS)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # The body is our own template's output, escaped when it was rendered.
    return mark_safe(html)


def scope(user: Any, network: Any) -> tuple[Any, ...]:
    """What decides what this person may see and do in this network: signed in or not, superuser, role, and the
    organisation they act for (a member editor edits only their organisation's items)."""
    if not getattr(user, "is_authenticated", False):
        return ("anonymous",)
    role = role_in(user, network)
    return ("user", is_superuser(user), role.role if role else None, role.organisation_id if role else None)
