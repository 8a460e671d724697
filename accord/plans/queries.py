"""Read helpers for plans and items shared by pages, the API and reports. Each costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
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
)
from django.db.models.functions import Cast, Coalesce

from accord.audit.models import AuditEntry
from accord.network.models import Group, GroupKind, Network, Organisation, Trio, chair_terms, trio_for_period
from accord.network.permissions import can_see_private
from accord.plans.models import Comment, Item, ItemOwner, ItemStatus, Plan, Section


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


# The organisation page ---------------------------------------------------------------------------------------

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
                 tentative: bool = False, owner_group: int | None = None) -> QuerySet[Item]:
    """The Table tab's filters; each one narrows, none adds a query."""
    if owner:
        qs = qs.filter(pk__in=ItemOwner.objects.filter(organisation_id=owner).values("item_id"))
    if owner_group:
        qs = qs.filter(pk__in=ItemOwner.objects.filter(group_id=owner_group).values("item_id"))
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


def plan_owner_choices(plan: Plan) -> tuple[list[Organisation], list[Group]]:
    """The organisations and the groups that own at least one of the plan's items (the Table tab's owner
    filter), in one query."""
    rows = (ItemOwner.objects.filter(item__plan=plan).filter(Q(organisation__isnull=False) | Q(group__isnull=False))
            .values_list("organisation_id", "organisation__short_name", "group_id", "group__name").distinct())
    orgs: dict[int, Organisation] = {}
    groups: dict[int, Group] = {}
    for org_id, short_name, group_id, group_name in rows:
        if org_id is not None:
            orgs.setdefault(org_id, Organisation(pk=org_id, short_name=short_name))
        elif group_id is not None:
            groups.setdefault(group_id, Group(pk=group_id, name=group_name))
    return (sorted(orgs.values(), key=lambda o: o.short_name.casefold()),
            sorted(groups.values(), key=lambda g: g.name.casefold()))


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


def _event_links_prefetch() -> Prefetch:
    """The item's links to events. The events app declares the relation on Item (events depend on plans, not the
    reverse), so the link model is read from the relation rather than imported."""
    link = Item._meta.get_field("event_links").related_model
    return Prefetch("event_links", queryset=link.objects.select_related("event").order_by("event__start"))


def item_page(item_id: int) -> Item:
    """One item with what its page shows: plan, section, provenance, owners, comments and linked events."""
    item = (
        Item.objects.select_related("plan", "plan__network", "section", "source_document", "predecessor",
                                    "predecessor__plan")
        .prefetch_related(
            owners_prefetch(),
            Prefetch("comments", queryset=Comment.objects.order_by("created_at", "id")),
            _event_links_prefetch(),
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
