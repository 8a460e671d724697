"""Rendered page bodies kept while what they show is unchanged.

A body is keyed on the versions of what it shows (accord/audit/versions.py: a network's content and plans
versions, a plan's content version, an item's discussion version), read before the data the body is built
from, and on the person's scope (`scope`: what decides what they may see and do). Writes bump only the versions
of what they touch, in their own transaction, so a comment rebuilds its item's page and nothing else, and a
body is never older than its key (correct with concurrent writers on PostgreSQL as on SQLite). Bodies are also
keyed by day (pages speak of "overdue" and "next 30 days"), language and the code's stamp; they expire after
PAGE_CACHE_SECONDS in any case. The cache is shared by every worker (settings.CACHES, accord/web/cache.py), and
when many requests miss one body at once, one builds it and the others wait for it (`cached`). Pages that show
one row per plan cache each row on its plan's versions (`fragments`), under `content_scope` where nothing
on the page depends on more (docs/decisions/0014-shared-page-cache.md).

Bodies are rendered with the request (context processors work), but cached without the person's CSRF token:
forms in them carry a placeholder that is swapped for the requester's own token on the way out. A part of a
body that changes with writes the rest does not show (My work's recent changes) is a `live` fragment: filled on
every request into its placeholder, so that it never keys the rest of the body on what only it shows. A `Part` is a
live fragment cached on versions of its own (the recent changes on the networks' activity versions).

`page()` answers a whole page: an ETag from the body's key and what the page's shell shows (the person, their
CSRF secret, the search box), `Cache-Control: private, no-cache`, and 304 Not Modified to a matching
If-None-Match, before any body is read or rendered (docs/decisions/0010-conditional-get.md).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.shortcuts import render as render_page
from django.template.backends.jinja2 import Template as JinjaTemplate
from django.template.loader import get_template
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accord.network.models import Network, Organisation
from accord.network.permissions import can_edit_network_content, can_see_private, is_superuser, role_in, roles_of
from accord.web.baked import Bound, baked, together
from accord.web.cache import GROUP_MARK

PAGE_CACHE_SECONDS = 300
# Unguessable, so that text someone types into an item can never stand for the placeholder (and be replaced by
# the reader's token); derived from SECRET_KEY so that processes sharing a cache agree on it.
CSRF_PLACEHOLDER = "csrf" + hashlib.sha256(f"accord-page-cache:{settings.SECRET_KEY}".encode()).hexdigest()[:32]


# Versions: read before the data (a view loads the network, plan or item first, then builds the body) -----------


def network_versions(net: Network) -> tuple[Any, ...]:
    """What every page of a network depends on: its own records (members, roles, events, groups, organisations'
    names) and its plans' own records (which plans there are, their titles, statuses and who may see them)."""
    return ("network", net.pk, net.content_version)


def open_calls_versions(net: Network) -> tuple[Any, ...]:
    """The network's items that ask for an owner (an item that asks or asked for one bumps it)."""
    return ("calls", net.pk, net.open_calls_version)


def organisation_versions(org: Organisation) -> tuple[Any, ...]:
    """The items an organisation owns, in every network."""
    return ("organisation", org.pk, org.work_version)


def plans_versions_rows(plans: QuerySet[Any]) -> QuerySet[Any]:
    """What `plans_versions_of` is made of, per network: (network, how many, sum of keys, sum of versions) rows of
    the plans (a queryset a baked read can run: accord.web.baked)."""
    return (
        plans.order_by()
        .values_list("network_id")
        .annotate(n=Count("pk"), keys=Sum("pk"), v=Sum("content_version"))
        .order_by("network_id")
    )


def plans_versions_of(rows: Iterable[tuple[int, int, int, int]], by_network: bool = False) -> tuple[Any, ...]:
    """The content of the plans a page shows (the plans the person may see, of one network or several), from the
    rows of `plans_versions_rows` (one aggregate query): how many, the sum of their keys and the sum of their
    content versions (per network with `by_network`).

    Exact with the network's content version beside it (every key that uses this also holds
    `network_versions` or `networks_versions`): a plan created, deleted, closed or made private bumps the
    network's content version, and a role changed too, so while that is unchanged the set of plans is; over a
    fixed set, counters that only go up change their sum whenever one goes up."""
    rows = list(rows)
    if by_network:
        return ("plans", tuple(sorted(rows)))
    return ("plans", sum(r[1] for r in rows), sum(r[2] or 0 for r in rows), sum(r[3] or 0 for r in rows))


