"""The Document tab: the plan as its Word file reads, and prints.

The tab's body is cached on the plan's versions; each section's fragment is cached on its own version, so after
an edit to one item only that item's section is rendered again (and the rest are read from the cache)."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from accord.network.models import Network, chair_terms_read, keep_chair_terms
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.models import Plan, Section
from accord.plans.views.common import (
    label_rows,
    load_plan,
    owner_links,
    row_labels,
    status_and_kind_words,
    tab_page,
    wanted_label,
    wanted_labels,
)
from accord.web import page_cache
from accord.web.baked import pipelines, together
from accord.web.links import url_maker

# A Jinja2 template (accord/plans/jinja2/): the tab's row-heavy part, one section per call of its macro
# `section_html` (docs/decisions/0013).
SECTION_FRAGMENT = "plans/document_section.html"


def section_bodies(request: HttpRequest, net: Network, plan: Plan, sections: list[Section]) -> tuple[list[str], int]:
    """Each of the plan's sections' rendered fragment, in order, from the cache or rendered (the items and owners
    of the missing sections read together: one round trip on PostgreSQL), and the plan's item count (kept on its
    row)."""
    scope = page_cache.content_scope(request.user, net)
    section_key = page_cache.key_maker(SECTION_FRAGMENT, (scope,), group=f"plan-{plan.pk}")
    keys = {s.pk: section_key(("section", net.pk, net.content_version, s.pk, s.content_version)) for s in sections}
    found = cache.get_many(list(keys.values()))
    missing = [s for s in sections if keys[s.pk] not in found]
    if missing:
        which = None if len(missing) == len(sections) else [s.pk for s in missing]
        reads = [plan_queries.section_items_read(plan, which), plan_queries.section_owner_names_read(plan, which)]
        if pipelines():  # on PostgreSQL the chair terms come too (the Trio's owners and the header name chairs)
            reads.append(chair_terms_read(net.pk))
        values, owner_rows, *terms = together(*reads)
        if terms:
            keep_chair_terms(plan, terms[0])
        by_section = plan_queries.section_items_of(values)
        fresh = _render_sections(net, plan, missing, by_section, owner_rows)
        cache.set_many({keys[pk]: html for pk, html in fresh.items()}, page_cache.PAGE_CACHE_SECONDS)
        found.update({keys[pk]: html for pk, html in fresh.items()})
    # Kept with the plan's row by the database, read with its version (docs/decisions/0016): no count of its items.
    count = plan.items_total
    return [found[keys[s.pk]] for s in sections], count


def _render_sections(
    net: Network,
    plan: Plan,
    sections: list[Section],
    by_section: dict[int, list[plan_queries.ItemRow]],
    owner_rows: list[tuple[Any, ...]],
) -> dict[int, str]:
    periods = {item.pk: item for items in by_section.values() for item in items}
    owners = plan_queries.owner_names_of(plan, owner_rows, periods)
    item_url = url_maker("plans:item", net.slug)
    org_url = url_maker("network:organisation", net.slug)
    labels, wanted, words = row_labels(), wanted_labels(), status_and_kind_words()
    rows = []
    for section in sections:
        items = by_section.get(section.pk, [])
        label_rows(items, words)
        for item in items:
            item.url = item_url(item.pk)
            item.owner_links = owner_links(owners.get(item.pk, ()), org_url)
            item.wanted_label = wanted_label(item, wanted)
        rows.append((section, items))
    shared = {"network": net, "plan": plan, "labels": labels}
    rendered = page_cache.render_each(SECTION_FRAGMENT, "section_html", shared, rows)
    return {section.pk: html for section, html in zip(sections, rendered, strict=True)}


def plan_detail(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Document tab: the plan as its Word file reads, and prints."""
    net, plan = load_plan(request, network, plan_id)

    def build() -> dict[str, Any]:
        sections, successors = together(
            plan_queries.plan_sections_read(plan), plan_queries.plan_successors_read(request.user, plan)
        )
        bodies, count = section_bodies(request, net, plan, plan_queries.plan_sections_of(plan, sections))
        previous = plan.previous
        return {
            "section_bodies": bodies,
            "item_count": count,
            # The plans it continues and that continue it, as far as the person may see them.
            "previous": previous if previous is not None and plan_perms.can_view_plan(request.user, previous) else None,
            "successors": plan_queries.plan_successors_of(plan, successors),
        }

    # Nothing on the tab is the person's own beyond what content_scope names (private content, editing rights).
    return tab_page(request, net, plan, "document", build, scope=page_cache.content_scope(request.user, net))
