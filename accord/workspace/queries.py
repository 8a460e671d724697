"""Reads for the pages that cross domains: My work, the network home, workload and the calendar.

Each helper costs a fixed number of queries whatever the number of plans, items, events or changes. The reads are
baked (accord.web.baked, docs/decisions/0015): each query is built and compiled once per shape and process, then
run with the request's values. What a person may see enters them as plain values (the network permissions'
`content_sight`), turned into a condition inside the build by the rule's pure form (`plans_q`, `items_q`, and
for events `events_q`), never restated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from accord.audit.models import AuditAction, AuditEntry
from accord.events.models import Event, EventKind, not_over
from accord.events.permissions import events_q
from accord.network.models import Membership, Network, Organisation
from accord.network.permissions import ContentSight, content_sight, is_superuser, role_in
from accord.network.queries import networks_of
from accord.plans import permissions as plan_perms
from accord.plans.models import ITEM_COUNT_FIELDS, OPEN_STATUSES, Item, ItemOwner, ItemStatus, Plan, PlanStatus
from accord.plans.permissions import items_q, plans_q
from accord.plans.queries import ROW_OWNER_FIELDS, attach_trio_labels, plan_list
from accord.plans.timeframed import begins, overlapping_q
from accord.web.baked import Bound, baked, prefetched, together
from accord.web.choices import choice_words
from accord.web.links import url_maker

DUE_SOON_DAYS = 30
DASHBOARD_LIST_SIZE = 15
CALENDAR_LIMIT = 400
# What My work's lists show of an item and its plan (_work_item.html, the open calls): a row holds these 20 columns
# instead of the forty of the two models (each column costs its converters on every row). The plan's network is
# one of the person's networks, read already (given to each row by `_listed`).
LISTED_ITEM_FIELDS = (
    *("id", "what", "status", "open_call", "owners_mode", "who_text", "plan_id"),
    *("when_text", "start", "end", "precision", "recurrence", "tentative", "deadline", "when_note"),
    *("plan__id", "plan__network_id", "plan__title", "plan__period_start", "plan__period_end"),
)
# What My work shows of an event (its network is one of the person's, read already).
LISTED_EVENT_FIELDS = ("id", "network_id", "title", "kind", "when_text", "start", "end", "tentative", "place")


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


def sight_of(user: Any, networks: list[Network]) -> ContentSight:
    """What of these networks' content the person sees: each network's `content_sight`, together. The pages across
    the person's own networks ask this rather than `content_sight(user)` across every network, which also reads
    the list of public networks (a query) for networks these pages never show."""
    sights = [content_sight(user, n) for n in networks]
    return ContentSight(
        False, tuple(pk for s in sights for pk in s.private), tuple(pk for s in sights for pk in s.public)
    )


def _open_plan_items(everything: bool, private: Any, public: Any, network_ids: Any) -> QuerySet[Item]:
    """Open items a person sees (their ContentSight's values) of the networks' plans that are not closed."""
    return (
        Item.objects.filter(items_q(everything, private, public))
        .filter(plan__network_id__in=network_ids, status__in=OPEN_STATUSES)
        .exclude(plan__status=PlanStatus.CLOSED)
    )


def _mine_q(whole: Any = (), acting_networks: Any = (), acting_organisations: Any = ()) -> Q:
    """Items a person's dashboard speaks for: every item of the networks in `whole` (where they act for no
    organisation), and in each of `acting_networks` the items of the organisation at the same place of
    `acting_organisations`."""
    q = Q(pk__in=[])
    if whole:
        q |= Q(plan__network_id__in=list(whole))
    for network_id, organisation_id in zip(acting_networks, acting_organisations, strict=True):
        owned = ItemOwner.objects.filter(organisation_id=organisation_id).values("item_id")
        q |= Q(plan__network_id=network_id, pk__in=owned)
    return q


def _scope_values(scopes: list[NetworkScope]) -> dict[str, list[int]]:
    """`_mine_q`'s values for the person's scopes."""
    acting = [s for s in scopes if s.organisation is not None]
    return {
        "whole": [s.network.pk for s in scopes if s.organisation is None],
        "acting_networks": [s.network.pk for s in acting],
        "acting_organisations": [s.organisation.pk for s in acting],  # type: ignore[union-attr]
    }


# My work's lists: each the first rows of its condition in its order, counted before the limit (a window count).
WORK_LISTS: dict[str, list[Any]] = {
    "due_soon": ["end", "pk"],
    "overdue": ["-end", "pk"],
    "open_calls": [F("end").asc(nulls_last=True), "pk"],
    "tentative": [F("end").asc(nulls_last=True), "pk"],
}


@baked(shape=["everything", "kind", "size"])
def _work_list(
    everything: bool,
    private: Any,
    public: Any,
    network_ids: Any,
    today: dt.date,
    kind: str,
    size: int,
    soon: dt.date | None = None,
    **mine: Any,
) -> QuerySet[Item]:
    rows = _open_plan_items(everything, private, public, network_ids)
    not_past = Q(end__gte=today) | Q(end__isnull=True)
    if kind == "due_soon":
        rows = rows.filter(_mine_q(**mine) & Q(end__gte=today, end__lte=soon))
    elif kind == "overdue":
        rows = rows.filter(_mine_q(**mine) & Q(end__lt=today))
    elif kind == "tentative":
        rows = rows.filter(_mine_q(**mine) & Q(tentative=True) & not_past)
    else:
        rows = rows.filter(Q(open_call=True) & not_past)
    return (
        rows.select_related("plan")
        .only(*LISTED_ITEM_FIELDS)
        .annotate(listed_total=Window(Count("pk")))
        .order_by(*WORK_LISTS[kind])[:size]
    )


def _listed(rows: list[Item], networks: dict[int, Network]) -> tuple[list[Item], int]:
    """The rows, each plan given its network (`networks` by key), and how many there are in all (the window count
    each row carries)."""
    for row in rows:
        row.plan.network = networks[row.plan.network_id]
    return rows, (rows[0].listed_total if rows else 0)


# The owners of listed items, with what their names are made of (ROW_OWNER_FIELDS: not the organisations' aliases
# and dates, decoded for every owner otherwise): in each item's order (by position).
_owners_of_items = baked(
    lambda ids: (
        ItemOwner.objects.filter(item_id__in=ids)
        .select_related("organisation", "group", "person")
        .only(*ROW_OWNER_FIELDS)
        .order_by("item_id", "position", "pk")
    )
)


def attach_owners(items: list[Item]) -> None:
    """Give each item its owners (`item.owners.all()`) in one query, as prefetching them would."""
    if items:
        prefetched(items, "owners", _owners_of_items(ids=sorted({i.pk for i in items})), "item_id")


@baked(shape=["everyone"])
def _person_networks(everyone: bool, today: dt.date, user_id: int | None = None) -> QuerySet[Network]:
    return with_current_plan_versions(networks_of(everyone, user_id), today)


def person_networks(user: Any, today: dt.date) -> list[Network]:
    """The networks a person belongs to (all for a superuser), with their current plans' keys and versions."""
    if is_superuser(user):
        return _person_networks(everyone=True, today=today)
    return _person_networks(everyone=False, today=today, user_id=user.pk)


