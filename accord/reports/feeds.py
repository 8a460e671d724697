"""Calendar feeds (iCalendar) of a network, an organisation and a person, read over a secret per-user token.

A feed address carries the token of one person in one network; the feed shows what that person may see,
through the same visibility rules as the pages (visible_items, visible_events). A token that
is unknown, revoked, of another network, or used for another person's own feed answers 404, so an address
reveals nothing. Feeds only read. The tokens page creates and revokes a person's tokens.

Each feed costs a fixed number of queries: the token, the person's roles, items, their owners, events and their
sessions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.events import actions as event_actions
from accord.events.models import Event, FeedToken, ItemEvent
from accord.events.permissions import can_create_feed_token, can_revoke_feed_token, visible_events
from accord.network.models import Network, Organisation, Person
from accord.network.permissions import acting_organisation_id, can_view_organisation
from accord.plans.models import Item, ItemOwner, ItemStatus
from accord.plans.permissions import visible_items
from accord.reports.exports.data import item_path_maker
from accord.reports.exports.ics import Entry, calendar_bytes, describe, span
from accord.web.access import LoginRequired, get_network
from accord.web.choices import choice_words

# Feeds list what ended at most this long ago, and everything later: a calendar program polls the whole feed.
FEED_PAST_DAYS = 365
# A token's "last used" is noted at most this often (calendar programs poll every few minutes).
LAST_USED_EVERY = dt.timedelta(hours=1)


def token_for(network: Network, secret: str) -> FeedToken | None:
    """The live token of this network with that secret, or None (unknown, revoked, another network's)."""
    if not secret or len(secret) > 100:
        return None
    token = FeedToken.objects.select_related("user").filter(token_hash=event_actions.feed_token_hash(secret)).first()
    if token is None or token.network_id != network.pk or token.revoked_at is not None:
        return None
    if not token.user.is_active:
        return None
    return token


def _feed_network(slug: str) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise Http404("No such feed.")
    return network


def _items(user: Any, network: Network, since: dt.date, owned: Q | None) -> list[Item]:
    qs = (
        visible_items(user, network)
        .exclude(start__isnull=True, end__isnull=True)
        .filter(Q(end__gte=since) | Q(end__isnull=True, start__gte=since))
        .select_related("plan", "section")
        .prefetch_related(
            Prefetch(
                "owners",
                queryset=ItemOwner.objects.select_related("organisation", "group", "person").order_by("position"),
            )
        )
    )
    if owned is not None:
        qs = qs.filter(pk__in=ItemOwner.objects.filter(owned).values("item_id"))
    return list(qs.order_by("start", "end", "pk"))


def _events(user: Any, network: Network, since: dt.date, item_ids: list[int] | None) -> list[Event]:
    qs = visible_events(user, network).filter(parent__isnull=True).exclude(start__isnull=True, end__isnull=True)
    qs = qs.filter(Q(end__gte=since) | Q(end__isnull=True, start__gte=since))
    children = visible_events(user, network).exclude(start__isnull=True, end__isnull=True).order_by("start", "pk")
    if item_ids is not None:
        qs = qs.filter(pk__in=ItemEvent.objects.filter(item_id__in=item_ids).values("event_id"))
    return list(qs.prefetch_related(Prefetch("children", queryset=children)).order_by("start", "pk"))


def feed_entries(
    user: Any, network: Network, *, owned: Q | None = None, base_url: str = "", today: dt.date | None = None
) -> list[Entry]:
    """The feed's events: dated items (all visible ones, or those `owned` selects) and events with their
    sessions (all visible ones, or those linked to the selected items)."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=FEED_PAST_DAYS)
    statuses = choice_words(ItemStatus.choices)
    item_path = item_path_maker(network)
    host = network.slug
    entries: list[Entry] = []
    items = _items(user, network, since, owned)
    for item in items:
        days = span(item.start, item.end)
        if days is None:
            continue
        owners = " / ".join(o.name for o in item.owners.all())
        entries.append(
            Entry(
                uid=f"item-{item.pk}@{host}.accord",
                summary=item.what,
                start=days[0],
                end=days[1],
                tentative=item.tentative,
                url=f"{base_url}{item_path(item.pk)}",
                categories=[item.plan.title],
                stamp=item.updated_at,
                description=describe(
                    [
                        ("When (as written)", item.when_text),
                        ("Who", owners or item.who_text),
                        ("Status", statuses.get(item.status, item.status)),
                        ("Plan", f"{item.plan.title} · {item.section}"),
                    ]
                ),
            )
        )
    events = _events(user, network, since, [i.pk for i in items] if owned is not None else None)
    for event in events:
        for ev in (event, *event.children.all()):
            days = span(ev.start, ev.end)
            if days is None:
                continue
            notes = f"\n\n{ev.description}" if ev.description else ""
            entries.append(
                Entry(
                    uid=f"event-{ev.pk}@{host}.accord",
                    summary=ev.title,
                    start=days[0],
                    end=days[1],
                    tentative=ev.tentative,
                    location=ev.place,
                    stamp=ev.updated_at,
                    related_to=f"event-{event.pk}@{host}.accord" if ev is not event else "",
                    description=describe(
                        [("When (as written)", ev.when_text), ("Part of", event.title if ev is not event else "")]
                    )
                    + notes,
                    url=ev.online_url,
                )
            )
    return entries


def _calendar_response(name: str, entries: list[Entry], token: FeedToken, file_name: str) -> HttpResponse:
    event_actions.note_feed_token_use(token, every=LAST_USED_EVERY)
    response = HttpResponse(calendar_bytes(name, entries), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def network_feed(request: HttpRequest, network: str, token: str) -> HttpResponse:
    net = _feed_network(network)
    found = token_for(net, token)
    if found is None:
        raise Http404("No such feed.")
    entries = feed_entries(found.user, net, base_url=_base_url(request))
    return _calendar_response(net.name, entries, found, f"{net.slug}.ics")


@require_GET
def organisation_feed(request: HttpRequest, network: str, token: str, slug: str) -> HttpResponse:
    net = _feed_network(network)
    found = token_for(net, token)
    if found is None:
        raise Http404("No such feed.")
    org = Organisation.objects.filter(slug=slug).first()
    # Organisations are shared: only one the token's person may see through this network has a feed here.
    if org is None or not can_view_organisation(found.user, org, net):
        raise Http404("No such feed.")
    entries = feed_entries(found.user, net, owned=Q(organisation=org), base_url=_base_url(request))
    return _calendar_response(f"{org} · {net.short_name or net.name}", entries, found, f"{net.slug}-{org.slug}.ics")


def person_scope(user: Any, network: Network, person: Person) -> Q:
    """A person's own feed: what they own, and what the organisation they act for in the network owns."""
    org_id = acting_organisation_id(user, network) or person.organisation_id
    owned = Q(person=person)
    if org_id is not None:
        owned |= Q(organisation_id=org_id)
    return owned


@require_GET
def person_feed(request: HttpRequest, network: str, token: str, person_id: int) -> HttpResponse:
    net = _feed_network(network)
    found = token_for(net, token)
    person = Person.objects.filter(pk=person_id).first()
    # A person's own feed opens only with their own token.
    if found is None or person is None or person.user_id != found.user_id:
        raise Http404("No such feed.")
    entries = feed_entries(found.user, net, owned=person_scope(found.user, net, person), base_url=_base_url(request))
    return _calendar_response(
        f"{person} · {net.short_name or net.name}", entries, found, f"{net.slug}-person-{person.pk}.ics"
    )


# The tokens page ----------------------------------------------------------------------------------------------


def _token_network(request: HttpRequest, network: str) -> Network:
    net = get_network(request, network)
    if not request.user.is_authenticated:
        raise LoginRequired
    if not can_create_feed_token(request.user, net):
        raise Http404("No such network.")
    return net


def feed_urls(request: HttpRequest, net: Network, secret: str) -> dict[str, Any]:
    """The addresses a new token opens: the network's, the person's own, their organisation's."""
    urls: dict[str, Any] = {
        "network": request.build_absolute_uri(reverse("reports:feed_network", args=[net.slug, secret]))
    }
    person = Person.objects.filter(user=request.user).first()
    if person is not None:
        urls["person"] = request.build_absolute_uri(reverse("reports:feed_person", args=[net.slug, secret, person.pk]))
    org_id = acting_organisation_id(request.user, net) or (person.organisation_id if person else None)
    org = Organisation.objects.filter(pk=org_id).first() if org_id else None
    if org is not None:
        urls["organisation"] = request.build_absolute_uri(
            reverse("reports:feed_organisation", args=[net.slug, secret, org.slug])
        )
        urls["organisation_name"] = org.short_name
    return urls


@require_http_methods(["GET", "POST"])
def tokens_page(request: HttpRequest, network: str) -> HttpResponse:
    net = _token_network(request, network)
    created = None
    if request.method == "POST":
        token, secret = event_actions.do_create_feed_token(request.user, net, label=request.POST.get("label", ""))
        created = {"token": token, "urls": feed_urls(request, net, secret)}
    tokens = list(FeedToken.objects.filter(network=net, user=request.user).order_by("-created_at", "-id"))
    response = render(
        request, "reports/feeds.html", {"network": net, "tokens": tokens, "created": created, "nav": "calendar"}
    )
    response["Cache-Control"] = "no-store"  # a new secret is on this page once, never in a cache
    return response


@require_POST
def token_revoke(request: HttpRequest, network: str, token_id: int) -> HttpResponse:
    net = _token_network(request, network)
    token = FeedToken.objects.filter(pk=token_id, network=net).first()
    if token is None or not can_revoke_feed_token(request.user, token):
        raise Http404("No such feed token.")
    event_actions.do_revoke_feed_token(request.user, token)
    messages.success(request, _("The feed address “%(token)s” no longer works.") % {"token": token})
    return HttpResponseRedirect(reverse("reports:feeds", args=[net.slug]))
