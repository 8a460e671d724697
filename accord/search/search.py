"""Search plans, items, organisations and people by name: one function, results only the person may see.

SQLite uses the FTS5 tables of accord.search.schema (ranked by bm25); PostgreSQL matches the
`to_tsvector('simple', ...)` expressions its GIN indexes cover (ranked by ts_rank). Every word typed must
match the start of a word in the record ("stake map" finds "Stakeholder mapping").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accord.network.models import Network, Organisation, Person
from accord.network.permissions import (
    content_sight,
    organisation_paths,
    organisation_paths_of,
    organisation_sight,
    people_q,
    people_sight,
    reached,
    reached_via,
    visible_networks,
    visible_organisations,
    visible_people,
)
from accord.plans.models import Item, Plan, item_label, period_label_of
from accord.plans.permissions import items_q, plans_q, visible_items, visible_plans
from accord.search.schema import BY_KIND, INDEXED, vector
from accord.web.baked import baked
from accord.web.links import url_maker

MAX_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)
LABELS = {"plan": _("Plans"), "item": _("Items"), "organisation": _("Organisations"), "person": _("People")}


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str | None
    context: str
    pk: int
    via_network: int | None = None  # organisations and people: the network the person sees them through


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
    found = _kinds_with_matches(words)
    if not found:
        return results
    slugs: dict[int, str] = {}
    if found & {"organisation", "person"}:  # they link to an organisation's page through a network it is seen in
        nets = [network] if network is not None else list(visible_networks(user))
        slugs = {n.pk: n.slug for n in nets}
    sight = content_sight(user, network)
    links = _Links()
    for kind in KINDS:
        if kind not in found:
            continue
        text = _match_text(words)
        if kind in ("plan", "item"):  # the person's content_sight values (plans_q, items_q)
            rows = _content_hits(kind=kind, **sight.values(), match=text, limit=limit + 1)
        elif kind == "organisation":  # organisation_sight's values (organisation_paths_of)
            rows = _organisation_hits(**organisation_sight(user, network).values(), match=text, limit=limit + 1)
        else:  # people_sight's (people_q), and organisation_sight's for the network to link through
            everything, private = people_sight(user, network)
            reach = {f"org_{k}": v for k, v in organisation_sight(user, network).values().items()}
            rows = _person_hits(everything=everything, people=private, **reach, match=text, limit=limit + 1)
        hits = [_hit(kind, row, slugs, links) for row in rows[:limit]]
        if hits:
            results.groups.append(Group(kind=kind, label=str(LABELS[kind]), hits=hits, more=len(rows) > limit))
    return results


KINDS = ("plan", "item", "organisation", "person")
# Each kind's hits are read baked (accord.web.baked), from the person's visibility as plain values (the pure forms
# of the rules: plans_q, items_q, organisation_paths_of, people_q) and the full-text query's text as a parameter;
# the same records `_matching(_candidates(...))` gives, read as the values their hits show (HIT_FIELDS): a hit needs
# a few columns of a record and of its plan and network, not a model object of each.
HIT_FIELDS = {
    "plan": ("pk", "title", "period_start", "period_end", "network__slug", "network__short_name", "network__name"),
    "item": (
        "pk",
        "what",
        "who_text",
        "when_text",
        "plan__title",
        "plan__period_start",
        "plan__period_end",
        "plan__network__slug",
    ),
    "organisation": ("pk", "short_name", "full_name", "slug", "via_network"),
    "person": ("pk", "name", "title", "organisation__short_name", "organisation__slug", "via_network"),
}


@baked(shape=["kind", "everything", "limit"])
def _content_hits(kind: str, everything: bool, private: Any, public: Any, match: str, limit: int) -> QuerySet:
    if kind == "plan":
        qs = Plan.objects.filter(plans_q(everything, private, public))
    else:
        qs = Item.objects.filter(items_q(everything, private, public))
    return _matching_text(qs, kind, match).values_list(*HIT_FIELDS[kind])[:limit]


@baked(shape=["all_networks", "all_private", "public_owners_only", "limit"])
def _organisation_hits(
    all_networks: bool,
    networks: Any,
    all_private: bool,
    private: Any,
    public_owners_only: bool,
    match: str,
    limit: int,
) -> QuerySet:
    paths = organisation_paths_of(all_networks, networks, all_private, private, public_owners_only)
    qs = Organisation.objects.filter(reached(paths)).annotate(via_network=reached_via(paths))
    return _matching_text(qs, "organisation", match).values_list(*HIT_FIELDS["organisation"])[:limit]


@baked(shape=["everything", "org_all_networks", "org_all_private", "org_public_owners_only", "limit"])
def _person_hits(
    everything: bool,
    people: Any,
    org_all_networks: bool,
    org_networks: Any,
    org_all_private: bool,
    org_private: Any,
    org_public_owners_only: bool,
    match: str,
    limit: int,
) -> QuerySet:
    paths = organisation_paths_of(
        org_all_networks, org_networks, org_all_private, org_private, org_public_owners_only, ref="organisation_id"
    )
    qs = Person.objects.filter(people_q(everything, people)).annotate(via_network=reached_via(paths))
    return _matching_text(qs, "person", match).values_list(*HIT_FIELDS["person"])[:limit]


def _candidates(kind: str, user: Any, network: Network | None) -> QuerySet:
    """What `user` may see of a kind (through `network`, or any network), with what its hits show. The visibility
    rules are the costly part of a search to build (subqueries for organisations and people), so each is built
    only for a kind that has matches."""
    if kind == "plan":
        return visible_plans(user, network).select_related("network")
    if kind == "item":
        return visible_items(user, network).select_related("plan", "plan__network")
    if kind == "organisation":
        return visible_organisations(user, network, via=True)
    return (
        visible_people(user, network)
        .select_related("organisation")
        .annotate(via_network=reached_via(organisation_paths(user, network, ref="organisation_id")))
    )


def _fts_match(words: list[str]) -> str:
    """SQLite FTS5: each word a quoted prefix query, all required."""
    return " ".join(f'"{w}"*' for w in words)


def _pg_text(words: list[str]) -> str:
    """PostgreSQL: a raw tsquery of each word as a prefix, all required. Words are word characters only, so it cannot
    be malformed; ":*" matches word starts."""
    return " & ".join(f"{w}:*" for w in words)


def _match_text(words: list[str]) -> str:
    """The full-text query's text for this database (a bound parameter of the query)."""
    return _pg_text(words) if connection.vendor == "postgresql" else _fts_match(words)


