"""Read helpers for plans and items shared by pages, the API and reports. Each costs a fixed number of queries."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import Cast

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditAction, AuditEntry
from accord.network.models import (
    Group,
    GroupKind,
    Network,
    Organisation,
    Trio,
    held_chair_terms,
    together_with_chair_terms,
    trio_for_period,
)
from accord.network.permissions import ContentSight, content_sight, role_in
from accord.network.queries import chair_term_after
from accord.plans.models import (
    ITEM_COUNT_FIELDS,
    OPEN_STATUSES,
    Comment,
    Item,
    ItemKind,
    ItemOwner,
    ItemStatus,
    Plan,
    PlanStatus,
    Section,
    period_label_of,
)
from accord.plans.permissions import items_q, plans_q, visible_plans
from accord.plans.timeframed import Timeframed
from accord.web import page_cache
from accord.web.baked import Bound, baked, prefetched, together


def plan_list(user: Any, network: Network) -> QuerySet[Plan]:
    """The plans of the network the person may see, in the list's order, with their chair (one query); their item
    counts are kept on their rows (`items_total`, `items_done`, `items_open_calls`)."""
    return visible_plans(user, network).select_related("chair").order_by("-period_start", "title")


# The reads of the plan pages, baked (accord.web.baked): built and compiled once per process and shape. Those that
# need the visibility rule take the person's content_sight values (`plans_q`), `everything` in their shape.


@baked(shape=["everything", "limit"])
def _plan_versions(everything: bool, private: Any, public: Any, limit: int | None) -> QuerySet[Plan]:
    rows = Plan.objects.filter(plans_q(everything, private, public)).order_by("-period_start", "title")
    rows = rows.values_list("pk", "content_version")
    return rows[:limit] if limit is not None else rows


def plan_versions_listed(user: Any, network: Network, limit: int | None = None) -> tuple[tuple[int, int], ...]:
    """The plans of the network the person may see, in the list's order, as (id, content version): one query."""
    return tuple(_plan_versions(**content_sight(user, network).values(), limit=limit))


class PlanRow:
    """A plan as its row in the Plans list and on the network home shows it (`plans/plan_row.html`): its columns
    read as plain values, not a Plan and its chair as model objects (fewer columns read and decoded, no objects
    built: the plan's footnotes and header are JSON), with the item counts kept on its row (ITEM_COUNT_FIELDS,
    docs/decisions/0016). The period's label is the model's own."""

    FIELDS = (
        "id",
        "kind",
        "title",
        "period_start",
        "period_end",
        "chair_text",
        "status",
        "version_label",
        "chair__short_name",
        *ITEM_COUNT_FIELDS,
    )
    period_label = Plan.period_label

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
        self.pk: int = values["id"]
        self.chair: str | None = values["chair__short_name"]  # what the row shows of the chair: its short name


@baked(shape=["everything"])
def _plan_rows(everything: bool, private: Any, public: Any, ids: Any) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(plans_q(everything, private, public), pk__in=ids)
        .order_by("-period_start", "title")
        .values(*PlanRow.FIELDS)
    )


def plan_rows_of(user: Any, network: Network, ids: list[int]) -> list[PlanRow]:
    """Those of the plans `ids` the person may see, as their rows show them (PlanRow), in the list's order: one
    query."""
    return list(map(PlanRow, _plan_rows(**content_sight(user, network).values(), ids=list(ids))))


def owners_prefetch() -> Prefetch:
    return Prefetch("owners", queryset=ItemOwner.objects.select_related("organisation", "group", "person"))


# The owners a row shows (its Who cell's names, who may edit it), for baked reads of items' rows.
ROW_OWNER_FIELDS = (
    "id",
    "item_id",
    "position",
    "organisation_id",
    "group_id",
    "person_id",
    "text",
    "organisation__short_name",
    "organisation__slug",
    "group__name",
    "group__kind",
    "person__name",
)


def _row_owners_prefetch() -> Prefetch:
    """Owners with only what a row shows and permissions read (name, organisation and its slug)."""
    return Prefetch(
        "owners", queryset=ItemOwner.objects.select_related("organisation", "group", "person").only(*ROW_OWNER_FIELDS)
    )


class ItemRow:
    """An item as the plan tabs' rows show it (the Document tab's sections, the Table tab's pages): its columns
    read as plain values, not a model object (building 250 model objects costs more than rendering their rows).
    The When's labels are the model's own (Timeframed), the rest is set by the view (links, labels, owners)."""

    FIELDS = (
        "id",
        "section_id",
        "kind",
        "what",
        "details",
        "status",
        "open_call",
        "removed_from_document",
        "owners_mode",
        "owners_note",
        "when_text",
        "start",
        "end",
        "tentative",
        "when_review",
    )
    tbc_chip = Timeframed.tbc_chip
    interval_label = Timeframed.interval_label

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
        self.pk: int = values["id"]


@baked(shape=["whole"])
def _section_item_values(plan_id: int, sections: Any, whole: bool) -> QuerySet[Item]:
    items = Item.objects.filter(plan_id=plan_id)
    if not whole:
        items = items.filter(section_id__in=sections)
    return items.order_by("order", "id").values(*ItemRow.FIELDS)


def section_items(plan: Plan, sections: list[int] | None = None) -> dict[int, list[ItemRow]]:
    """The items of the plan's sections (or of those of `sections`), in order, by section id, as rows: one query
    whatever the size (the caller has read the sections); their owners' names come from plan_owner_names."""
    return section_items_of(section_items_read(plan, sections)())


def section_items_read(plan: Plan, sections: list[int] | None = None) -> Bound[dict[str, Any]]:
    """The read `section_items` makes, to be sent with others (`together`); `section_items_of` shapes its rows."""
    return _section_item_values.bind(plan_id=plan.pk, sections=list(sections or ()), whole=sections is None)


