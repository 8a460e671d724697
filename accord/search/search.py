"""Search plans, items, organisations and people by name: one function, results only the person may see.

SQLite uses the FTS5 tables of accord.search.schema (ranked by bm25); PostgreSQL matches the
`to_tsvector('simple', ...)` expressions its GIN indexes cover (ranked by ts_rank). Every word typed must
match the start of a word in the record ("stake map" finds "Stakeholder mapping").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.network.models import Membership, Network, Organisation, Person, Role
from accord.network.permissions import can_see_private, can_view_network
from accord.network.queries import visible_networks
from accord.plans.models import Item, ItemOwner, Plan
from accord.search.schema import BY_KIND, vector

MAX_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)
LABELS = {"plan": _("Plans"), "item": _("Items"), "organisation": _("Organisations"), "person": _("People")}


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str | None
    context: str
    obj: Any


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit]
    more: bool = False  # more matches exist than were shown


@dataclass
class Results:
    query: str
    words: list[str]
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def search(user: Any, query: str, network: Network | None = None, limit: int = 20) -> Results:
    """Plans, items, organisations and people matching every word of `query`, grouped by type.

    Only what `user` may see: private records of networks where they hold a role, public records of public
    networks; people only in networks where they may see private content. `network` narrows to one network
    (the caller has checked the person may see it). At most `limit` hits per type.
    """
    words = [w.lower() for w in WORD.findall(query or "")][:MAX_WORDS]
    results = Results(query=query or "", words=words)
    if not words:
        return results
    nets = [network] if network is not None else list(visible_networks(user))
    private = [n.pk for n in nets if can_see_private(user, n)]
    public = [n.pk for n in nets if n.pk not in private and can_view_network(user, n)]
    slugs = {n.pk: n.slug for n in nets}
    visible_ids = private + public

    plan_q = Q(network_id__in=private) | Q(is_public=True, network_id__in=public)
    item_q = Q(plan__network_id__in=private) | Q(plan__is_public=True, plan__network_id__in=public)
    owns_visible = ItemOwner.objects.filter(organisation=OuterRef("pk")).filter(
        Q(item__plan__network_id__in=private) | Q(item__plan__is_public=True, item__plan__network_id__in=public))
    member_of = Membership.objects.filter(organisation=OuterRef("pk"), network_id__in=visible_ids)
    org_network = Coalesce(
        Subquery(member_of.order_by("network__name").values("network_id")[:1]),
        Subquery(owns_visible.order_by("item__plan__network_id").values("item__plan__network_id")[:1]),
    )
    people_member = Membership.objects.filter(organisation=OuterRef("organisation_id"), network_id__in=private)
    people_role = Role.objects.filter(user=OuterRef("user_id"), network_id__in=private)

    candidates: dict[str, QuerySet] = {
        "plan": Plan.objects.filter(plan_q).select_related("network"),
        "item": Item.objects.filter(item_q).select_related("plan", "plan__network"),
        "organisation": Organisation.objects.filter(Exists(member_of) | Exists(owns_visible)).annotate(
            link_network=org_network),
        "person": Person.objects.filter(Exists(people_member) | Exists(people_role)).select_related(
            "organisation").annotate(link_network=Coalesce(
                Subquery(people_member.order_by("network__name").values("network_id")[:1]),
                Subquery(people_role.order_by("network__name").values("network_id")[:1]))),
    }
    for kind, qs in candidates.items():
        rows = list(_matching(qs, kind, words)[: limit + 1])
        hits = [_hit(kind, obj, slugs) for obj in rows[:limit]]
        if hits:
            results.groups.append(Group(kind=kind, label=str(LABELS[kind]), hits=hits, more=len(rows) > limit))
    return results


def _matching(qs: QuerySet, kind: str, words: list[str]) -> QuerySet:
    spec = BY_KIND[kind]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # Words are \w+ only, so the raw tsquery cannot be malformed; ":*" matches word starts.
        query = SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config="simple")
        doc = vector(spec.fields)
        return (qs.annotate(search_document=doc).filter(search_document=query)
                .annotate(search_rank=SearchRank(doc, query)).order_by("-search_rank", "pk"))
    # SQLite FTS5: each word a quoted prefix query, all required. Table names are fixed, not user input.
    match = " ".join(f'"{w}"*' for w in words)
    fts = spec.fts_table
    return qs.extra(  # noqa: S610 - fixed table names; the query text is a bound parameter
        tables=[fts],
        where=[f'"{fts}".rowid = "{spec.table}"."id"', f'"{fts}" MATCH %s'],
        params=[match],
        select={"search_rank": f'"{fts}".rank'},
        order_by=["search_rank", "pk"],
    )


def _hit(kind: str, obj: Any, slugs: dict[int, str]) -> Hit:
    if kind == "plan":
        return Hit(kind, obj.title, reverse("plans:plan", args=[obj.network.slug, obj.pk]),
                   " · ".join(x for x in (obj.period_label, obj.network.short_name or obj.network.name) if x), obj)
    if kind == "item":
        plan = obj.plan
        return Hit(kind, str(obj), reverse("plans:item", args=[plan.network.slug, obj.pk]),
                   " · ".join(x for x in (plan.title, plan.period_label, obj.who_text, obj.when_text) if x), obj)
    if kind == "organisation":
        slug = slugs.get(obj.link_network)
        url = reverse("network:organisation", args=[slug, obj.slug]) if slug else None
        return Hit(kind, obj.short_name, url, obj.full_name, obj)
    org = obj.organisation
    slug = slugs.get(obj.link_network)
    url = reverse("network:organisation", args=[slug, org.slug]) if org and slug else None
    return Hit(kind, obj.name, url, " · ".join(x for x in (obj.title, org.short_name if org else "") if x), obj)