# What a current plan's card shows of it (and the network home's permission reads): not its JSON columns.
CARD_PLAN_FIELDS = ("id", "network_id", "title", "period_start", "period_end", "status", "is_public")
_plans_with_counts = baked(
    lambda ids: (
        Plan.objects.filter(pk__in=ids)
        .only(*CARD_PLAN_FIELDS, *ITEM_COUNT_FIELDS)
        .order_by("pk")  # a fixed order, without the default order's join
    )
)


def current_plans(networks: list[Network], today: dt.date) -> dict[int, Plan]:
    """Each network's current plan (the one whose period covers today, else the latest started), with its item
    counts: one query (the plans are chosen by a subquery per network)."""
    if not networks:
        return {}
    return current_plans_of(current_plans_read(networks, today)())


def current_plans_read(networks: list[Network], today: dt.date) -> Bound[Plan]:
    """The read `current_plans` makes, to be sent with others (`together`): the networks' current plans chosen
    when the networks were read with them (with_current_plan_versions), else by a query of their keys first."""
    if all(hasattr(n, "current_plan_id") for n in networks):  # read with the networks (with_current_plan_versions)
        chosen: Any = [n.current_plan_id for n in networks if n.current_plan_id is not None]
    else:
        chosen = [pk for pk in current_plan_ids(networks, today).values() if pk is not None]
    return _plans_with_counts.bind(ids=chosen)


def current_plans_of(plans: list[Plan]) -> dict[int, Plan]:
    """The plans `current_plans_read` read, by network (one current plan per network)."""
    return {plan.network_id: plan for plan in plans}