def section_items_of(values: list[dict[str, Any]]) -> dict[int, list[ItemRow]]:
    """Item rows by section id, in order, from `section_items_read`'s rows."""
    by_section: dict[int, list[ItemRow]] = {}
    for item in map(ItemRow, values):
        by_section.setdefault(item.section_id, []).append(item)  # type: ignore[attr-defined]
    return by_section


def owner_name_as_written(organisation: str | None, group: str | None, person: str | None, text: str) -> str:
    """An owner's name from its row's values, as ItemOwner.name gives it (its organisation's short name, its group's
    or person's name, else the text as written), the Trio's chairs aside."""
    return next((name for name in (organisation, group, person) if name is not None), text)


class OwnerName(NamedTuple):
    """An owner as a row shows it: the name, its organisation's slug (None for a group, a person or unmatched
    text) and the organisation's id (what decides who may edit the row)."""

    name: str
    slug: str | None
    organisation_id: int | None


def _owner_name_values(rows: QuerySet[ItemOwner], dates: bool) -> QuerySet[ItemOwner]:
    columns = ["item_id", "organisation_id", "organisation__short_name", "organisation__slug", "group__name"]
    columns += ["group__kind", "person__name", "text"]
    if dates:
        columns += ["item__start", "item__end"]
    return rows.order_by("item_id", "position").values_list(*columns)


@baked(shape=["dates"])
def _plan_owner_names(plan_id: int, dates: bool) -> QuerySet[ItemOwner]:
    return _owner_name_values(ItemOwner.objects.filter(item__plan_id=plan_id), dates)


@baked(shape=["dates"])
def _section_owner_names(sections: Any, dates: bool) -> QuerySet[ItemOwner]:
    return _owner_name_values(ItemOwner.objects.filter(item__section_id__in=sections), dates)


@baked(shape=["dates"])
def _owner_names_by_id(items: Any, dates: bool) -> QuerySet[ItemOwner]:
    """The owners of items the caller read from the plan, looked up by the items' ids (a page of rows read on its
    own, a row's answer). Reads that go with the items' own need no ids: `section_owner_names_read` and the Table
    tab's `_table_page_owners` (decision 0018)."""
    return _owner_name_values(ItemOwner.objects.filter(item_id__in=items), dates)


def plan_owner_names(
    plan: Plan,
    items: list[int] | None = None,
    periods: Mapping[int, Any] | None = None,
) -> dict[int, list[OwnerName]]:
    """Item id -> its owners in order (OwnerName), in one query of plain values: a whole plan's owners as model
    objects cost several times more to build than the page needs. The Trio is named with the three chairs of
    the item's period (one more query when a Trio owns anything, held with the page header's: held_chair_terms).
    `items` limits it to those items (ids the caller read from this plan: looked up by id, whatever the plan's
    size). `periods` (item id -> the item, or anything with its `start` and `end`) saves reading each owner's item
    dates when the caller has them."""
    read_dates = periods is None
    if items is None:
        rows = _plan_owner_names(plan_id=plan.pk, dates=read_dates)
    else:
        rows = _owner_names_by_id(items=list(items), dates=read_dates) if items else []
    return owner_names_of(plan, rows, periods)


def section_owner_names_read(plan: Plan, sections: list[int] | None = None) -> Bound[tuple[Any, ...]]:
    """The owners of the plan's items (or of those in `sections`) as `owner_names_of` takes them, without their
    items' dates (the caller reads the items with them): a read that needs no item ids, so that it goes with the
    items' own (`together`: one round trip on PostgreSQL)."""
    if sections is None:
        return _plan_owner_names.bind(plan_id=plan.pk, dates=False)
    return _section_owner_names.bind(sections=list(sections), dates=False)


def owner_names_of(
    plan: Plan, rows: Iterable[tuple[Any, ...]], periods: Mapping[int, Any] | None = None
) -> dict[int, list[OwnerName]]:
    """Item id -> its owners in order, from the rows of an owner-names read (`plan_owner_names`, or
    `section_owner_names_read` with `periods`)."""
    names: dict[int, list[OwnerName]] = {}
    terms: list[Any] | None = None
    trio_names: dict[tuple[Any, ...], str] = {}  # one label per group and period (many items share a month)
    for item_id, org_id, org, slug, group, kind, person, text, *dates in rows:
        if org_id is not None:
            owner = OwnerName(org, slug, org_id)
        elif kind == GroupKind.TRIO:
            if terms is None:
                terms = held_chair_terms(plan, plan.network_id)
            if periods is not None:
                dates = [periods[item_id].start, periods[item_id].end]
            span = (group, dates[0], dates[1])
            if span not in trio_names:
                trio_names[span] = trio_label(group, _trio_of(terms, dates[0], dates[1], plan))
            owner = OwnerName(trio_names[span], None, None)
        else:
            owner = OwnerName(owner_name_as_written(None, group, person, text), None, None)
        names.setdefault(item_id, []).append(owner)
    return names


def _trio_of(terms: list[Any], start: dt.date | None, end: dt.date | None, plan: Plan | None) -> Trio | None:
    """The Trio of an item's period: its own dates, else its plan's."""
    if not (start or end) and plan is not None:
        start, end = plan.period_start, plan.period_end
    return trio_for_period(0, start, end, terms=terms)


def trio_label(name: str, trio: Trio | None) -> str:
    """ "Trio" as an owner, shown as the chairs of the period, previous to next: "Trio (HSF · ASO · BRC)"."""
    if trio is None:
        return name
    chairs = [t.label or t.organisation.short_name for t in (trio.previous, trio.current, trio.next) if t]
    return f"{name} ({' · '.join(chairs)})" if chairs else name


