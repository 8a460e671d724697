"""Read helpers for plans and items shared by pages, the API and reports. Each costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce

from accord.audit.models import AuditEntry
from accord.network.models import (
    Group,
    GroupKind,
    Membership,
    Network,
    Organisation,
    Trio,
    chair_terms,
    trio_for_period,
)
from accord.network.permissions import can_see_private
from accord.plans import permissions as plan_perms
from accord.plans.models import OPEN_STATUSES, Comment, Item, ItemOwner, ItemStatus, Plan, PlanStatus, Section


def plans_visible(user: Any, network: Network) -> QuerySet[Plan]:
    qs = Plan.objects.filter(network=network)
    if not can_see_private(user, network):
        qs = qs.filter(is_public=True)
    return qs


def plan_list(user: Any, network: Network) -> QuerySet[Plan]:
    return (
        plans_visible(user, network)
        .select_related("chair")
        .annotate(
            item_count=_item_count(),
            done_count=_item_count(status=ItemStatus.DONE),
            open_call_count=_item_count(open_call=True),
        )
        .order_by("-period_start", "title")
    )


def _item_count(**conditions: Any) -> Count | Coalesce:
    """A plan's items (meeting `conditions`), counted the way each database does fastest (40 plans of 250 items):
    PostgreSQL hash-joins the items once and groups (11 ms; a subquery per plan seq-scans, 150 ms); SQLite's
    GROUP BY over every plan column sorts them all (58 ms), where a subquery per plan reads only its own items
    through the (plan, section, order) index (10 ms). One join of items only, so no count needs DISTINCT."""
    if connection.vendor == "postgresql":
        return Count("items", filter=Q(**{f"items__{k}": v for k, v in conditions.items()}) if conditions else None)
    counted = (Item.objects.filter(plan=OuterRef("pk"), **conditions).order_by().values("plan")
               .annotate(n=Count("pk")).values("n")[:1])
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def owners_prefetch() -> Prefetch:
    return Prefetch("owners", queryset=ItemOwner.objects.select_related("organisation", "group", "person"))


def _row_owners_prefetch() -> Prefetch:
    """Owners with only what a row shows and permissions read (name, organisation and its slug)."""
    return Prefetch("owners", queryset=ItemOwner.objects.select_related("organisation", "group", "person").only(
        "id", "item_id", "position", "organisation_id", "group_id", "person_id", "text",
        "organisation__short_name", "organisation__slug", "group__name", "group__kind", "person__name"))


def plan_document(plan: Plan) -> list[Section]:
    """The plan's sections in order, each with its items (two queries whatever the size); their owners' names
    come from plan_owner_names."""
    items = Item.objects.filter(plan=plan).order_by("order", "id")
    return list(
        Section.objects.filter(plan=plan).order_by("order", "id").prefetch_related(Prefetch("items", queryset=items))
    )


def plan_owner_names(plan: Plan) -> dict[int, list[tuple[str, str | None]]]:
    """Item id -> its owners in order, as (name, organisation slug or None), in one query of plain values: a
    whole plan's owners as model objects cost several times more to build than the page needs. The Trio is
    named with the three chairs of the item's period (one more query when a Trio owns anything)."""
    rows = (ItemOwner.objects.filter(item__plan=plan).order_by("item_id", "position")
            .values_list("item_id", "organisation_id", "organisation__short_name", "organisation__slug",
                         "group__name", "group__kind", "person__name", "text", "item__start", "item__end"))
    names: dict[int, list[tuple[str, str | None]]] = {}
    terms: list[Any] | None = None
    for item_id, org_id, org, slug, group, kind, person, text, start, end in rows:
        if org_id is not None:
            owner = (org, slug)
        elif kind == GroupKind.TRIO:
            if terms is None:
                terms = chair_terms(plan.network_id)
            owner = (trio_label(group, _trio_of(terms, start, end, plan)), None)
        else:
            owner = (group if group is not None else person if person is not None else text, None)
        names.setdefault(item_id, []).append(owner)
    return names


def _trio_of(terms: list[Any], start: dt.date | None, end: dt.date | None, plan: Plan | None) -> Trio | None:
    """The Trio of an item's period: its own dates, else its plan's."""
    if not (start or end) and plan is not None:
        start, end = plan.period_start, plan.period_end
    return trio_for_period(0, start, end, terms=terms)


