"""What the plan pages share: loading what the URL names, per-row links and permissions, the tab shell."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accord.network.models import Network
from accord.network.permissions import can_see_private
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.models import Item, ItemKind, ItemStatus, OwnersMode, Plan
from accord.web import page_cache
from accord.web.access import get_network, require_visible
from accord.web.choices import choice_words
from accord.web.htmx import htmx_target, vary_on_htmx
from accord.web.jinja import Words
from accord.web.links import url_maker

# Loading what the URL names ------------------------------------------------------------------------------------


def load_plan(request: HttpRequest, network: str, plan_id: int) -> tuple[Network, Plan]:
    net = get_network(request, network)
    plan = plan_queries.plan_page_head(plan_id, net)
    if plan is None:
        raise Http404("No such plan.")
    require_visible(request, plan_perms.can_view_plan(request.user, plan))
    return net, plan


def load_item(
    request: HttpRequest,
    network: str,
    item_id: int,
    *,
    page: bool = False,
    bare: bool = False,
    head: bool = False,
) -> tuple[Network, Item]:
    """The item, if it belongs to this network and the person may see it (404 otherwise, as for its plan).

    `page` loads what the item page shows; `bare` only the item and its plan (enough to decide who may see it);
    `head` that and the relations the item page shows (plan_queries.item_page_head), in one query."""
    net = get_network(request, network)
    try:
        if page:
            item = plan_queries.item_page(item_id, net, request.user)
        elif bare:
            item = Item.objects.select_related("plan").get(pk=item_id)
        elif head:
            item = plan_queries.item_page_head(item_id)
        else:
            item = plan_queries.item_with_owners(item_id)
    except Item.DoesNotExist:
        raise Http404("No such item.") from None
    if item.plan.network_id != net.pk:
        raise Http404("No such item.")
    item.plan.network = net
    require_visible(request, plan_perms.can_view_item(request.user, item))
    return net, item


# Rows and links -------------------------------------------------------------------------------------------------


def row_labels() -> Words:
    """The tables' fixed words, translated once per page rather than once per row and cell."""
    return Words(
        what=_("What"),
        who=_("Who"),
        when=_("When"),
        status=_("Status"),
        edit=_("Edit"),
        wanted=_("Owner wanted"),
        take=_("We'll take it"),
    )


def status_and_kind_words() -> tuple[dict[str, str], dict[str, str]]:
    """The status and kind words, translated (for `label_rows`: once per page)."""
    return (
        choice_words(ItemStatus.choices),
        choice_words(ItemKind.choices),
    )


def label_rows(items: Any, words: tuple[dict[str, str], dict[str, str]] | None = None) -> None:
    """Status and kind words looked up once per page (`words`, from status_and_kind_words, when the page labels
    several lists of rows), not by a method call per row."""
    statuses, kinds = words or status_and_kind_words()
    for item in items:
        item.status_label = statuses.get(item.status, item.status)
        item.kind_label = kinds.get(item.kind, item.kind)


def wanted_labels() -> dict[str, str]:
    """The words of the owner-wanted chip per owners mode ("" for any other), translated once per page rather
    than four times per row."""
    return {
        OwnersMode.EVERYONE: _("Everyone interested"),
        OwnersMode.UNSPECIFIED: _("No owner named"),
        OwnersMode.AND_OTHERS: _("More owners welcome"),
        "": _("Owner wanted"),
    }


def wanted_label(item: Any, labels: dict[str, str] | None = None) -> str:
    """What the chip of an item without (enough) owners says: a blank cell is not a call for volunteers."""
    labels = labels or wanted_labels()
    return labels.get(item.owners_mode, labels[""])


# A row's edit and take controls, rendered for everyone between marks and kept or dropped per person by
# `fill_controls` (the Table tab renders its rows once per plan version for all who see the same content). The
# marks are HTML comments, which no escaped text can write, named with a secret (like the page cache's CSRF
# placeholder) all the same; and the actions refuse an edit or a take the person may not make, whatever a page
# shows.
CONTROL_MARK = "ctl" + hashlib.sha256(f"accord-row-controls:{settings.SECRET_KEY}".encode()).hexdigest()[:24]
_CONTROL_END = mark_safe(f"<!--{CONTROL_MARK}/-->")  # noqa: S308 (our own mark, no outside text)
_TAKE_START = mark_safe(f"<!--{CONTROL_MARK}t-->")  # noqa: S308
_CONTROLS = re.compile(rf"<!--{CONTROL_MARK}(e|t)([0-9,]*)-->(.*?)<!--{CONTROL_MARK}/-->", re.DOTALL)


def fill_controls(html: str, controls: plan_perms.ItemControls) -> SafeString:
    """Rows rendered for everyone (`decorate_rows`), with the controls this person may use: the edit control of
    the rows their organisation owns (every row for the secretariat), the take control if they may take calls."""

    def choose(found: re.Match[str]) -> str:
        if found[1] == "t":
            return found[3] if controls.take else ""
        return found[3] if controls.may_edit({int(pk) for pk in found[2].split(",") if pk}) else ""

    # Our own templates' output (escaped when it was rendered), with some of its marked parts taken out.
    return mark_safe(_CONTROLS.sub(choose, html))  # noqa: S308