_current_plan_keys = baked(
    lambda ids, today: (
        Network.objects.filter(pk__in=ids).annotate(plan_id=current_plan_of_network(today)).values_list("pk", "plan_id")
    )
)


def current_plan_ids(networks: list[Network], today: dt.date) -> dict[int, int | None]:
    """Each network's current plan's key, without its counts: one query."""
    return dict(_current_plan_keys(ids=[n.pk for n in networks], today=today))


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


def network_scopes(
    user: Any, networks: list[Network], today: dt.date, current: bool = True, plans: dict[int, Plan] | None = None
) -> list[NetworkScope]:
    """The person's role and organisation in each network, with its current plan (one query) if `current`, or
    from `plans` (current_plans_read's, by network) when the caller read them."""
    if plans is None:
        plans = current_plans(networks, today) if current else {}
    scopes = []
    for net in networks:
        role = role_in(user, net)
        scopes.append(NetworkScope(net, role, role.organisation if role else None, plans.get(net.pk)))
    return scopes


@baked(shape=["everything", "size"])
def _coming_events(
    everything: bool, private: Any, public: Any, network_ids: Any, today: dt.date, size: int
) -> QuerySet[Event]:
    return (
        not_over(Event.objects.filter(events_q(everything, private, public)), today)
        .filter(network_id__in=network_ids, parent__isnull=True)
        .only(*LISTED_EVENT_FIELDS)
        .order_by(begins(), "pk")[:size]
    )


def my_work(
    user: Any, networks: list[Network], today: dt.date, size: int = DASHBOARD_LIST_SIZE, *, live: bool = True
) -> MyWork:
    """What the person and their organisation(s) owe across their networks: five queries (three lists, their
    owners, the events), three more with `live` (the current plans, the open calls, the recent changes).

    Without `live`, the parts that change with writes the rest does not show are left out: the current plans'
    counts, the recent changes and the open calls (the dashboard caches each apart on versions of its own:
    `network_scopes`, `recent_changes`, `open_calls`)."""
    scopes = network_scopes(user, networks, today, current=live)
    work = MyWork(scopes=scopes)
    ids = [s.network.pk for s in scopes]
    if not ids:
        return work
    seen = {**sight_of(user, networks).values(), "network_ids": ids, "today": today, "size": size}
    mine = _scope_values(scopes)
    values: dict[str, dict[str, Any]] = {
        "due_soon": {**mine, "soon": today + dt.timedelta(days=DUE_SOON_DAYS)},
        "overdue": mine,
        "open_calls": {},
        "tentative": mine,
    }
    if not live:  # the open calls are a fragment of their own (open_calls)
        del values["open_calls"]
    by_pk = {n.pk: n for n in networks}
    listed: list[Item] = []
    # The lists and the coming events, sent together (one round trip on PostgreSQL: baked.together).
    *lists, work.events = together(
        *(_work_list.bind(**seen, **own, kind=name) for name, own in values.items()), _coming_events.bind(**seen)
    )
    for name, found in zip(values, lists, strict=True):
        rows, work.counts[name] = _listed(found, by_pk)
        setattr(work, name, rows)
        listed += rows
    attach_owners(listed)
    attach_trio_labels(listed)
    attach_links(listed)
    for event in work.events:
        event.network = by_pk[event.network_id]
    attach_event_links(work.events)
    if live:
        work.changes = recent_changes(networks, size)
    return work


def attach_links(items: list[Any], *, take: bool = False) -> None:
    """Each item's page (and with `take` its "We'll take it" address) and its status words, decided once per list:
    one reverse per network and address, one translation per status, where the template would make one per row."""
    statuses = choice_words(ItemStatus.choices)
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
    """Each event's page, one reverse per network, and its kind's words (`kind_label`), one translation per kind."""
    makers: dict[str, Any] = {}
    kinds = choice_words(EventKind.choices)
    for event in events:
        slug = event.network.slug
        event.url = (makers.get(slug) or makers.setdefault(slug, url_maker("events:event", slug)))(event.pk)
        event.kind_label = kinds.get(event.kind, event.kind)


def open_calls(user: Any, networks: list[Network], today: dt.date, size: int = DASHBOARD_LIST_SIZE) -> MyWork:
    """The open calls of the networks' open plans the person may see, whoever owns what: the first `size` and how
    many there are (one query)."""
    return open_calls_of(networks, [read() for read in open_calls_reads(user, networks, today, size)])