def attach_trio_labels(items: list[Item]) -> None:
    """Name each Trio owner of these items (owners prefetched) by the chairs of the item's period, so that
    ItemOwner.name reads "Trio (HSF · ASO · BRC)": one query per network that has such owners, none otherwise."""
    found = [
        (item, o)
        for item in items
        for o in item.owners.all()
        if o.group_id is not None and o.group.kind == GroupKind.TRIO
    ]
    terms: dict[int, list[Any]] = {}
    for item, owner in found:
        network_id = item.plan.network_id
        if network_id not in terms:  # held on the plan: a plan page's header names the same chairs (one query)
            terms[network_id] = held_chair_terms(item.plan, network_id)
        owner.trio_label = trio_label(owner.group.name, _trio_of(terms[network_id], item.start, item.end, item.plan))


# What an organisation's page shows of an item it owns and of its plan (the groups' headings).
OWNED_ITEM_FIELDS = (
    "id",
    "what",
    "when_text",
    "start",
    "end",
    "tentative",
    "status",
    "plan_id",
    "plan__title",
    "plan__period_start",
    "plan__period_end",
)


class OwnedPlan(NamedTuple):
    """A plan as an organisation's page heads a group of its items with it (one per plan: items compare their
    plans by key)."""

    pk: int
    title: str
    period_start: dt.date | None
    period_end: dt.date | None
    period_label: str


class OwnedItem:
    """An item as an organisation's page lists it: plain values, not model objects (48 items with their plans and
    97 owners cost 5 ms to build as models, the page's largest cost), the When's labels the model's own, its
    plan an OwnedPlan, and `co_owners` the names of its other owners (set by `items_owned_by`)."""

    tbc_chip = Timeframed.tbc_chip
    interval_label = Timeframed.interval_label
    co_owners: list[str]

    def __init__(self, values: dict[str, Any], plan: OwnedPlan) -> None:
        self.__dict__.update(values)
        self.pk: int = values["id"]
        self.plan = plan


@baked(shape=["everything", "limit"])
def _owned_items(everything: bool, private: Any, public: Any, organisation_id: int, limit: int) -> QuerySet[Item]:
    return (
        Item.objects.filter(items_q(everything, private, public), owners__organisation_id=organisation_id)
        .order_by("-plan__period_start", "section__order", "order")
        .values(*OWNED_ITEM_FIELDS)
        .distinct()[:limit]
    )


# The other owners of an organisation's items, as their names are written (its own rows left out).
_co_owner_names = baked(
    lambda item_ids, organisation_id: (
        ItemOwner.objects.filter(item_id__in=item_ids)
        .exclude(organisation_id=organisation_id)
        .order_by("item_id", "position")
        .values_list("item_id", "organisation__short_name", "group__name", "person__name", "text")
    )
)


def items_owned_by(user: Any, network: Network, organisation: Any, limit: int = 200) -> list[OwnedItem]:
    """What one organisation owns in a network's plans the person may see, newest plan first, each with the names
    of its other owners (`co_owners`; groups and names as written included): two queries of plain values."""
    return owned_items_from(owned_items_read(user, network, organisation, limit)(), organisation)


def owned_items_read(user: Any, network: Network, organisation: Any, limit: int = 200) -> Bound[dict[str, Any]]:
    """`items_owned_by`'s first read, to be sent with others (baked.together); `owned_items_from` its rows."""
    return _owned_items.bind(**content_sight(user, network).values(), organisation_id=organisation.pk, limit=limit)


def owned_items_from(found: list[dict[str, Any]], organisation: Any) -> list[OwnedItem]:
    """The owned items of `owned_items_read`'s rows, with their other owners' names (one query more)."""
    plans: dict[int, OwnedPlan] = {}
    items = []
    for values in found:
        plan = plans.get(values["plan_id"])
        if plan is None:
            start, end = values["plan__period_start"], values["plan__period_end"]
            label = period_label_of(start, end)
            plan = plans[values["plan_id"]] = OwnedPlan(values["plan_id"], values["plan__title"], start, end, label)
        items.append(OwnedItem(values, plan))
    names: dict[int, list[str]] = {}
    if items:
        rows = _co_owner_names(item_ids=[i.pk for i in items], organisation_id=organisation.pk)
        for item_id, org, group, person, text in rows:
            names.setdefault(item_id, []).append(owner_name_as_written(org, group, person, text))
    for item in items:
        item.co_owners = names.get(item.pk, [])
    return items


# The organisation page ---------------------------------------------------------------------------------------


@baked(shape=["everything"])
def _organisation_load(everything: bool, private: Any, public: Any, organisation_id: int) -> QuerySet[ItemOwner]:
    return (
        ItemOwner.objects.filter(items_q(everything, private, public, prefix="item__"), organisation_id=organisation_id)
        .order_by()
        .values_list(
            "item__plan_id", "item__plan__title", "item__plan__period_start", "item__plan__period_end", "item__status"
        )
        .annotate(n=Count("item_id", distinct=True))
    )


def organisation_load_read(user: Any, network: Network, organisation: Organisation) -> Bound[tuple[Any, ...]]:
    """The read of the organisation's items per plan (period) and status in the plans the person may see, to be
    sent with others (baked.together): one query, each plan's title and period read with its counts."""
    return _organisation_load.bind(**content_sight(user, network).values(), organisation_id=organisation.pk)


def organisation_load_from(found: list[tuple[Any, ...]]) -> list[tuple[OwnedPlan, dict[str, int]]]:
    """`organisation_load_read`'s rows as the page shows them: each plan (an OwnedPlan) with its counts by status,
    the plans in the order of their periods."""
    plans: dict[int, OwnedPlan] = {}
    counts: dict[int, dict[str, int]] = {}
    for plan_id, title, start, end, status, n in found:
        if plan_id not in plans:
            plans[plan_id] = OwnedPlan(plan_id, title, start, end, period_label_of(start, end))
        counts.setdefault(plan_id, {})[status] = n
    ordered = sorted(plans.values(), key=lambda p: (p.period_start is not None, p.period_start or dt.date.min, p.pk))
    return [(p, {s: counts[p.pk].get(s, 0) for s in ItemStatus.values}) for p in ordered]