class OwnerLink(NamedTuple):
    """A name in a row's Who cell: its organisation's page (None for a group, a person or unmatched text), and
    whether it comes first and last (what separates and ends the names), so that the template's loop over a row's
    names needs no loop object (a Jinja2 `loop` costs 1.6 us a row: 0.4 ms on a 250-item Document tab)."""

    name: str
    url: str | None
    first: bool
    last: bool


def owner_links(names: Sequence[Any], org_url: Callable[[str], str]) -> list[OwnerLink]:
    """The Who cell's names (OwnerName rows, in order) as links."""
    end = len(names) - 1
    return [
        OwnerLink(o.name, org_url(o.slug) if o.slug is not None else None, k == 0, k == end)
        for k, o in enumerate(names)
    ]


def decorate_rows(
    net: Network, plan: Plan, items: list[Any], back: str, owner_rows: list[tuple[Any, ...]] | None = None
) -> None:
    """Per-row links, owners' names and the marks around each row's controls, decided once in the view for
    everyone who sees the rows: no template tag per row reverses a URL or queries (the owners' names of all the
    rows are read in one query of plain values, or given: `owner_rows`, read with the rows); who may use which
    control is decided per person afterwards (`fill_controls`)."""
    item_url = url_maker("plans:item", net.slug)
    edit_url = url_maker("plans:item_row_edit", net.slug)
    take_url = url_maker("plans:item_take", net.slug)
    org_url = url_maker("network:organisation", net.slug)
    next_query = urlencode({"next": back})
    edit_label = _("Edit %(what)s")
    wanted = wanted_labels()
    periods = {item.pk: item for item in items}
    if owner_rows is not None:
        owners = plan_queries.owner_names_of(plan, owner_rows, periods)
    else:
        owners = plan_queries.plan_owner_names(plan, items=list(periods), periods=periods) if items else {}
    label_rows(items)
    for item in items:
        names = owners.get(item.pk, ())
        item.edit_label = edit_label % {"what": item.what}
        organisations = ",".join(str(o.organisation_id) for o in names if o.organisation_id is not None)
        item.edit_start = mark_safe(f"<!--{CONTROL_MARK}e{organisations}-->")  # noqa: S308 (ids only)
        item.take_start, item.controls_end = _TAKE_START, _CONTROL_END
        item.url = item_url(item.pk)
        item.edit_url = f"{edit_url(item.pk)}?{next_query}"
        item.take_url = take_url(item.pk)
        item.owner_links = owner_links(names, org_url)
        item.wanted_label = wanted_label(item, wanted)


def select_options(field: BoundField) -> dict[str, Any]:
    """What a filter's <select> shows, for plans/filter_select.html (a Jinja2 template): one plain loop over the
    options, where Django's widget would render a template per option (a plan has ~100 owners)."""
    value = field.value()
    selected = "" if value is None else str(value)
    return {
        "name": field.html_name,
        "id": field.id_for_label,
        "invalid": bool(field.errors),
        "options": [(key, label, str(key) == selected) for key, label in field.field.choices],
    }


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# The plan page's tabs -------------------------------------------------------------------------------------------


def tab_page(
    request: HttpRequest,
    net: Network,
    plan: Plan,
    tab: str,
    build: Callable[[], dict[str, Any]],
    *,
    query: str = "",
    fragment: str = "tab",
    scope: tuple[Any, ...] | None = None,
    finish: Callable[[SafeString], SafeString] | None = None,
    etag_parts: tuple[Any, ...] = (),
) -> HttpResponse:
    """The tab's body, cached on the plan's versions under the person's scope in the network and the part of
    the query string the tab reads (filters, page); `build` runs only when the body must be rendered. An htmx
    request for the tab panel (or another fragment) gets the body alone.

    `scope` narrows the person's scope where the body shows no more than it names (page_cache.content_scope);
    `finish` then adds what is the person's own to the body read from the cache (the Table rows' controls:
    `fill_controls`), and `etag_parts` names what it depends on."""
    user = request.user

    def context() -> dict[str, Any]:
        return {
            "network": net,
            "plan": plan,
            "tab": tab,
            "can_edit": plan_perms.can_edit_plan(user, plan),
            "can_see_private": can_see_private(user, net),
            **build(),
        }

    template = f"plans/plan_{tab}.html"
    scope = page_cache.scope(user, net) if scope is None else scope
    versions, parts = page_cache.plan_versions(net, plan), (scope, query)
    cache_key = page_cache.key(f"{template}#{fragment}", versions, parts)
    alone = fragment != "tab" or htmx_target(request) == "plan-tabs"
    tag = page_cache.etag(request, cache_key, (alone, *etag_parts))
    if page_cache.not_modified(request, tag):
        return vary_on_htmx(page_cache.conditional(HttpResponseNotModified(), tag))
    body = page_cache.body(request, f"{template}#{fragment}", versions, parts, context, cache_key=cache_key)
    if finish is not None:
        body = finish(body)
    if alone:
        return vary_on_htmx(page_cache.conditional(HttpResponse(body), tag))
    return vary_on_htmx(
        page_cache.conditional(
            render(request, template, {"network": net, "plan": plan, "tab": tab, "nav": "plans", "body": body}), tag
        )
    )