def open_calls_reads(
    user: Any, networks: list[Network], today: dt.date, size: int = DASHBOARD_LIST_SIZE
) -> list[Bound[Item]]:
    """The read `open_calls` makes (none without networks), to be sent with others (`together`)."""
    if not networks:
        return []
    return [
        _work_list.bind(
            **sight_of(user, networks).values(),
            network_ids=[n.pk for n in networks],
            today=today,
            size=size,
            kind="open_calls",
        )
    ]


def open_calls_of(networks: list[Network], rows: list[list[Item]]) -> MyWork:
    """The open calls from `open_calls_reads`' rows."""
    work = MyWork(scopes=[])
    if not rows:
        return work
    work.open_calls, work.counts["open_calls"] = _listed(rows[0], {n.pk: n for n in networks})
    attach_links(work.open_calls, take=True)
    return work


# What the recent changes show of an entry: not the changes themselves (JSON); its content type comes from
# ContentType's own cache (`attach_change_links`).
CHANGE_FIELDS = (
    *("id", "at", "actor_name", "action", "content_type_id", "object_id", "object_repr", "network_id", "note"),
)
_latest_entries = baked(
    lambda network_ids, size: (
        AuditEntry.objects.filter(network_id__in=network_ids).only(*CHANGE_FIELDS).order_by("-at", "-id")[:size]
    ),
    shape=["size"],
)


def recent_changes(networks: list[Network], size: int = DASHBOARD_LIST_SIZE) -> list[AuditEntry]:
    """The networks' latest audit entries, with the page of what changed (one query)."""
    return recent_changes_of(networks, [read() for read in recent_changes_reads(networks, size)])


def recent_changes_reads(networks: list[Network], size: int = DASHBOARD_LIST_SIZE) -> list[Bound[AuditEntry]]:
    """The read `recent_changes` makes (none without networks), to be sent with others (`together`)."""
    return [_latest_entries.bind(network_ids=[n.pk for n in networks], size=size)] if networks else []


def recent_changes_of(networks: list[Network], rows: list[list[AuditEntry]]) -> list[AuditEntry]:
    """The entries from `recent_changes_reads`' rows, with the page of what changed."""
    entries = rows[0] if rows else []
    attach_change_links(entries, {n.pk: n.slug for n in networks})
    return entries


# The page each kind of object's change links to (a deleted object has no page left).
CHANGE_PAGES = {"item": "plans:item", "plan": "plans:plan", "event": "events:event"}


def attach_change_links(entries: list[AuditEntry], slugs: dict[int, str]) -> None:
    """Give each audit entry `url`, the page of what changed, or None, and `at_local`, its moment in the current
    time zone (as Django's templates show it), and its action's words (`action_label`, one translation per action):
    no queries."""
    actions = choice_words(AuditAction.choices)
    makers: dict[tuple[str, str], Any] = {}  # one reverse per kind of page and network, not one per entry
    for entry in entries:
        entry.content_type = ContentType.objects.get_for_id(entry.content_type_id)  # cached by the process
        entry.at_local = timezone.localtime(entry.at)
        entry.action_label = actions.get(entry.action, entry.action)
        name = CHANGE_PAGES.get(entry.content_type.model)
        slug = slugs.get(entry.network_id) if entry.network_id is not None else None
        entry.url = None
        if name and slug and entry.action != "delete" and entry.object_id.isdigit():  # the pages' keys are numbers
            make = makers.get((name, slug)) or makers.setdefault((name, slug), url_maker(name, slug))
            entry.url = make(entry.object_id)


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


def _plan_counts(today: dt.date) -> dict[str, Any]:
    """A plan's items counted by status (`count_<status>`), and its open items overdue, asking for an owner and
    tentative, as annotations of the plan."""
    still_open = Q(items__status__in=OPEN_STATUSES)
    return {
        **{f"count_{status}": Count("items", filter=Q(items__status=status)) for status in ItemStatus.values},
        "count_overdue": Count("items", filter=still_open & Q(items__end__lt=today)),
        "count_open_calls": Count("items", filter=still_open & Q(items__open_call=True)),
        "count_tentative": Count("items", filter=still_open & Q(items__tentative=True)),
    }