# The plan page's tabs and the item page ------------------------------------------------------------------------

# What a plan's tabs show of the plan itself, read with it.
PLAN_PAGE_RELATED = ("chair", "source_document", "previous")
_plan_page_head = baked(  # one row by its key: no order (the plans' default order sorts by the network's name)
    lambda plan_id, network_id: (
        Plan.objects.select_related(*PLAN_PAGE_RELATED).filter(pk=plan_id, network_id=network_id).order_by()
    )
)


def plan_page_head(plan_id: int, network: Network) -> Plan | None:
    """The plan of `network` with what its tabs show of it (its chair, source document and previous plan), in one
    query; None when the network has no such plan."""
    found = _plan_page_head(plan_id=plan_id, network_id=network.pk)
    if not found:
        return None
    plan = found[0]
    plan.network = network
    if plan.previous is not None and plan.previous.network_id == network.pk:
        plan.previous.network = network
    return plan


@baked(shape=["everything"])
def _successors(everything: bool, private: Any, public: Any, plan_id: int) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(plans_q(everything, private, public), previous_id=plan_id)
        .only("id", "network_id", "title", "period_start", "period_end", "previous_id")
        .order_by(F("period_start").asc(nulls_last=True), "pk")
    )


def plan_successors(user: Any, plan: Plan) -> list[Plan]:
    """The plans that continue `plan` (started from it) that the person may see in its network, soonest first
    (one query)."""
    return plan_successors_of(plan, plan_successors_read(user, plan)())


def plan_successors_read(user: Any, plan: Plan) -> Bound[Plan]:
    """The read `plan_successors` makes, to be sent with others (`together`); `plan_successors_of` finishes it."""
    return _successors.bind(**content_sight(user, plan.network).values(), plan_id=plan.pk)


def plan_successors_of(plan: Plan, found: list[Plan]) -> list[Plan]:
    """The successors `plan_successors_read` read, each holding the plan's network."""
    for successor in found:
        successor.network = plan.network
    return found


TABLE_PAGE_SIZE = 50
CHANGES_PAGE_SIZE = 50


def plan_items(plan: Plan | int, *, owners: bool = True, sections: bool = True) -> QuerySet[Item]:
    """A plan's items in document order, with their section (unless `sections` is false: the caller attaches the
    plan's sections it has read, `attach_sections`) and (unless `owners` is false) owners (two queries when
    evaluated)."""
    qs = Item.objects.filter(plan_id=plan if isinstance(plan, int) else plan.pk)
    if sections:
        qs = qs.select_related("section")
    if owners:
        qs = qs.prefetch_related(_row_owners_prefetch())
    return qs.order_by("section__order", "section_id", "order", "id")


def filter_items(
    qs: QuerySet[Item],
    *,
    owner: int | None = None,
    status: str = "",
    section: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    open_call: bool = False,
    tentative: bool = False,
    owner_group: int | None = None,
) -> QuerySet[Item]:
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


_sections_of_plan = baked(lambda plan_id: Section.objects.filter(plan_id=plan_id).order_by("order", "id"))


# The Table tab's filters that take a value (the others are flags, part of the shape).
_VALUED_FILTERS = ("owner", "owner_group", "status", "section", "start", "end")


def _table_items(plan_id: int, used: tuple[str, ...], **values: Any) -> QuerySet[Item]:
    """The plan's items in document order, narrowed by the filters `used` (filter_items, with the values given)."""
    filters: dict[str, Any] = {name: values[name] for name in _VALUED_FILTERS if name in used}
    filters.update({name: True for name in ("open_call", "tentative") if name in used})
    return filter_items(plan_items(plan_id, sections=False, owners=False), **filters)


_table_count = baked(
    lambda plan_id, used, **values: (
        _table_items(plan_id, used, **values)
        .order_by()
        .values("plan_id")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    ),
    shape=["used"],
)
_table_slice = baked(
    lambda plan_id, used, bottom, top, **values: _table_items(plan_id, used, **values).values(*ItemRow.FIELDS)[
        bottom:top
    ],
    shape=["used", "bottom", "top"],
)


_table_counted_slice = baked(
    lambda plan_id, used, bottom, top, **values: (
        _table_items(plan_id, used, **values).values(*ItemRow.FIELDS).annotate(total=Window(Count("pk")))[bottom:top]
    ),
    shape=["used", "bottom", "top"],
)


_table_page_owners = baked(
    lambda plan_id, used, bottom, top, **values: _owner_name_values(
        ItemOwner.objects.filter(item_id__in=_table_items(plan_id, used, **values).values("pk")[bottom:top]), False
    ),
    shape=["used", "bottom", "top"],
)