def _pg_search_query(text: str) -> Any:
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, search_type="raw", config="simple")


def _kinds_with_matches(words: list[str]) -> set[str]:
    """The kinds that hold any record matching every word, whoever may see it, in one query (an EXISTS per kind on
    the full-text index): a kind without a match has no visible hit either, so its visibility rules are neither
    built nor run."""
    sql, slots = _kinds_sql(connection.vendor)
    text = _match_text(words)
    with connection.cursor() as cursor:
        cursor.execute(sql, [text if slot is None else slot for slot in slots])
        row = cursor.fetchone()
    return {spec.kind for spec, matched in zip(INDEXED, row, strict=True) if matched}


_KINDS_SQL: dict[str, tuple[str, tuple[Any, ...]]] = {}
_TEXT_SLOT = "\x1fsearch-text\x1f"  # a stand-in for the query's text while its SQL is written


def _kinds_sql(vendor: str) -> tuple[str, tuple[Any, ...]]:
    """`_kinds_with_matches`' SQL for this database, written once per process (on PostgreSQL Django would build and
    compile a full-text expression per kind on every search), and its parameters: None where the query's text goes,
    the others as they are (the text configuration)."""
    known = _KINDS_SQL.get(vendor)
    if known is not None:
        return known
    parts: list[str] = []
    params: list[Any] = []
    for spec in INDEXED:
        if vendor == "postgresql":
            model = apps.get_model(spec.app_label, spec.model_name)
            matched = model._default_manager.annotate(search_document=vector(spec.fields)).filter(
                search_document=_pg_search_query(_TEXT_SLOT)
            )
            sql, got = matched.order_by().values("pk")[:1].query.sql_with_params()  # no order: no joins
        else:
            fts = spec.fts_table  # a fixed name; the words are a bound parameter
            sql, got = f'SELECT 1 FROM "{fts}" WHERE "{fts}" MATCH %s', (_TEXT_SLOT,)  # noqa: S608
        parts.append(f"EXISTS ({sql})")
        params.extend(got)
    if params.count(_TEXT_SLOT) != len(INDEXED):
        raise AssertionError(f"the full-text query's text should feed each kind's EXISTS once: {params!r}")
    known = _KINDS_SQL[vendor] = ("SELECT " + ", ".join(parts), tuple(None if p == _TEXT_SLOT else p for p in params))
    return known