@baked(shape=["current"])
def _overview_plan(today: dt.date, current: bool, network_id: int = 0, plan_id: int = 0) -> QuerySet[Plan]:
    """The network's current plan (`current`) or the plan `plan_id`, with its counts (`_plan_counts`)."""
    if current:
        chosen = Network.objects.filter(pk=network_id).annotate(plan_id=current_plan_of_network(today))
        rows = Plan.objects.filter(pk__in=chosen.values("plan_id"))
    else:
        rows = Plan.objects.filter(pk=plan_id)
    return rows.only(*CARD_PLAN_FIELDS, *ITEM_COUNT_FIELDS).annotate(**_plan_counts(today)).order_by()


@baked(shape=["everything", "size"])
def _coming_items(
    everything: bool, private: Any, public: Any, today: dt.date, soon: dt.date, size: int
) -> QuerySet[Item]:
    return (
        Item.objects.filter(items_q(everything, private, public))
        .filter(status__in=OPEN_STATUSES, end__gte=today, end__lte=soon)
        .select_related("plan")
        .only(*COMING_ITEM_FIELDS)
        .order_by("end", "pk")[:size]
    )


@baked(shape=["everything", "size"])
def _coming_network_events(
    everything: bool, private: Any, public: Any, today: dt.date, soon: dt.date, size: int
) -> QuerySet[Event]:
    return (
        not_over(Event.objects.filter(events_q(everything, private, public)), today)
        .alias(begins=begins())
        .filter(parent__isnull=True, begins__lte=soon)
        .only(*COMING_EVENT_FIELDS)
        .order_by("begins", "pk")[:size]
    )


def network_overview(user: Any, network: Network, today: dt.date, size: int = 10) -> NetworkOverview:
    """The network home's "how the plan is going" and "coming up" (four queries, three of them sent together): the
    current plan (or, when the person may not see it, the first they may) with its items counted by status, which
    gives the plan's own counts too, the items (and their owners) and events coming up."""
    seen = {**content_sight(user, network).values(), "today": today, "size": size}
    seen["soon"] = today + dt.timedelta(days=DUE_SOON_DAYS)
    # Sent together (one round trip on PostgreSQL: baked.together).
    found, coming, events = together(
        _overview_plan.bind(today=today, current=True, network_id=network.pk),
        _coming_items.bind(**seen),
        _coming_network_events.bind(**seen),
    )
    plan = found[0] if found else None
    if plan is not None:
        plan.network = network  # read already: no query for the permission below
    if plan is not None and not plan_perms.can_view_plan(user, plan):
        first = plan_list(user, network).first()
        plan = _overview_plan(today=today, current=False, plan_id=first.pk)[0] if first is not None else None
    status_counts = {s: getattr(plan, f"count_{s}", 0) for s in ItemStatus.values}
    attach_owners(coming)
    item_url = url_maker("plans:item", network.slug)
    for item in coming:
        item.url = item_url(item.pk)
    for event in events:
        event.network = network
    attach_event_links(events)
    return NetworkOverview(
        current_plan=plan,
        status_counts=status_counts,
        overdue=getattr(plan, "count_overdue", 0),
        open_calls=getattr(plan, "count_open_calls", 0),
        tentative=getattr(plan, "count_tentative", 0),
        coming_items=_trio_labelled(coming),
        coming_events=events,
    )


@dataclass(frozen=True)
class WorkloadOrganisation:
    """What the workload shows of an organisation (300 rows in a large network: plain values, not models)."""

    pk: int
    slug: str
    short_name: str


@dataclass
class WorkloadRow:
    organisation: WorkloadOrganisation
    counts: dict[str, int]
    is_member: bool

    @cached_property
    def total(self) -> int:
        return sum(self.counts.values())

    @cached_property
    def open(self) -> int:
        return sum(self.counts.get(s, 0) for s in OPEN_STATUSES)


# Each organisation's items of the plan by status, in the grouped columns' order (the owners' default order would
# join the sections; PostgreSQL's groups come in no order).
_owners_counts = baked(
    lambda plan_id: (
        ItemOwner.objects.filter(item__plan_id=plan_id, organisation__isnull=False)
        .values_list("organisation_id", "item__status")
        .annotate(n=Count("item_id", distinct=True))
        .order_by("organisation_id", "item__status")
    )
)


@baked
def _workload_organisations(network_id: int, plan_id: int) -> QuerySet[Any]:
    """The network's member organisations and the organisations owning items of the plan, each with whether it
    is a member: only what the page shows of each, (key, slug, short name, member) rows."""
    members = Membership.objects.filter(network_id=network_id)
    owners = ItemOwner.objects.filter(item__plan_id=plan_id, organisation__isnull=False)
    either = Q(pk__in=members.values("organisation_id")) | Q(pk__in=owners.values("organisation_id"))
    return (
        Organisation.objects.filter(either)
        .annotate(is_member=Exists(members.filter(organisation_id=OuterRef("pk"))))
        .order_by("short_name", "pk")
        .values_list("id", "slug", "short_name", "is_member")
    )