class TableRows:
    """The Table tab's items under its filters (`filter_items`' keywords), as a Paginator reads them: `count()`
    and a slice of rows (ItemRow). The page asked for (`page`, as the query string gives it) is read first with
    the count beside each row (a window), so that a page within the table costs one baked query, not two; a page
    past its end counts apart."""

    def __init__(
        self, plan: Plan, filters: Mapping[str, Any], page_size: int = TABLE_PAGE_SIZE, page: Any = None
    ) -> None:
        self.values = {name: filters[name] for name in _VALUED_FILTERS if filters.get(name)}
        flags = [name for name in ("open_call", "tentative") if filters.get(name)]
        self.used = tuple(sorted([*self.values, *flags]))
        self.plan_id = plan.pk
        self.page_size = page_size
        try:
            number = int(page) if page is not None else 1
        except (TypeError, ValueError):
            number = 1  # the Paginator's choice too
        self._guess = max(number - 1, 0) * page_size
        self._count: int | None = None
        self._read: dict[int, list[ItemRow]] = {}
        self._owners: dict[int, list[tuple[Any, ...]]] = {}

    def _ids(self) -> dict[str, Any]:
        return {"plan_id": self.plan_id, "used": self.used, **self.values}

    def page_reads(self) -> list[Bound[Any]]:
        """The reads of the page asked for (its rows with the count, as `count` reads them, and their owners as
        `owner_names_of` takes them, chosen by the same query's slice: no ids needed), to be sent with others
        (`together`); `take` keeps their rows."""
        bounds = {"bottom": self._guess, "top": self._guess + self.page_size}
        return [_table_counted_slice.bind(**self._ids(), **bounds), _table_page_owners.bind(**self._ids(), **bounds)]

    def take(self, rows: list[dict[str, Any]], owner_rows: list[tuple[Any, ...]]) -> None:
        """The rows `page_reads` read: the page and the count kept (an empty page, past the end, is counted when
        asked), and its owners' rows (`owners_of`)."""
        if rows:
            self._count = rows[0]["total"]
            self._read[self._guess] = [ItemRow(values) for values in rows]
            self._owners[self._guess] = owner_rows

    def owners_of(self, bottom: int) -> list[tuple[Any, ...]] | None:
        """The owners' rows of the page starting at `bottom`, when they were read with it (`take`)."""
        return self._owners.get(bottom)

    def count(self) -> int:
        if self._count is None:
            bottom = self._guess
            rows = _table_counted_slice(**self._ids(), bottom=bottom, top=bottom + self.page_size)
            if rows:
                self._count = rows[0]["total"]
                self._read[bottom] = [ItemRow(values) for values in rows]
            else:  # an empty table, or a page past its end
                self._count = sum(_table_count(**self._ids()))
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, bounds: slice) -> list[ItemRow]:
        # A page's slice (the last page's is cut at the count): one shape per page, whatever the count.
        bottom = bounds.start or 0
        if bottom in self._read:
            return self._read[bottom]
        rows = _table_slice(**self._ids(), bottom=bottom, top=bottom + self.page_size)
        return [ItemRow(values) for values in rows]


def plan_sections(plan: Plan) -> list[Section]:
    """The plan's sections in order (one query), each holding its plan."""
    return _held_by(plan, plan_sections_read(plan)())


def plan_sections_read(plan: Plan) -> Bound[Section]:
    """The read `plan_sections` makes, to be sent with others (`together`); `plan_sections_of` finishes it."""
    return _sections_of_plan.bind(plan_id=plan.pk)


def plan_sections_of(plan: Plan, sections: list[Section]) -> list[Section]:
    """The sections `plan_sections_read` read, each holding its plan."""
    return _held_by(plan, sections)


def _held_by(plan: Plan, sections: list[Section]) -> list[Section]:
    for section in sections:
        section.plan = plan
    return sections


def attach_sections(items: list[Any], sections: list[Section]) -> None:
    """Each item's section from the plan's sections already read (one object per section, not one per row)."""
    by_id = {section.pk: section for section in sections}
    for item in items:
        if item.section_id in by_id:
            item.section = by_id[item.section_id]


def plan_owner_organisations(plan: Plan) -> list[Organisation]:
    """The organisations that own at least one of the plan's items (the Table tab's owner filter)."""
    return list(
        Organisation.objects.filter(owned_items__item__plan=plan)
        .distinct()
        .order_by("short_name")
        .only("id", "short_name")
    )


class OwnerChoice(NamedTuple):
    """An organisation in the Table tab's owner filter: only what the filter shows (no model object per name)."""

    pk: int
    short_name: str


class GroupChoice(NamedTuple):
    pk: int
    name: str


_owner_choices = baked(
    lambda plan_id: (
        ItemOwner.objects.filter(item__plan_id=plan_id)
        .filter(Q(organisation__isnull=False) | Q(group__isnull=False))
        .values_list("organisation_id", "organisation__short_name", "group_id", "group__name")
        .order_by()  # not ItemOwner's own order: its columns would join the DISTINCT (a row per owner, not per name)
        .distinct()
    )
)


def table_choices(
    plan: Plan, *also: Bound[Any]
) -> tuple[list[Section], list[OwnerChoice], list[GroupChoice], list[list[Any]]]:
    """The Table tab's filters' choices: the plan's sections (as plan_sections) and the organisations and the groups
    that own at least one of its items, two queries sent together (one round trip on PostgreSQL:
    baked.together), with the rows of the reads `also` names (the page's rows and owners when no filter needs the
    choices first: TableRows). On PostgreSQL the network's chair terms come with them (`held_chair_terms`: the
    header's Trio and the Trio's owners name chairs), a round trip fewer than reading them when first needed."""
    sections, owners, *rest = together_with_chair_terms(
        plan, plan.network_id, _sections_of_plan.bind(plan_id=plan.pk), _owner_choices.bind(plan_id=plan.pk), *also
    )
    return (_held_by(plan, sections), *_owner_choices_of(owners), rest)


def _owner_choices_of(rows: list[tuple[Any, ...]]) -> tuple[list[OwnerChoice], list[GroupChoice]]:
    orgs: dict[int, OwnerChoice] = {}
    groups: dict[int, GroupChoice] = {}
    for org_id, short_name, group_id, group_name in rows:
        if org_id is not None:
            orgs.setdefault(org_id, OwnerChoice(org_id, short_name))
        elif group_id is not None:
            groups.setdefault(group_id, GroupChoice(group_id, group_name))
    return (
        sorted(orgs.values(), key=lambda o: o.short_name.casefold()),
        sorted(groups.values(), key=lambda g: g.name.casefold()),
    )


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


# What the item page shows of the item's relations, read with the item itself.
ITEM_PAGE_RELATED = ("plan", "section", "source_document", "predecessor", "predecessor__plan")


