"""The Document tab: the plan as its Word file reads, and prints.

The tab's body is cached on the plan's versions and names its sections; each section's fragment is cached on its
own version and put into the body when the page is served, so after an edit to one item only that item's section
and the small body are rendered and stored again (the rest are read from the cache)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

from accord.network.models import Network, together_with_chair_terms
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
from accord.web.baked import together
from accord.web.links import url_maker

# A Jinja2 template (accord/plans/jinja2/): the tab's row-heavy part, one section per call of its macro
# `section_html` (docs/decisions/0013).
SECTION_FRAGMENT = "plans/document_section.html"


# Where a section goes in the tab's cached body: the body names each section's cached fragment by its key, and the
# fragments are put in when the page is served (`put_sections`), so that the shared cache holds a section's HTML
# once, not again in every body that shows it (a 250-item plan's sections are 150 KB: the body is 3 KB, and an edit
# stores its section and that small body). An HTML comment, which no escaped text can write, named with a secret
# all the same (as the Table rows' control marks).
_SECTION_MARK = "sec" + hashlib.sha256(f"accord-document-sections:{settings.SECRET_KEY}".encode()).hexdigest()[:24]
_SECTION_AT = re.compile(rf"<!--{_SECTION_MARK}:(\d+):([^>]+?)-->")


def section_bodies(
    request: HttpRequest, net: Network, plan: Plan, sections: list[Section]
) -> tuple[dict[int, str], dict[str, str]]:
    """Each of the plan's sections' fragment key (by section id) and the fragments by key, from the cache or
    rendered (the items and owners of the missing sections read together: one round trip on PostgreSQL) and
    stored."""
    scope = page_cache.content_scope(request.user, net)
    section_key = page_cache.key_maker(SECTION_FRAGMENT, (scope,), group=f"plan-{plan.pk}")
    keys = {s.pk: section_key(("section", net.pk, net.content_version, s.pk, s.content_version)) for s in sections}
    found = cache.get_many(list(keys.values()))
    missing = [s for s in sections if keys[s.pk] not in found]
    if missing:
        which = None if len(missing) == len(sections) else [s.pk for s in missing]
        values, owner_rows = together_with_chair_terms(
            plan,
            net.pk,
            plan_queries.section_items_read(plan, which),
            plan_queries.section_owner_names_read(plan, which),
        )
        by_section = plan_queries.section_items_of(values)
        fresh = _render_sections(net, plan, missing, by_section, owner_rows)
        cache.set_many({keys[pk]: html for pk, html in fresh.items()}, page_cache.PAGE_CACHE_SECONDS)
        found.update({keys[pk]: html for pk, html in fresh.items()})
    return keys, found


def section_marks(keys: dict[int, str], sections: list[Section]) -> list[SafeString]:
    """Where each section goes in the body, in order (`put_sections` puts them in)."""
    # Our own marks: a section's id and its fragment's key (letters, digits, "~", ":" and "-").
    return [mark_safe(f"<!--{_SECTION_MARK}:{s.pk}:{keys[s.pk]}-->") for s in sections]  # noqa: S308


def put_sections(request: HttpRequest, net: Network, plan: Plan, body: SafeString, known: dict[str, str]) -> SafeString:
    """The body with its sections put in at their marks: those just rendered (`known`), else read from the shared
    cache in one query. A section the cache no longer holds (evicted since the body was stored) is rendered
    again, with the others, from the plan's sections as they are now."""
    wanted = _SECTION_AT.findall(body)
    found = {key: known[key] for _pk, key in wanted if key in known}
    rest = [key for _pk, key in wanted if key not in found]
    if rest:
        found.update(cache.get_many(rest))
    if any(key not in found for _pk, key in wanted):
        keys, html = section_bodies(request, net, plan, plan_queries.plan_sections(plan))
        by_section = {pk: html[key] for pk, key in keys.items()}
        filled = _SECTION_AT.sub(lambda at: by_section.get(int(at[1]), ""), body)
    else:
        filled = _SECTION_AT.sub(lambda at: found[at[2]], body)
    if page_cache.CSRF_PLACEHOLDER in filled:  # (a section holds no form today)
        filled = filled.replace(page_cache.CSRF_PLACEHOLDER, get_token(request))
    # Our own templates' output, escaped when it was rendered; only our marks were swapped for our fragments.
    return mark_safe(filled)  # noqa: S308


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

    known: dict[str, str] = {}  # the sections' fragments a build read or rendered, by key

    def build() -> dict[str, Any]:
        read, successors = together(
            plan_queries.plan_sections_read(plan), plan_queries.plan_successors_read(request.user, plan)
        )
        sections = plan_queries.plan_sections_of(plan, read)
        keys, fragments = section_bodies(request, net, plan, sections)
        known.update(fragments)
        previous = plan.previous
        return {
            "section_bodies": section_marks(keys, sections),
            # Kept with the plan's row by the database, read with its version (docs/decisions/0016): no count.
            "item_count": plan.items_total,
            # The plans it continues and that continue it, as far as the person may see them.
            "previous": previous if previous is not None and plan_perms.can_view_plan(request.user, previous) else None,
            "successors": plan_queries.plan_successors_of(plan, successors),
        }

    # Nothing on the tab is the person's own beyond what content_scope names (private content, editing rights).
    return tab_page(
        request,
        net,
        plan,
        "document",
        build,
        scope=page_cache.content_scope(request.user, net),
        finish=lambda body: put_sections(request, net, plan, body, known),
    )