def workload(network: Network, plan: Plan) -> list[WorkloadRow]:
    """Every member organisation (and any other owner) with its item counts per status in one plan.

    Two queries, sent together (baked.together). Busiest first by open items; members with no task at all come
    last, flagged by total == 0.
    """
    owned, organisations = together(
        _owners_counts.bind(plan_id=plan.pk), _workload_organisations.bind(network_id=network.pk, plan_id=plan.pk)
    )
    counts: dict[int, dict[str, int]] = {}
    for org_id, status, n in owned:
        counts.setdefault(org_id, {})[status] = n
    none = dict.fromkeys(ItemStatus.values, 0)
    result = [
        WorkloadRow(
            WorkloadOrganisation(pk, slug, short_name),
            {**none, **counts[pk]} if pk in counts else dict(none),
            bool(is_member),
        )
        for pk, slug, short_name, is_member in organisations
    ]
    result.sort(key=lambda r: (-r.open, -r.total, r.organisation.short_name.casefold()))
    return result


@baked(shape=["everything"])
def _plan_choices(everything: bool, private: Any, public: Any) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(plans_q(everything, private, public))
        .only("id", "title", "period_start", "period_end", "content_version")
        .order_by("-period_start", "title", "pk")[:200]
    )


def plan_choices(user: Any, network: Network) -> list[Plan]:
    """The plans of the network the person may see, as the workload's plan choice shows them (and its key reads):
    not their JSON columns (one query)."""
    return plan_choices_read(user, network)()


def plan_choices_read(user: Any, network: Network) -> Bound[Plan]:
    """The read `plan_choices` makes, to be sent with others (`together`)."""
    return _plan_choices.bind(**content_sight(user, network).values())


def plans_and_current(user: Any, network: Network, today: dt.date) -> tuple[list[Plan], int | None]:
    """`plan_choices` and the network's current plan's key (`current_plan_ids`), read together (one round trip
    on PostgreSQL)."""
    plans, current = together(plan_choices_read(user, network), _current_plan_keys.bind(ids=[network.pk], today=today))
    return plans, dict(current).get(network.pk)


@baked(shape=["everything", "limit"])
def _calendar_items(
    everything: bool, private: Any, public: Any, start: dt.date, end: dt.date, limit: int
) -> QuerySet[Item]:
    return (
        Item.objects.filter(items_q(everything, private, public))
        .exclude(start__isnull=True, end__isnull=True)
        .overlapping(start, end)
        .order_by(F("start").asc(nulls_first=True), "end", "pk")
        .values_list(*CALENDAR_ITEM_VALUES)[:limit]
    )


@baked(shape=["everything", "limit"])
def _calendar_events(
    everything: bool, private: Any, public: Any, start: dt.date, end: dt.date, limit: int
) -> QuerySet[Event]:
    return (
        Event.objects.filter(events_q(everything, private, public))
        .filter(overlapping_q(start, end))
        .order_by(begins(), "end", "pk")
        .values_list(*CALENDAR_EVENT_VALUES)[:limit]
    )


def calendar_entries(
    user: Any, network: Network, start: dt.date, end: dt.date, limit: int = CALENDAR_LIMIT
) -> tuple[list[Item], list[Any]]:
    """Dated items of visible plans and events meeting [start, end] (two queries sent together, at most `limit` of
    each), as the values the calendar shows of them (CALENDAR_ITEM_VALUES, CALENDAR_EVENT_VALUES: no owners, no
    plan)."""
    seen = {**content_sight(user, network).values(), "start": start, "end": end, "limit": limit}
    items, events = together(_calendar_items.bind(**seen), _calendar_events.bind(**seen))
    return items, events


# What an entry of the calendar shows of an item or an event, in the order calendar_grid.entries_from reads them: a
# month's hundreds of entries as plain values, not a model object each.
CALENDAR_ITEM_VALUES = ("id", "what", "when_text", "start", "end", "tentative", "status", "recurrence")
CALENDAR_EVENT_VALUES = ("id", "title", "when_text", "start", "end", "tentative", "kind", "recurrence")