def _item_page_prefetches() -> list[Prefetch]:
    return [
        owners_prefetch(),
        Prefetch("comments", queryset=Comment.objects.order_by("created_at", "id")),
        _event_links_prefetch(),
        Prefetch(  # what the page shows of them: a link, the words, their plan's title
            "successors",
            queryset=Item.objects.select_related("plan")
            .only("id", "what", "plan_id", "predecessor_id", "plan__title")
            .order_by("id"),
        ),
    ]


# The item page's reads, baked (accord.web.baked): the item with its relations, then each related list.
# One row by its key: no order (the items' default order would sort it by its section's order, a join more to plan).
_item_head = baked(lambda item_id: Item.objects.select_related(*ITEM_PAGE_RELATED).filter(pk=item_id).order_by())
_item_owners = baked(
    lambda item_id: (
        ItemOwner.objects.filter(item_id=item_id)
        .select_related("organisation", "group", "person")
        .order_by("position", "id")
    )
)
_item_comments = baked(lambda item_id: Comment.objects.filter(item_id=item_id).order_by("created_at", "id"))
_item_event_links = baked(
    lambda item_id: (
        Item._meta.get_field("event_links")
        .related_model.objects.filter(item_id=item_id)
        .select_related("event")
        .order_by("event__start")
    )
)


@baked(shape=["everything"])
def _item_successors(everything: bool, private: Any, public: Any, item_id: int) -> QuerySet[Item]:
    """What the page shows of the items carried over from this one that the person may see: a link, the words,
    their plan's title."""
    return (
        Item.objects.filter(items_q(everything, private, public), predecessor_id=item_id)
        .select_related("plan")
        .only("id", "what", "plan_id", "predecessor_id", "plan__title")
        .order_by("id")
    )


_item_with_plan = baked(
    lambda item_id: Item.objects.select_related("plan", "section").filter(pk=item_id).order_by()  # one row
)


def item_with_owners(item_id: int) -> Item:
    """The item with its plan, section and owners (each with its organisation, group or person): two baked
    queries, what the row and edit pages and the actions' answers read (Item.DoesNotExist when there is none)."""
    found = _item_with_plan(item_id=item_id)
    if not found:
        raise Item.DoesNotExist("No such item.")
    prefetched(found, "owners", _item_owners(item_id=item_id), "item_id")
    return found[0]


def item_page_head(item_id: int) -> Item:
    """The item with its plan (what decides who may see it, and the versions its page is cached on) and the
    relations its page shows, in one query; `fill_item_page` adds the rest when the page must be built."""
    found = _item_head(item_id=item_id)
    if not found:
        raise Item.DoesNotExist("No such item.")
    return found[0]


def fill_item_page(item: Item, network: Network, user: Any = None, *, history: bool = False) -> Item:
    """What the item page shows beyond `item_page_head`: owners, comments, linked events, and the items carried
    over from it that `user` may see in `network` (all of them without a user), one baked read each, sent
    together (one round trip on PostgreSQL: baked.together), read after the versions the page is keyed on, as a
    body's data must be. With `history`, its audit entries too, as `item.history_entries` (item_history's)."""
    if item.plan.network_id == network.pk:  # an item of another network keeps its own (the caller answers 404)
        item.plan.network = network
    pk = item.pk
    sight = content_sight(SYSTEM if user is None else user, None if user is None else network)
    reads = [
        _item_owners.bind(item_id=pk),
        _item_comments.bind(item_id=pk),
        _item_event_links.bind(item_id=pk),
        _item_successors.bind(**sight.values(), item_id=pk),
    ]
    if history:
        reads.append(_history_read(item))
    owners, comments, event_links, successors, *entries = together(*reads)
    prefetched([item], "owners", owners, "item_id")
    prefetched([item], "comments", comments, "item_id")
    prefetched([item], "event_links", event_links, "item_id")
    prefetched([item], "successors", successors, "predecessor_id")
    if history:
        item.history_entries = entries[0]
    attach_trio_labels([item])
    return item


def item_page(item_id: int, network: Network, user: Any = None) -> Item:
    """One item of `network` (already read by the caller) with what its page shows: plan, section, provenance,
    owners, comments and linked events."""
    return fill_item_page(item_page_head(item_id), network, user)


@baked(shape=["limit"])
def _history(content_type_id: int, object_id: str, limit: int) -> QuerySet[AuditEntry]:
    rows = AuditEntry.objects.filter(content_type_id=content_type_id, object_id=object_id)
    return rows.order_by("at", "id")[:limit]


def _history_read(item: Item, limit: int = 200) -> Bound[AuditEntry]:
    return _history.bind(
        content_type_id=ContentType.objects.get_for_model(Item).pk, object_id=str(item.pk), limit=limit
    )


def item_history(item: Item, limit: int = 200) -> list[AuditEntry]:
    """The item's audit entries, oldest first, at most `limit` (one query: AuditEntry.objects.for_object, baked)."""
    return _history_read(item, limit)()


def known_owner_names(network: Network, item: Item | None = None) -> dict[str, Any]:
    """Names a person may type in an Owners field -> the organisation or group they mean (case-insensitive).

    Organisations are shared across networks, so every organisation counts; the network's members win a clash.
    Then the network's groups (the Trio, boards, working groups).
    """
    names: dict[str, Any] = {}
    orgs = Organisation.objects.annotate(
        is_member=Count("memberships", filter=Q(memberships__network=network))
    ).order_by("-is_member", "short_name")
    for org in orgs:
        for name in org.names:
            names.setdefault(name.casefold(), org)
    for group in Group.objects.filter(network=network):
        for name in [group.name, *group.aliases]:
            names.setdefault(name.casefold(), group)
    return names


# The next chair's plan -----------------------------------------------------------------------------------------