def _matching(qs: QuerySet, kind: str, words: list[str]) -> QuerySet:
    return _matching_text(qs, kind, _match_text(words))


def _matching_text(qs: QuerySet, kind: str, text: str) -> QuerySet:
    """The records of `qs` that match the full-text query `text` (`_match_text`), best first."""
    spec = BY_KIND[kind]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank

        query = _pg_search_query(text)
        doc = vector(spec.fields)
        return (
            qs.annotate(search_document=doc)
            .filter(search_document=query)
            .annotate(search_rank=SearchRank(doc, query))
            .order_by("-search_rank", "pk")
        )
    fts = spec.fts_table
    return qs.extra(  # noqa: S610 - fixed table names; the query text is a bound parameter
        tables=[fts],
        where=[f'"{fts}".rowid = "{spec.table}"."id"', f'"{fts}" MATCH %s'],
        params=[text],
        select={"search_rank": f'"{fts}".rank'},
        order_by=["search_rank", "pk"],
    )


class _Links:
    """Each hit's link, reversed once per kind of page and network (url_maker), not once per hit."""

    def __init__(self) -> None:
        self._makers: dict[tuple[str, str], Any] = {}

    def __call__(self, name: str, slug: str, key: Any) -> str:
        maker = self._makers.get((name, slug))
        if maker is None:
            maker = self._makers[(name, slug)] = url_maker(name, slug)
        return maker(key)


def _hit(kind: str, row: tuple[Any, ...], slugs: dict[int, str], links: _Links | None = None) -> Hit:
    """A hit from its record's HIT_FIELDS values."""
    link = links or _Links()
    if kind == "plan":
        pk, title, start, end, net_slug, net_short, net_name = row
        period = period_label_of(start, end)
        return Hit(
            kind,
            title,
            link("plans:plan", net_slug, pk),
            " · ".join(x for x in (period, net_short or net_name) if x),
            pk,
        )
    if kind == "item":
        pk, what, who, when, plan_title, plan_start, plan_end, net_slug = row
        context = (plan_title, period_label_of(plan_start, plan_end), who, when)
        return Hit(kind, item_label(what), link("plans:item", net_slug, pk), " · ".join(x for x in context if x), pk)
    if kind == "organisation":
        pk, short_name, full_name, org_slug, via = row
        slug = slugs.get(via)
        url = link("network:organisation", slug, org_slug) if slug else None
        return Hit(kind, short_name, url, full_name, pk, via)
    pk, name, title, org_short, org_slug, via = row
    slug = slugs.get(via)
    url = link("network:organisation", slug, org_slug) if org_slug and slug else None
    return Hit(kind, name, url, " · ".join(x for x in (title, org_short or "") if x), pk, via)