def trio_label(name: str, trio: Trio | None) -> str:
    """"Trio" as an owner, shown as the chairs of the period, previous to next: "Trio (HSF · ASO · BRC)"."""
    if trio is None:
        return name
    chairs = [t.label or t.organisation.short_name for t in (trio.previous, trio.current, trio.next) if t]
    return f"{name} ({' · '.join(chairs)})" if chairs else name


def attach_trio_labels(items: list[Item]) -> None:
    """Name each Trio owner of these items (owners prefetched) by the chairs of the item's period, so that
    ItemOwner.name reads "Trio (HSF · ASO · BRC)": one query per network that has such owners, none otherwise."""
    found = [(item, o) for item in items for o in item.owners.all()
             if o.group_id is not None and o.group.kind == GroupKind.TRIO]
    terms: dict[int, list[Any]] = {}
    for item, owner in found:
        network_id = item.plan.network_id
        if network_id not in terms:
            terms[network_id] = chair_terms(network_id)
        owner.trio_label = trio_label(owner.group.name, _trio_of(terms[network_id], item.start, item.end,
                                                                 item.plan))


def items_owned_by(user: Any, network: Network, organisation: Any, limit: int = 200) -> list[Item]:
    """What one organisation owns in a network's plans the person may see, newest plan first."""
    plans = plans_visible(user, network)
    return list(
        Item.objects.filter(plan__in=plans, owners__organisation=organisation)
        .select_related("plan", "section")
        .prefetch_related(owners_prefetch())
        .order_by("-plan__period_start", "section__order", "order")
        .distinct()[:limit]
    )


# My work, network overview, workload and calendar --------------------------------------------------------------
# Each helper costs a fixed number of queries whatever the number of plans, items, events or changes.

DUE_SOON_DAYS = 30
DASHBOARD_LIST_SIZE = 15
CALENDAR_LIMIT = 400


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


def _open_plan_items(network_ids: list[int]) -> QuerySet[Item]:
    """Open items of the networks' plans that are not closed."""
    return Item.objects.filter(plan__network_id__in=network_ids, status__in=OPEN_STATUSES).exclude(
        plan__status=PlanStatus.CLOSED)


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
    """Each network's current plan (the one whose period covers today, else the latest started): two queries."""
    if not networks:
        return {}
    covering = Plan.objects.filter(network=OuterRef("pk"), period_start__lte=today, period_end__gte=today)
    latest = Plan.objects.filter(network=OuterRef("pk")).filter(Q(period_start__lte=today)
                                                               | Q(period_start__isnull=True))
    ids = dict(
        Network.objects.filter(pk__in=[n.pk for n in networks]).annotate(plan_id=Coalesce(
            Subquery(covering.order_by("-period_start", "-pk").values("pk")[:1]),
            Subquery(latest.order_by(F("period_start").desc(nulls_last=True), "-pk").values("pk")[:1]),
        )).values_list("pk", "plan_id")
    )
    plans = Plan.objects.filter(pk__in=[p for p in ids.values() if p]).annotate(
        item_count=Count("items"),
        done_count=Count("items", filter=Q(items__status=ItemStatus.DONE)),
        open_call_count=Count("items", filter=Q(items__open_call=True, items__status__in=OPEN_STATUSES)),
    ).in_bulk()
    return {net_id: plans[plan_id] for net_id, plan_id in ids.items() if plan_id in plans}


def my_work(user: Any, networks: list[Network], today: dt.date, size: int = DASHBOARD_LIST_SIZE) -> MyWork:
    """What the person and their organisation(s) owe across their networks (about a dozen queries in all)."""
    from accord.events.models import Event
    from accord.network.permissions import role_in

    plans = current_plans(networks, today)
    scopes = []
    for net in networks:
        role = role_in(user, net)
        scopes.append(NetworkScope(net, role, role.organisation if role else None, plans.get(net.pk)))
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
    base = _open_plan_items(ids)
    work.counts = base.aggregate(**{name: Count("pk", filter=cond) for name, (cond, _) in conditions.items()})
    listed: list[Item] = []
    for name, (cond, order) in conditions.items():
        rows = list(base.filter(cond).select_related("plan", "plan__network").order_by(*order)[:size])
        setattr(work, name, rows)
        listed += rows
    prefetch_related_objects(listed, owners_prefetch())
    attach_trio_labels(listed)
    work.events = list(
        Event.objects.filter(network_id__in=ids, parent__isnull=True)
        .filter(Q(start__gte=today) | Q(end__gte=today)).select_related("network").order_by("start", "pk")[:size]
    )
    work.changes = list(AuditEntry.objects.filter(network_id__in=ids).select_related("content_type")
                        .order_by("-at", "-id")[:size])
    return work