@dataclass
class NextPlanDefaults:
    title: str
    period_start: dt.date | None
    period_end: dt.date | None
    chair: Organisation | None
    chair_text: str


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def next_plan_defaults(plan: Plan) -> NextPlanDefaults:
    """What "Start the next plan" proposes: the next chair term after the plan's period (its dates and chair),
    else a period as long as this one, starting the day after it ends. Two queries at most."""
    after = plan.period_end or dt.date.today()
    term = chair_term_after(plan.network, after)
    title = plan.title
    if plan.version_label:
        title = title.replace(plan.version_label, "").strip(" -–,")
    if term is not None:
        return NextPlanDefaults(
            title or plan.title, term.start, term.end, term.organisation, term.label or term.organisation.short_name
        )
    start = after + dt.timedelta(days=1)
    end = None
    if plan.period_start and plan.period_end:
        first, last = plan.period_start, plan.period_end
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        end = _add_months(start, months) - dt.timedelta(days=1)
    return NextPlanDefaults(title or plan.title, start, end, None, "")


def carry_candidates(plan: Plan) -> list[Item]:
    """The plan's unfinished items, in document order, with section and owners (two queries)."""
    return list(plan_items(plan).filter(status__in=OPEN_STATUSES))


# The hand-over brief and the progress report --------------------------------------------------------------------

HANDOVER_MONTHS = 3


@dataclass
class SectionItems:
    section: Section
    items: list[Item]


def _by_section(items: list[Item]) -> list[SectionItems]:
    groups: dict[int, SectionItems] = {}
    for item in items:
        groups.setdefault(item.section_id, SectionItems(item.section, [])).items.append(item)
    return list(groups.values())


def following_plan(user: Any, plan: Plan) -> Plan | None:
    """The plan that continues this one: started from it, else the next of the same kind the person may see."""
    following = Plan.objects.filter(previous=plan)
    if plan.period_end and not following.exists():
        following = visible_plans(user, plan.network).filter(kind=plan.kind, period_start__gt=plan.period_end)
    return following.order_by(F("period_start").asc(nulls_last=True), "pk").select_related("chair").first()


@dataclass
class HandoverItems:
    """The plan side of a hand-over brief (the events and the Trio are added by accord.reports.handover)."""

    next_plan: Plan | None
    change_date: dt.date
    horizon: dt.date
    done: list[SectionItems]
    open: list[SectionItems]
    carried: list[Item]
    coming: list[Item]
    open_calls: list[Item]


def handover_items(user: Any, plan: Plan, today: dt.date) -> HandoverItems:
    """What was done, what is open, what was carried over, and the open work of this plan and the next in the
    three months after the change of chair (eight queries whatever the plan's size).

    The change is the day the next plan starts, else the day after this plan ends, else today."""
    next_plan = following_plan(user, plan)
    if next_plan is not None and next_plan.period_start:
        change = next_plan.period_start
    elif plan.period_end:
        change = plan.period_end + dt.timedelta(days=1)
    else:
        change = today
    horizon = _add_months(change, HANDOVER_MONTHS) - dt.timedelta(days=1)
    items = list(
        plan_items(plan).prefetch_related(
            Prefetch("successors", queryset=Item.objects.select_related("plan").order_by("id"))
        )
    )
    plans = [plan] + ([next_plan] if next_plan is not None else [])
    live = (
        Item.objects.filter(plan__in=plans, status__in=OPEN_STATUSES)
        .select_related("plan", "section")
        .prefetch_related(_row_owners_prefetch())
    )
    return HandoverItems(
        next_plan=next_plan,
        change_date=change,
        horizon=horizon,
        done=_by_section([i for i in items if i.status == ItemStatus.DONE]),
        open=_by_section([i for i in items if i.status in OPEN_STATUSES]),
        carried=[i for i in items if i.status == ItemStatus.CARRIED_OVER],
        coming=list(live.overlapping(change, horizon).order_by(F("start").asc(nulls_first=True), "end", "pk")[:300]),
        open_calls=list(live.filter(open_call=True).order_by(F("end").asc(nulls_last=True), "pk")[:300]),
    )


# What a progress report counts, in its columns' order: late is an open item whose end has passed.
PROGRESS_COLUMNS = ("done", "in_progress", "planned", "late", "dropped", "carried_over")


def progress_label(column: str) -> str:
    from django.utils.translation import gettext as _

    return _("late") if column == "late" else str(ItemStatus(column).label)


def _progress_counts(today: dt.date) -> dict[str, Count]:
    late = Q(status__in=OPEN_STATUSES, end__lt=today)
    return {
        "done": Count("pk", filter=Q(status=ItemStatus.DONE)),
        "in_progress": Count("pk", filter=Q(status=ItemStatus.IN_PROGRESS) & ~late),
        "planned": Count("pk", filter=Q(status=ItemStatus.PLANNED) & ~late),
        "late": Count("pk", filter=late),
        "dropped": Count("pk", filter=Q(status=ItemStatus.DROPPED)),
        "carried_over": Count("pk", filter=Q(status=ItemStatus.CARRIED_OVER)),
    }


@dataclass
class ProgressRow:
    label: str
    counts: dict[str, int]
    organisation: Organisation | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(c, self.counts[c]) for c in PROGRESS_COLUMNS]


@dataclass
class PlanProgress:
    """The plan side of a progress report (the events held are added by accord.reports.progress)."""

    plan: Plan
    on: dt.date
    sections: list[ProgressRow]
    totals: ProgressRow
    organisations: list[ProgressRow]
    outputs: list[Item]
    late: list[Item]


