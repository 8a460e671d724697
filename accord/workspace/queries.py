"""Reads for the pages that cross domains: My work, the network home, workload and the calendar.

Each helper costs a fixed number of queries whatever the number of plans, items, events or changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import reverse

from accord.audit.models import AuditEntry
from accord.events.permissions import visible_events
from accord.network.models import Membership, Network, Organisation
from accord.network.permissions import role_in
from accord.plans import permissions as plan_perms
from accord.plans.models import OPEN_STATUSES, Item, ItemOwner, ItemStatus, Plan, PlanStatus
from accord.plans.permissions import visible_items
from accord.plans.queries import attach_trio_labels, owners_prefetch, plan_list
from accord.web.links import url_maker

DUE_SOON_DAYS = 30
DASHBOARD_LIST_SIZE = 15
CALENDAR_LIMIT = 400
# What My work's lists show of an item, its plan and network (_work_item.html, the open calls): a row holds these
# two dozen columns instead of the sixty of the three models (each column costs its converters on every row).
LISTED_ITEM_FIELDS = (
    *("id", "what", "status", "open_call", "owners_mode", "who_text", "plan_id"),
    *("when_text", "start", "end", "precision", "recurrence", "tentative", "deadline", "when_note"),
    *("plan__id", "plan__network_id", "plan__title", "plan__period_start", "plan__period_end"),
    *("plan__network__id", "plan__network__slug", "plan__network__name", "plan__network__short_name"),
)


@dataclass
class NetworkScope:
    """One of the person's networks: their role, the organisation they act for, and the current plan."""

    network: Network
    role: Any
    organisation: Organisation | None
    current_plan: Plan | None = None


@dataclass
class MyWork:
    scopes: list[NetworkScope]
    due_soon: list[Item] = field(default_factory=list)
    overdue: list[Item] = field(default_factory=list)
    open_calls: list[Item] = field(default_factory=list)
    tentative: list[Item] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)
    changes: list[AuditEntry] = field(default_factory=list)


def _open_plan_items(user: Any, network_ids: list[int]) -> QuerySet[Item]:
    """Open items the person may see of the networks' plans that are not closed."""
    return (
        visible_items(user)
        .filter(plan__network_id__in=network_ids, status__in=OPEN_STATUSES)
        .exclude(plan__status=PlanStatus.CLOSED)
    )


def _scope_q(scopes: list[NetworkScope]) -> Q:
    """Items a person's dashboard speaks for: their organisation's where they act for one, else the network's."""
    q = Q(pk__in=[])
    for scope in scopes:
        if scope.organisation is not None:
            owned = ItemOwner.objects.filter(organisation_id=scope.organisation.pk).values("item_id")
            q |= Q(plan__network_id=scope.network.pk, pk__in=owned)
        else:
            q |= Q(plan__network_id=scope.network.pk)
    return q


def current_plans(networks: list[Network], today: dt.date) -> dict[int, Plan]:
    """Each network's current plan (the one whose period covers today, else the latest started), with its item
    counts: one query (the plans are chosen by a subquery per network)."""
    if not networks:
        return {}
    if all(hasattr(n, "current_plan_id") for n in networks):  # read with the networks (with_current_plan_versions)
        chosen: Any = [n.current_plan_id for n in networks if n.current_plan_id is not None]
    else:
        chosen = _current_plan_ids(networks, today).values("plan_id")
    plans = Plan.objects.filter(pk__in=chosen).annotate(
        item_count=Count("items"),
        done_count=Count("items", filter=Q(items__status=ItemStatus.DONE)),
        open_call_count=Count("items", filter=Q(items__open_call=True, items__status__in=OPEN_STATUSES)),
    )
    return {plan.network_id: plan for plan in plans}  # one current plan per network


def current_plan_ids(networks: list[Network], today: dt.date) -> dict[int, int | None]:
    """Each network's current plan's key, without its counts: one query."""
    return dict(_current_plan_ids(networks, today).values_list("pk", "plan_id"))


def _current_plan_ids(networks: list[Network], today: dt.date) -> QuerySet[Any]:
    """The networks with their current plan's key as `plan_id` (a subquery per network); `.values("plan_id")` of
    it is a subquery itself."""
    return Network.objects.filter(pk__in=[n.pk for n in networks]).annotate(plan_id=current_plan_of_network(today))