def plan_versions(net: Network, plan: Any) -> tuple[Any, ...]:
    """A plan's pages: the plan's content and the network's own records (organisations' names in Who cells)."""
    return ("plan", net.pk, net.content_version, plan.pk, plan.content_version)


def item_versions(net: Network, item: Any) -> tuple[Any, ...]:
    """An item's page: its plan's content, its discussion, the network's own records."""
    return (*plan_versions(net, item.plan), item.pk, item.discussion_version)


def networks_versions(network_ids: Iterable[int] | None = None) -> tuple[Any, ...]:
    """Pages across networks (search): the own-records and open-calls versions of those networks (all networks
    for None), in one query. What they show of the plans is keyed apart (`plans_versions_of`)."""
    if network_ids is None:
        return ("networks", tuple(_every_networks_versions()))
    rows = Network.objects.order_by("pk").filter(pk__in=network_ids)  # a queryset stays a subquery: one query
    return ("networks", tuple(rows.values_list("pk", "content_version", "open_calls_version")))


_every_networks_versions = baked(
    lambda: Network.objects.order_by("pk").values_list("pk", "content_version", "open_calls_version")
)


# Scope: the one answer to "what decides what this person may see and do" ---------------------------------------


def scope(user: Any, network: Network | None = None) -> tuple[Any, ...]:
    """In a network: signed in or not, superuser, role, and the organisation they act for (a member editor
    edits only their organisation's items). Across networks (network None): signed in or not, superuser, and
    their roles in every network."""
    if not getattr(user, "is_authenticated", False):
        return ("anonymous",)
    if network is None:
        roles = tuple((r.network_id, r.role, r.organisation_id) for r in roles_of(user))  # read once per request
        return ("user", is_superuser(user), roles)
    role = role_in(user, network)
    return ("user", is_superuser(user), role.role if role else None, role.organisation_id if role else None)


def key(template: str, versions: tuple[Any, ...], parts: tuple[Any, ...]) -> str:
    """The cache key of `template` rendered for `versions` under `parts` (scope, query...), today, in the
    request's language, by this code."""
    return key_maker(template, parts)(versions)


def key_maker(template: str, parts: tuple[Any, ...], group: str = "") -> Callable[[tuple[Any, ...]], str]:
    """`key` for many fragments of one template under the same parts (a page's rows, each on its own versions):
    what they share (the day, the language, the code's stamp) read and written once, each key one hash.

    `group` (letters, digits and dashes: "plan-39") names fragments read and stored together (a plan's sections,
    a network's plan rows): the shared cache keeps a group's keys in one shard (GROUP_MARK), so that storing them
    is one transaction and reading them one query, not one per shard."""
    # The code's stamp too: the shared cache outlives a deployment that changes the templates.
    shared = repr((template, timezone.localdate().isoformat(), get_language(), build_stamp(), *parts)).encode()
    prefix = f"accord:body:{group}{GROUP_MARK}" if group else "accord:body:"

    def make(versions: tuple[Any, ...]) -> str:
        digest = hashlib.sha256(shared)
        digest.update(b"|")
        digest.update(repr(versions).encode())
        return prefix + digest.hexdigest()

    return make


def live_placeholder(name: str) -> str:
    """Where a live fragment goes in a cached body: unguessable, like the CSRF placeholder."""
    return "live" + hashlib.sha256(f"accord-page-cache:live:{name}:{settings.SECRET_KEY}".encode()).hexdigest()[:32]


class Part:
    """A live part cached on versions of its own (a `fragment`), whose key is known before it is read: a page whose
    live parts are all of these tags itself on their keys (no part is read or rendered for a 304), and serves each
    from the cache while its versions stand.

    A part is a small read (a list of fifteen, the current plans' cards): a request that misses it builds it, with no
    single-flight mark (`cached(..., single_flight=False)`). Building it costs about what marking it does (two writes
    to the shared cache), and less than waiting for another's build (polled every 2 ms at first).

    A page's parts are read from the cache together (`fill_parts`: one query, their keys sharing a shard) and the
    missing ones built together: with `reads` (a function giving the part's baked reads, accord.web.baked.Bound)
    `context` takes those reads' rows, and the missing parts' reads are sent together (one round trip on
    PostgreSQL); their HTML is stored in one transaction."""

    def __init__(
        self,
        request: HttpRequest,
        template: str,
        versions: tuple[Any, ...],
        parts: tuple[Any, ...],
        context: Callable[..., dict[str, Any]],
        *,
        reads: Callable[[], list[Bound[Any]]] | None = None,
    ) -> None:
        self.key = key_maker(template, parts, group=PARTS_GROUP)(versions)
        self.request, self.template, self.context, self.reads = request, template, context, reads

    def build(self, rows: list[list[Any]] | None = None) -> str:
        """The part rendered: its context from `rows` (its reads' rows, in order) when it has reads."""
        values = self.context(rows if rows is not None else together(*self.reads())) if self.reads else self.context()
        return render(self.request, self.template, values)

    def __call__(self) -> str:
        """The part alone: from the cache, or built and stored."""
        return fill_parts({"part": self})["part"]


