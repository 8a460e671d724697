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
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.network.models import Network
from accord.network.permissions import (
    organisation_paths,
    reached_via,
    visible_networks,
    visible_organisations,
    visible_people,
)
from accord.plans.permissions import visible_items, visible_plans
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
    slugs = {n.pk: n.slug for n in nets}
    # Organisations and people link to an organisation's page through a network where it may be opened.
    candidates: dict[str, QuerySet] = {
        "plan": visible_plans(user, network).select_related("network"),
        "item": visible_items(user, network).select_related("plan", "plan__network"),
        "organisation": visible_organisations(user, network, via=True),
        "person": visible_people(user, network)
        .select_related("organisation")
        .annotate(via_network=reached_via(organisation_paths(user, network, ref="organisation_id"))),
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
        return (
            qs.annotate(search_document=doc)
            .filter(search_document=query)
            .annotate(search_rank=SearchRank(doc, query))
            .order_by("-search_rank", "pk")
        )
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
        return Hit(
            kind,
            obj.title,
            reverse("plans:plan", args=[obj.network.slug, obj.pk]),
            " · ".join(x for x in (obj.period_label, obj.network.short_name or obj.network.name) if x),
            obj,
        )
    if kind == "item":
        plan = obj.plan
        return Hit(
            kind,
            str(obj),
            reverse("plans:item", args=[plan.network.slug, obj.pk]),
            " · ".join(x for x in (plan.title, plan.period_label, obj.who_text, obj.when_text) if x),
            obj,
        )
    if kind == "organisation":
        slug = slugs.get(obj.via_network)
        url = reverse("network:organisation", args=[slug, obj.slug]) if slug else None
        return Hit(kind, obj.short_name, url, obj.full_name, obj)
    org = obj.organisation
    slug = slugs.get(obj.via_network)
    url = reverse("network:organisation", args=[slug, org.slug]) if org and slug else None
    return Hit(kind, obj.name, url, " · ".join(x for x in (obj.title, org.short_name if org else "") if x), obj)