def current_plan_of_network(today: dt.date, field: str = "pk") -> Coalesce:
    """The current plan's `field` of the network of the outer query (`OuterRef("pk")`): the plan whose period
    covers today, else the latest started."""
    covering = Plan.objects.filter(network=OuterRef("pk"), period_start__lte=today, period_end__gte=today)
    latest = Plan.objects.filter(network=OuterRef("pk")).filter(
        Q(period_start__lte=today) | Q(period_start__isnull=True)
    )
    return Coalesce(
        Subquery(covering.order_by("-period_start", "-pk").values(field)[:1]),
        Subquery(latest.order_by(F("period_start").desc(nulls_last=True), "-pk").values(field)[:1]),
    )


def with_current_plan_versions(networks: QuerySet[Network], today: dt.date) -> QuerySet[Network]:
    """The networks with their current plan's key and content version (`current_plan_id`,
    `current_plan_version`), read in the networks' own statement: My work keys its current-plan cards on them."""
    return networks.annotate(
        current_plan_id=current_plan_of_network(today),
        current_plan_version=current_plan_of_network(today, "content_version"),
    )


def _listed(rows: QuerySet[Item], order: list[Any], size: int) -> tuple[list[Item], int]:
    """The first `size` rows in `order` and how many there are in all, in one query (a window count over the
    rows, taken before the limit)."""
    got = list(rows.annotate(listed_total=Window(Count("pk"))).order_by(*order)[:size])
    return got, (got[0].listed_total if got else 0)


def network_scopes(user: Any, networks: list[Network], today: dt.date, current: bool = True) -> list[NetworkScope]:
    """The person's role and organisation in each network, with its current plan (one query) if `current`."""
    plans = current_plans(networks, today) if current else {}
    scopes = []
    for net in networks:
        role = role_in(user, net)
        scopes.append(NetworkScope(net, role, role.organisation if role else None, plans.get(net.pk)))
    return scopes


def my_work(
    user: Any, networks: list[Network], today: dt.date, size: int = DASHBOARD_LIST_SIZE, *, live: bool = True
) -> MyWork:
    """What the person and their organisation(s) owe across their networks (about a dozen queries in all).

    Without `live`, the parts that change with writes the rest does not show are left out: the current plans'
    counts, the recent changes and the open calls (the dashboard caches each apart on versions of its own:
    `network_scopes`, `recent_changes`, `open_calls`)."""
    scopes = network_scopes(user, networks, today, current=live)
    work = MyWork(scopes=scopes)
    ids = [s.network.pk for s in scopes]
    if not ids:
        return work
    mine = _scope_q(scopes)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    not_over = Q(end__gte=today) | Q(end__isnull=True)
    conditions = {
        "due_soon": (mine & Q(end__gte=today, end__lte=soon), ["end", "pk"]),
        "overdue": (mine & Q(end__lt=today), ["-end", "pk"]),
        "open_calls": (Q(open_call=True) & not_over, [F("end").asc(nulls_last=True), "pk"]),
        "tentative": (mine & Q(tentative=True) & not_over, [F("end").asc(nulls_last=True), "pk"]),
    }
    if not live:  # the open calls are a fragment of their own (open_calls)
        del conditions["open_calls"]
    base = _open_plan_items(user, ids).select_related("plan", "plan__network").only(*LISTED_ITEM_FIELDS)
    listed: list[Item] = []
    for name, (cond, order) in conditions.items():
        rows, work.counts[name] = _listed(base.filter(cond), order, size)
        setattr(work, name, rows)
        listed += rows
    prefetch_related_objects(listed, owners_prefetch())
    attach_trio_labels(listed)
    attach_links(listed)
    work.events = list(
        visible_events(user)
        .filter(network_id__in=ids, parent__isnull=True)
        .filter(Q(start__gte=today) | Q(end__gte=today))
        .select_related("network")
        .order_by("start", "pk")[:size]
    )
    attach_event_links(work.events)
    if live:
        work.changes = recent_changes(networks, size)
    return work