# The shard every live part's key is kept in (key_maker's `group`): a page's parts read in one query, stored in one
# transaction.
PARTS_GROUP = "parts"


def fill_parts(parts: Mapping[str, Part]) -> dict[str, str]:
    """Each part's HTML by name: the cached ones read in one `get_many`, the missing ones built together (their
    reads sent together, `together`) and stored in one `set_many`."""
    found = cache.get_many([part.key for part in parts.values()])
    html = {name: found[part.key] for name, part in parts.items() if part.key in found}
    missing = [name for name in parts if name not in html]
    if missing:
        reads = {name: parts[name].reads() if parts[name].reads else [] for name in missing}
        rows = iter(together(*(read for name in missing for read in reads[name])))
        fresh = {
            name: parts[name].build([next(rows) for _ in reads[name]] if parts[name].reads else None)
            for name in missing
        }
        cache.set_many({parts[name].key: part_html for name, part_html in fresh.items()}, PAGE_CACHE_SECONDS)
        html.update(fresh)
    return html


LiveParts = Mapping[str, Callable[[], str]]


def body(
    request: HttpRequest,
    template: str,
    versions: tuple[Any, ...],
    parts: tuple[Any, ...],
    context: Callable[[], dict[str, Any]],
    live: LiveParts | None = None,
    *,
    cache_key: str | None = None,
) -> SafeString:
    """The rendered `template` (a partial, e.g. "workspace/network.html#body") for `context()`, cached under
    `versions` (read before `context()` runs: see above) and `parts`.

    `parts` must name everything besides the data that changes what the body shows (the person's scope, month,
    query...). The context function runs only on a miss. `live` names fragments rendered on every request (each
    a function returning a template's output, or a `fragment()` cached on versions of its own), which the body's
    template places with `{{ live.<name> }}`.
    """
    html = fragment(request, template, versions, parts, context, live, cache_key=cache_key)
    if live:
        if all(isinstance(fill, Part) for fill in live.values()):
            filled = fill_parts(live)  # type: ignore[arg-type]
        else:
            filled = {name: fill() for name, fill in live.items()}
        for name, part_html in filled.items():
            html = html.replace(live_placeholder(name), part_html, 1)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # Our own templates' output, escaped when it was rendered; only the placeholders were swapped for a token and
    # for the live fragments (also our templates' output).
    return mark_safe(html)  # noqa: S308


def fragment(
    request: HttpRequest,
    template: str,
    versions: tuple[Any, ...],
    parts: tuple[Any, ...],
    context: Callable[[], dict[str, Any]],
    live: LiveParts | None = None,
    *,
    cache_key: str | None = None,
    single_flight: bool = True,
) -> str:
    """What `body` caches: the rendered template with its placeholders (CSRF, live fragments) still in it. A live
    fragment that depends on versions of its own is one of these (its placeholders are filled with the body's)."""
    cache_key = cache_key or key(template, versions, parts)

    def build() -> str:
        values = context()
        if live:
            values["live"] = {name: live_placeholder(name) for name in live}
        return render(request, template, values)

    return cached(cache_key, build, single_flight=single_flight)


def fragments(keys: Mapping[Any, str], build: Callable[[list[Any]], Mapping[Any, str]]) -> dict[Any, SafeString]:
    """Many small fragments at once (a page's rows, each cached on its own versions under `keys[name]`): read in one
    `get_many`; the missing ones built together by `build(missing names)` (one query for all of them, rendered by
    `render_each`) and stored. Nothing here is swapped: a fragment holds no CSRF token or live part of its own."""
    found = cache.get_many(list(keys.values()))
    got = {name: found[k] for name, k in keys.items() if k in found}
    missing = [name for name in keys if name not in got]
    if missing:
        fresh = build(missing)
        cache.set_many({keys[name]: html for name, html in fresh.items()}, PAGE_CACHE_SECONDS)
        got.update(fresh)
    # Our own templates' output, escaped when it was rendered (as in `body`).
    return {name: mark_safe(html) for name, html in got.items()}  # noqa: S308