def plan_progress(plan: Plan, on: dt.date) -> PlanProgress:
    """Per priority and per organisation: done, in progress, planned, late, dropped, carried over; the late
    items and the outputs produced (seven queries whatever the plan's size)."""
    counts = _progress_counts(on)
    per_section = {
        row["section_id"]: row
        for row in Item.objects.filter(plan=plan).order_by().values("section_id").annotate(**counts)
    }
    sections = [
        ProgressRow(str(s), {c: per_section.get(s.pk, {}).get(c, 0) for c in PROGRESS_COLUMNS})
        for s in plan_sections(plan)
    ]
    totals = ProgressRow("total", {c: sum(r.counts[c] for r in sections) for c in PROGRESS_COLUMNS})
    late = Q(item__status__in=OPEN_STATUSES, item__end__lt=on)
    owner_counts = (
        ItemOwner.objects.filter(item__plan=plan, organisation__isnull=False)
        .order_by()
        .values("organisation_id")
        .annotate(
            done=Count("item", filter=Q(item__status=ItemStatus.DONE), distinct=True),
            in_progress=Count("item", filter=Q(item__status=ItemStatus.IN_PROGRESS) & ~late, distinct=True),
            planned=Count("item", filter=Q(item__status=ItemStatus.PLANNED) & ~late, distinct=True),
            late=Count("item", filter=late, distinct=True),
            dropped=Count("item", filter=Q(item__status=ItemStatus.DROPPED), distinct=True),
            carried_over=Count("item", filter=Q(item__status=ItemStatus.CARRIED_OVER), distinct=True),
        )
    )
    by_org = {row["organisation_id"]: row for row in owner_counts}
    orgs = Organisation.objects.filter(pk__in=list(by_org)).only("id", "short_name", "slug", "full_name")
    organisations = [ProgressRow(org.short_name, {c: by_org[org.pk][c] for c in PROGRESS_COLUMNS}, org) for org in orgs]
    organisations.sort(key=lambda r: (-r.counts["done"], -r.total, r.label.casefold()))
    items = plan_items(plan)
    return PlanProgress(
        plan=plan,
        on=on,
        sections=sections,
        totals=totals,
        organisations=organisations,
        outputs=list(items.filter(kind=ItemKind.OUTPUT, status=ItemStatus.DONE)[:300]),
        late=list(items.filter(status__in=OPEN_STATUSES, end__lt=on)[:300]),
    )


# The digest and reminders --------------------------------------------------------------------------------------


def _live_items(user: Any, network: Network) -> QuerySet[Item]:
    """Items of the plans the person may see that are not closed."""
    return Item.objects.filter(plan__in=visible_plans(user, network)).exclude(plan__status=PlanStatus.CLOSED)


def items_done_after(user: Any, network: Network, after_change_id: int, limit: int = 50) -> list[Item]:
    """Items whose status was changed to done after change `after_change_id` and are still done (two queries).
    An item created as done (an imported plan's past work) was not done since: it does not count."""
    item_type = ContentType.objects.get_for_model(Item)
    ids = AuditEntry.objects.filter(
        network_id=network.pk,
        id__gt=after_change_id,
        content_type=item_type,
        action=AuditAction.UPDATE,
        changes__status__1=ItemStatus.DONE.value,
    ).values_list("object_id", flat=True)
    keys = {int(i) for i in ids if str(i).isdigit()}
    return list(
        Item.objects.filter(plan__in=visible_plans(user, network), pk__in=keys, status=ItemStatus.DONE)
        .select_related("plan")
        .prefetch_related(_row_owners_prefetch())
        .order_by("plan_id", "pk")[:limit]
    )


def items_due(user: Any, network: Network, start: dt.date, end: dt.date, limit: int = 50) -> list[Item]:
    """Open items whose end falls in [start, end], soonest first (two queries)."""
    return list(
        _live_items(user, network)
        .filter(status__in=OPEN_STATUSES, end__gte=start, end__lte=end)
        .select_related("plan")
        .prefetch_related(_row_owners_prefetch())
        .order_by("end", "pk")[:limit]
    )


def open_calls(user: Any, network: Network, today: dt.date, limit: int = 50) -> list[Item]:
    """Open items asking for an owner that are not over yet (one query: they have no owner to show)."""
    return list(
        _live_items(user, network)
        .filter(status__in=OPEN_STATUSES, open_call=True)
        .filter(Q(end__gte=today) | Q(end__isnull=True))
        .select_related("plan")
        .order_by(F("end").asc(nulls_last=True), "pk")[:limit]
    )


def owned_items_ending(user: Any, network: Network, start: dt.date, end: dt.date, limit: int = 100) -> list[Item]:
    """Open items the person owns (as themselves, or for the organisation their role acts for) ending in
    [start, end] (two queries)."""
    role = role_in(user, network)
    mine = ItemOwner.objects.filter(person__user=user)
    if role is not None and role.organisation_id is not None:
        mine = ItemOwner.objects.filter(Q(person__user=user) | Q(organisation_id=role.organisation_id))
    return list(
        _live_items(user, network)
        .filter(status__in=OPEN_STATUSES, end__gte=start, end__lte=end, pk__in=mine.values("item_id"))
        .select_related("plan")
        .order_by("end", "pk")[:limit]
    )


# What pages across plans are keyed on -------------------------------------------------------------------------


@baked(shape=["everything", "open_only"])
def _seen_plans_versions(
    everything: bool, private: Any, public: Any, open_only: bool, network_ids: Any = None
) -> QuerySet[Any]:
    rows = Plan.objects.filter(plans_q(everything, private, public))
    if network_ids is not None:
        rows = rows.filter(network_id__in=network_ids)
    if open_only:
        rows = rows.exclude(status=PlanStatus.CLOSED)
    return page_cache.plans_versions_rows(rows)


def seen_plans_versions(
    sight: ContentSight, network_ids: list[int] | None = None, *, open_only: bool = False, by_network: bool = False
) -> tuple[Any, ...]:
    """`page_cache.plans_versions_of` of the plans a person sees (their `sight`), of `network_ids` (all without),
    not closed with `open_only`: one query, baked."""
    values: dict[str, Any] = {**sight.values(), "open_only": open_only}
    if network_ids is not None:
        values["network_ids"] = network_ids
    return page_cache.plans_versions_of(_seen_plans_versions(**values), by_network)