def attach_links(items: list[Any], *, take: bool = False) -> None:
    """Each item's page (and with `take` its "We'll take it" address) and its status words, decided once per list:
    one reverse per network and address, one translation per status, where the template would make one per row."""
    statuses = {value: str(label) for value, label in ItemStatus.choices}
    makers: dict[tuple[str, str], Any] = {}

    def url(name: str, slug: str, pk: int) -> str:
        make = makers.get((name, slug)) or makers.setdefault((name, slug), url_maker(name, slug))
        return make(pk)

    for item in items:
        slug = item.plan.network.slug
        item.url = url("plans:item", slug, item.pk)
        item.status_label = statuses.get(item.status, item.status)
        if take:
            item.take_url = url("plans:item_take", slug, item.pk)


def attach_event_links(events: list[Any]) -> None:
    """Each event's page, one reverse per network."""
    makers: dict[str, Any] = {}
    for event in events:
        slug = event.network.slug
        event.url = (makers.get(slug) or makers.setdefault(slug, url_maker("events:event", slug)))(event.pk)


def open_calls(user: Any, networks: list[Network], today: dt.date, size: int = DASHBOARD_LIST_SIZE) -> MyWork:
    """The open calls of the networks' open plans the person may see, whoever owns what: the first `size` and how
    many there are (one query)."""
    work = MyWork(scopes=[])
    if not networks:
        return work
    calls = _open_plan_items(user, [n.pk for n in networks]).filter(
        Q(open_call=True) & (Q(end__gte=today) | Q(end__isnull=True))
    )
    work.open_calls, work.counts["open_calls"] = _listed(
        calls.select_related("plan", "plan__network").only(*LISTED_ITEM_FIELDS),
        [F("end").asc(nulls_last=True), "pk"],
        size,
    )
    attach_links(work.open_calls, take=True)
    return work


def recent_changes(networks: list[Network], size: int = DASHBOARD_LIST_SIZE) -> list[AuditEntry]:
    """The networks' latest audit entries, with the page of what changed (one query)."""
    if not networks:
        return []
    entries = list(
        AuditEntry.objects.filter(network_id__in=[n.pk for n in networks])
        .select_related("content_type")
        .order_by("-at", "-id")[:size]
    )
    attach_change_links(entries, {n.pk: n.slug for n in networks})
    return entries


# The page each kind of object's change links to (a deleted object has no page left).
CHANGE_PAGES = {"item": "plans:item", "plan": "plans:plan", "event": "events:event"}


def attach_change_links(entries: list[AuditEntry], slugs: dict[int, str]) -> None:
    """Give each audit entry `url`, the page of what changed, or None: no queries."""
    for entry in entries:
        name = CHANGE_PAGES.get(entry.content_type.model)
        slug = slugs.get(entry.network_id) if entry.network_id is not None else None
        entry.url = reverse(name, args=[slug, entry.object_id]) if name and slug and entry.action != "delete" else None


def _trio_labelled(items: list[Item]) -> list[Item]:
    attach_trio_labels(items)
    return items


@dataclass
class NetworkOverview:
    current_plan: Plan | None
    status_counts: dict[str, int]
    overdue: int
    open_calls: int
    tentative: int
    coming_items: list[Item]
    coming_events: list[Any]


# What "coming up" shows of an item (and its Trio owners' labels read of its plan) and of an event: not their
# details, notes and other columns.
COMING_ITEM_FIELDS = (
    "id",
    "what",
    "when_text",
    "start",
    "end",
    "tentative",
    "plan__id",
    "plan__network_id",
    "plan__period_start",
    "plan__period_end",
)
COMING_EVENT_FIELDS = ("id", "title", "kind", "when_text", "start", "end", "tentative", "place")