def content_scope(user: Any, network: Network) -> tuple[Any, ...]:
    """A narrower scope, for the parts of a network's pages that show its plans, items and events but no edit
    control of one item (the network home, the Plans list and their rows): what a person sees there depends on
    whether they see the network's private content (any role, or a superuser) and whether they may edit its content
    (secretariat, admin), not on which role or organisation it is. Everyone with the same two answers shares one
    copy (three at most per network) instead of one per role and organisation."""
    return ("content", can_see_private(user, network), can_edit_network_content(user, network))


# Single-flight builds -------------------------------------------------------------------------------------------

# A request that misses a body another request is building waits for it up to BUILD_WAIT_SECONDS (polling the
# cache), then builds it itself; a builder that dies leaves its mark for BUILD_MARK_SECONDS at most.
BUILD_WAIT_SECONDS = 2.0
BUILD_MARK_SECONDS = 10
# Polled often: a waiter's wait beyond the build is at most one pause (a read of the cache costs 0.02 ms), and under
# load a build takes 20-60 ms of wall time, which pauses doubling to 50 ms would overshoot by as much again.
_POLL_FIRST, _POLL_MAX = 0.002, 0.01


def building_mark(cache_key: str) -> str:
    """The mark of a body being built: in the body's group (GROUP_MARK; an ungrouped body's group is its own key),
    so that the shared cache keeps both in one shard and `_store_and_unmark` writes them in one transaction."""
    return f"{cache_key}{GROUP_MARK}building"


def _store_and_unmark(cache_key: str, html: str, mark: str) -> None:
    """Store a built body and lift its builder's mark: one transaction in the shared cache (accord.web.cache's
    `set_and_delete`), a set and a delete in any other."""
    both = getattr(cache, "set_and_delete", None)
    if both is not None:
        both(cache_key, html, mark, PAGE_CACHE_SECONDS)
    else:
        cache.set(cache_key, html, PAGE_CACHE_SECONDS)
        cache.delete(mark)


def cached(cache_key: str, build: Callable[[], str], *, single_flight: bool = True) -> str:
    """The value under `cache_key`, or `build()`'s, stored. When many requests miss the same key at once (every
    worker, after a write, for each reader's scope), the first marks it as being built (`cache.add`, atomic in the
    shared cache) and builds; the others wait for its value instead of building the same body at the same time.

    Correct because a key names exactly what its body shows (the versions, scope, day, language and code it was
    built for): every request with that key read those versions before its data, and so did the builder, whose
    body is therefore at least as new as the key (never older), whoever waits for it. A waiter that gives up
    builds the body itself, as every request did before.

    Without `single_flight` (a small fragment: `Part`), a miss is built and stored, unmarked."""
    html = cache.get(cache_key)
    if html is not None:
        return html
    if not single_flight:
        html = build()
        cache.set(cache_key, html, PAGE_CACHE_SECONDS)
        return html
    mark = building_mark(cache_key)
    if cache.add(mark, 1, BUILD_MARK_SECONDS):
        stored = False
        try:
            html = cache.get(cache_key)  # a builder may have finished between the miss and the mark
            if html is None:
                html = build()
                _store_and_unmark(cache_key, html, mark)
                stored = True
        finally:
            if not stored:
                cache.delete(mark)
        return html
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    pause = _POLL_FIRST
    while time.monotonic() < deadline:
        time.sleep(pause)
        html = cache.get(cache_key)
        if html is not None:
            return html
        if not cache.has_key(mark):  # the builder failed (an error page): build it here
            break
        pause = min(pause * 2, _POLL_MAX)
    html = build()
    cache.set(cache_key, html, PAGE_CACHE_SECONDS)
    return html


# Conditional GET ------------------------------------------------------------------------------------------------

_build: str | None = None


def build_stamp() -> str:
    """What the code and templates are: a deployment that changes them changes every ETag (each worker computes
    the same stamp from the same files)."""
    global _build
    if _build is None:
        root = Path(__file__).resolve().parents[1]
        stamp = hashlib.sha256()
        for path in sorted(root.rglob("*")):
            if path.suffix in (".html", ".py", ".css", ".js", ".mo") and "__pycache__" not in path.parts:
                stat = path.stat()
                stamp.update(f"{path.relative_to(root)}:{stat.st_mtime_ns}:{stat.st_size};".encode())
        _build = stamp.hexdigest()[:16]
    return _build