@dataclass
class NetworkOverview:
    current_plan: Plan | None
    status_counts: dict[str, int]
    overdue: int
    open_calls: int
    tentative: int
    coming_items: list[Item]
    coming_events: list[Any]


def network_overview(user: Any, network: Network, today: dt.date, size: int = 10) -> NetworkOverview:
    """The network home's "how the plan is going" and "coming up" (five queries)."""
    from accord.events.models import Event

    plan = current_plans([network], today).get(network.pk)
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
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    coming = (Item.objects.filter(plan__in=plans_visible(user, network), status__in=OPEN_STATUSES,
                                  end__gte=today, end__lte=soon)
              .select_related("plan").prefetch_related(owners_prefetch()).order_by("end", "pk")[:size])
    events = Event.objects.filter(network=network, parent__isnull=True, start__lte=soon).filter(
        Q(start__gte=today) | Q(end__gte=today))
    if not can_see_private(user, network):
        events = events.filter(is_public=True)
    return NetworkOverview(
        current_plan=plan,
        status_counts={s: counts.pop(s, 0) for s in ItemStatus.values},
        overdue=counts.get("overdue", 0), open_calls=counts.get("open_calls", 0),
        tentative=counts.get("tentative", 0),
        coming_items=list(coming),
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
    rows = (ItemOwner.objects.filter(item__plan=plan, organisation__isnull=False)
            .values_list("organisation_id", "item__status").annotate(n=Count("item_id", distinct=True)))
    for org_id, status, n in rows:
        counts.setdefault(org_id, {})[status] = n
    members = set(Membership.objects.filter(network=network).values_list("organisation_id", flat=True))
    orgs = Organisation.objects.filter(pk__in=members | set(counts)).order_by("short_name")
    result = [WorkloadRow(org, {s: counts.get(org.pk, {}).get(s, 0) for s in ItemStatus.values}, org.pk in members)
              for org in orgs]
    result.sort(key=lambda r: (-r.open, -r.total, r.organisation.short_name.casefold()))
    return result


def organisation_load(user: Any, network: Network, organisation: Organisation) -> list[tuple[Plan, dict[str, int]]]:
    """The organisation's items per plan (period) and status in the plans the person may see: two queries."""
    visible = plans_visible(user, network)
    counts: dict[int, dict[str, int]] = {}
    rows = (ItemOwner.objects.filter(organisation=organisation, item__plan__in=visible)
            .values_list("item__plan_id", "item__status").annotate(n=Count("item_id", distinct=True)))
    for plan_id, status, n in rows:
        counts.setdefault(plan_id, {})[status] = n
    plans = visible.filter(pk__in=list(counts)).order_by(F("period_start").asc(nulls_first=True), "pk")
    return [(p, {s: counts[p.pk].get(s, 0) for s in ItemStatus.values}) for p in plans]


def calendar_entries(user: Any, network: Network, start: dt.date, end: dt.date,
                     limit: int = CALENDAR_LIMIT) -> tuple[list[Item], list[Any]]:
    """Dated items of visible plans and events meeting [start, end] (three queries, at most `limit` of each)."""
    from accord.events.models import Event

    items = (Item.objects.filter(plan__in=plans_visible(user, network)).exclude(start__isnull=True, end__isnull=True)
             .overlapping(start, end).select_related("plan").prefetch_related(owners_prefetch())
             .order_by(F("start").asc(nulls_first=True), "end", "pk")[:limit])
    events = Event.objects.filter(network=network).exclude(start__isnull=True, end__isnull=True).filter(
        Q(start__lte=end) | Q(start__isnull=True)).filter(Q(end__gte=start) | Q(end__isnull=True))
    if not can_see_private(user, network):
        events = events.filter(is_public=True)
    return list(items), list(events.order_by(F("start").asc(nulls_first=True), "end", "pk")[:limit])


# The plan page's tabs and the item page ------------------------------------------------------------------------

TABLE_PAGE_SIZE = 50
CHANGES_PAGE_SIZE = 50


def plan_items(plan: Plan, *, owners: bool = True) -> QuerySet[Item]:
    """A plan's items in document order, with their section and (unless `owners` is false) owners (two queries
    when evaluated)."""
    qs = Item.objects.filter(plan=plan).select_related("section")
    if owners:
        qs = qs.prefetch_related(_row_owners_prefetch())
    return qs.order_by("section__order", "section_id", "order", "id")


def filter_items(qs: QuerySet[Item], *, owner: int | None = None, status: str = "", section: int | None = None,
                 start: dt.date | None = None, end: dt.date | None = None, open_call: bool = False,
                 tentative: bool = False) -> QuerySet[Item]:
    """The Table tab's filters; each one narrows, none adds a query."""
    if owner:
        qs = qs.filter(pk__in=ItemOwner.objects.filter(organisation_id=owner).values("item_id"))
    if status:
        qs = qs.filter(status=status)
    if section:
        qs = qs.filter(section_id=section)
    if start or end:
        qs = qs.overlapping(start or dt.date.min, end or dt.date.max)
    if open_call:
        qs = qs.filter(open_call=True)
    if tentative:
        qs = qs.filter(tentative=True)
    return qs


def plan_sections(plan: Plan) -> list[Section]:
    return list(Section.objects.filter(plan=plan).order_by("order", "id"))


def plan_owner_organisations(plan: Plan) -> list[Organisation]:
    """The organisations that own at least one of the plan's items (the Table tab's owner filter)."""
    return list(Organisation.objects.filter(owned_items__item__plan=plan).distinct().order_by("short_name")
                .only("id", "short_name"))


def plan_changes(plan: Plan) -> QuerySet[AuditEntry]:
    """Audit entries about the plan, its sections, its items and their comments, newest first."""
    as_text = CharField(max_length=64)
    types = ContentType.objects.get_for_models(Plan, Section, Item, Comment)
    section_ids = Section.objects.filter(plan=plan).annotate(key=Cast("id", as_text)).values("key")
    item_ids = Item.objects.filter(plan=plan).annotate(key=Cast("id", as_text)).values("key")
    comment_ids = Comment.objects.filter(item__plan=plan).annotate(key=Cast("id", as_text)).values("key")
    return (
        AuditEntry.objects.filter(network_id=plan.network_id)
        .filter(
            Q(content_type=types[Plan], object_id=str(plan.pk))
            | Q(content_type=types[Section], object_id__in=section_ids)
            | Q(content_type=types[Item], object_id__in=item_ids)
            | Q(content_type=types[Comment], object_id__in=comment_ids)
        )
        .select_related("content_type")
        .order_by("-at", "-id")
    )


def item_page(item_id: int) -> Item:
    """One item with what its page shows: plan, section, provenance, owners, comments and linked events."""
    from accord.events.models import ItemEvent

    item = (
        Item.objects.select_related("plan", "plan__network", "section", "source_document", "predecessor",
                                    "predecessor__plan")
        .prefetch_related(
            owners_prefetch(),
            Prefetch("comments", queryset=Comment.objects.order_by("created_at", "id")),
            Prefetch("event_links", queryset=ItemEvent.objects.select_related("event").order_by("event__start")),
            Prefetch("successors", queryset=Item.objects.select_related("plan").order_by("id")),
        )
        .get(pk=item_id)
    )
    attach_trio_labels([item])
    return item


def item_history(item: Item, limit: int = 200) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_object(item).order_by("at", "id")[:limit])


def known_owner_names(network: Network, item: Item | None = None) -> dict[str, Any]:
    """Names a person may type in an Owners field -> the organisation or group they mean (case-insensitive).

    Organisations are shared across networks, so every organisation counts; the network's members win a clash.
    Then the network's groups (the Trio, boards, working groups).
    """
    names: dict[str, Any] = {}
    orgs = (Organisation.objects.annotate(is_member=Count("memberships", filter=Q(memberships__network=network)))
            .order_by("-is_member", "short_name"))
    for org in orgs:
        for name in org.names:
            names.setdefault(name.casefold(), org)
    for group in Group.objects.filter(network=network):
        for name in [group.name, *group.aliases]:
            names.setdefault(name.casefold(), group)
    return names