def network_overview(user: Any, network: Network, today: dt.date, size: int = 10) -> NetworkOverview:
    """The network home's "how the plan is going" and "coming up" (five queries): the current plan (or, when the
    person may not see it, the first they may), its items counted by status in one aggregate, which gives the
    plan's own counts too, the items and events coming up."""
    plan = Plan.objects.filter(pk__in=_current_plan_ids([network], today).values("plan_id")).first()
    if plan is not None:
        plan.network = network  # read already: no query for the permission below
    if plan is not None and not plan_perms.can_view_plan(user, plan):
        plan = plan_list(user, network).first()
    counts: dict[str, Any] = {}
    if plan is not None:
        counts = Item.objects.filter(plan=plan).aggregate(
            **{status: Count("pk", filter=Q(status=status)) for status in ItemStatus.values},
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, end__lt=today)),
            open_calls=Count("pk", filter=Q(status__in=OPEN_STATUSES, open_call=True)),
            tentative=Count("pk", filter=Q(status__in=OPEN_STATUSES, tentative=True)),
        )
    status_counts = {s: counts.pop(s, 0) for s in ItemStatus.values}
    if plan is not None:  # what current_plans() annotates, from the same aggregate
        plan.item_count = sum(status_counts.values())
        plan.done_count = status_counts[ItemStatus.DONE]
        plan.open_call_count = counts.get("open_calls", 0)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    coming = (
        visible_items(user, network)
        .filter(status__in=OPEN_STATUSES, end__gte=today, end__lte=soon)
        .select_related("plan")
        .only(*COMING_ITEM_FIELDS)
        .prefetch_related(owners_prefetch())
        .order_by("end", "pk")[:size]
    )
    events = (
        visible_events(user, network)
        .filter(parent__isnull=True, start__lte=soon)
        .filter(Q(start__gte=today) | Q(end__gte=today))
        .only(*COMING_EVENT_FIELDS)
    )
    return NetworkOverview(
        current_plan=plan,
        status_counts=status_counts,
        overdue=counts.get("overdue", 0),
        open_calls=counts.get("open_calls", 0),
        tentative=counts.get("tentative", 0),
        coming_items=_trio_labelled(list(coming)),
        coming_events=list(events.order_by("start", "pk")[:size]),
    )


@dataclass
class WorkloadRow:
    organisation: Organisation
    counts: dict[str, int]
    is_member: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def open(self) -> int:
        return sum(self.counts.get(s, 0) for s in OPEN_STATUSES)


def workload(network: Network, plan: Plan) -> list[WorkloadRow]:
    """Every member organisation (and any other owner) with its item counts per status in one plan.

    Three queries. Busiest first by open items; members with no task at all come last, flagged by total == 0.
    """
    counts: dict[int, dict[str, int]] = {}
    rows = (
        ItemOwner.objects.filter(item__plan=plan, organisation__isnull=False)
        .values_list("organisation_id", "item__status")
        .annotate(n=Count("item_id", distinct=True))
    )
    for org_id, status, n in rows:
        counts.setdefault(org_id, {})[status] = n
    members = set(Membership.objects.filter(network=network).values_list("organisation_id", flat=True))
    # What the page shows of each (300 in a large network): not their aliases, websites and other columns.
    orgs = (
        Organisation.objects.filter(pk__in=members | set(counts))
        .only("id", "slug", "short_name")
        .order_by("short_name")
    )
    result = [
        WorkloadRow(org, {s: counts.get(org.pk, {}).get(s, 0) for s in ItemStatus.values}, org.pk in members)
        for org in orgs
    ]
    result.sort(key=lambda r: (-r.open, -r.total, r.organisation.short_name.casefold()))
    return result


def calendar_entries(
    user: Any, network: Network, start: dt.date, end: dt.date, limit: int = CALENDAR_LIMIT
) -> tuple[list[Item], list[Any]]:
    """Dated items of visible plans and events meeting [start, end] (two queries, at most `limit` of each), with
    only the fields the calendar shows (CALENDAR_FIELDS: no owners, no plan)."""
    items = (
        visible_items(user, network)
        .exclude(start__isnull=True, end__isnull=True)
        .overlapping(start, end)
        .only(*CALENDAR_FIELDS, "what", "status")
        .order_by(F("start").asc(nulls_first=True), "end", "pk")[:limit]
    )
    events = (
        visible_events(user, network)
        .exclude(start__isnull=True, end__isnull=True)
        .filter(Q(start__lte=end) | Q(start__isnull=True))
        .filter(Q(end__gte=start) | Q(end__isnull=True))
        .only(*CALENDAR_FIELDS, "title", "kind")
    )
    return list(items), list(events.order_by(F("start").asc(nulls_first=True), "end", "pk")[:limit])


# What an entry of the calendar shows of an item or an event besides its title and status or kind
# (calendar_grid.entries_from).
CALENDAR_FIELDS = ("id", "when_text", "start", "end", "precision", "tentative", "recurrence")