def etag(request: HttpRequest, cache_key: str, extra: tuple[Any, ...] = ()) -> str | None:
    """The page's entity tag: its body's key (versions, scope, day, language, query) and what the shell around
    the body shows: the person (name), their CSRF secret (forms carry a token of it), the search box's words,
    whether htmx asked. None when the page shows messages (they are shown once)."""
    if len(messages.get_messages(request)):
        return None
    user = request.user
    person = (user.pk, user.get_username(), user.get_full_name()) if user.is_authenticated else None
    get_token(request)  # the secret the page's forms carry a token of (made now on a first visit)
    raw = repr(
        (
            cache_key,
            person,
            request.META.get("CSRF_COOKIE", ""),
            request.GET.get("q", ""),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
            build_stamp(),
            extra,
        )
    )
    return quote_etag(hashlib.sha256(raw.encode()).hexdigest()[:32])


def page(
    request: HttpRequest,
    template: str,
    versions: tuple[Any, ...],
    parts: tuple[Any, ...],
    context: Callable[[], dict[str, Any]],
    shell: dict[str, Any],
    live: LiveParts | None = None,
    *,
    body_template: str | None = None,
) -> HttpResponse:
    """A whole page whose body is the partial `template#body` (see `body`), or `body_template` (a Jinja2 template:
    docs/decisions/0013), inside `template` with `shell`; with an ETag, answered 304 when the browser already
    holds it (no body read, no shell rendered). The ETag covers the live fragments: by their keys when every one is
    a `Part`, else by their output (they are rendered first)."""
    body_template = body_template or f"{template}#body"
    cache_key = key(body_template, versions, parts)
    if live and all(isinstance(fill, Part) for fill in live.values()):
        # Every live part keyed on versions of its own: the body's key and theirs name the whole page.
        keys = tuple(sorted((name, fill.key) for name, fill in live.items() if isinstance(fill, Part)))
        tag = etag(request, cache_key, keys)
    elif live:
        rendered = {name: fill() for name, fill in live.items()}
        live = {name: (lambda html=html: html) for name, html in rendered.items()}
        tag = etag(request, cache_key, (hashlib.sha256(repr(sorted(rendered.items())).encode()).hexdigest(),))
    else:
        tag = etag(request, cache_key)
    if not_modified(request, tag):
        return conditional(HttpResponseNotModified(), tag)
    content = body(request, body_template, versions, parts, context, live, cache_key=cache_key)
    return conditional(render_page(request, template, {**shell, "body": content}), tag)


def not_modified(request: HttpRequest, tag: str | None) -> bool:
    """The browser already holds the page tagged `tag`."""
    return (
        tag is not None
        and request.method in ("GET", "HEAD")
        and tag in parse_etags(request.headers.get("If-None-Match", ""))
    )


def conditional(response: HttpResponse, tag: str | None) -> HttpResponse:
    """Mark a signed-in page revalidated on every use and kept by no shared cache (`private, no-cache`: the
    security headers leave a response with an ETag so), or leave it to the security headers without a tag."""
    if tag is not None:
        response["ETag"] = tag
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def render_each(template: str, macro: str, context: dict[str, Any], rows: Iterable[Any]) -> list[str]:
    """Many fragments of one Jinja2 template at once (a page's rows, each cached apart): the template's macro
    `macro` called once per row, with `context` as the template's own variables (the words, links and flags the
    rows share) and the row as its one argument. The same HTML as rendering a template per row, without the
    render's per-call cost (the template looked up through every engine, a new context, the variables copied):
    40 plan rows in 1.9 ms instead of 3.4 (docs/decisions/0013). Rendered without the request, the CSRF token
    left as the placeholder (as `render`)."""
    found = get_template(template)
    if not isinstance(found, JinjaTemplate):
        raise TypeError(f"{template} is not a Jinja2 template: render_each calls a macro of one")
    module = found.template.make_module({**context, "csrf_token": CSRF_PLACEHOLDER})
    call = getattr(module, macro)
    # Our own template's output, escaped as it was rendered (autoescape is always on: accord/web/jinja.py).
    return [mark_safe(str(call(row))) for row in rows]  # noqa: S308


def render(request: HttpRequest, template: str, context: dict[str, Any]) -> str:
    """A body as it is cached: rendered with the request, the CSRF token left as the placeholder.

    A Jinja2 template (an app's jinja2/ folder: docs/decisions/0013) is rendered without the request: given one,
    Django's Jinja2 backend would set `csrf_token` to the requester's own token, which must never be cached. Its
    templates read no context processor; a form in them writes its token from `csrf_token` (the placeholder)."""
    values = {**context, "csrf_token": CSRF_PLACEHOLDER}
    found = get_template(template)
    if isinstance(found, JinjaTemplate):
        # Our own template's output, escaped as it was rendered (autoescape is always on: accord/web/jinja.py);
        # marked so for the Django templates it goes into.
        return mark_safe(found.render(values))  # noqa: S308
    return found.render(values, request)
