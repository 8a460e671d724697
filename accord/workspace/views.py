"""The pages that cross domains: My work, the network home, workload and the calendar.

Views are thin: they load what the URL names through access helpers, and render a body read through the
workspace's queries. Bodies are cached on the versions of what they show (accord.web.page_cache) under the
person's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.network.models import trio_for, trio_for_period
from accord.network.permissions import (
    can_create_network,
    can_edit_network_content,
    can_see_private,
    content_sight,
    is_superuser,
    role_in,
)
from accord.plans import permissions as plan_perms
from accord.plans.charts import STATUSES, column_labels, status_cells, status_chart
from accord.plans.queries import seen_plans_versions
from accord.plans.views.plan_list import PLANS_SHOWN_ON_HOME, listed_plans, plan_rows
from accord.web import page_cache
from accord.web.access import get_network
from accord.web.jinja import Words
from accord.workspace import calendar_grid, queries


def my_work_versions(user, networks: list, scopes: list[queries.NetworkScope]) -> tuple:
    """What My work lists, without the parts rendered live and the open calls: each network's own records (read with
    the networks), the work versions of the organisations the person acts for (read with their roles), and, in
    networks where they act for none (the lists show every item), the versions of the plans they may see there
    (one query)."""
    whole = [s.network.pk for s in scopes if s.organisation is None]
    sight = queries.sight_of(user, networks)
    plans = seen_plans_versions(sight, whole, open_only=True, by_network=True) if whole else ()
    return (
        "my-work",
        tuple((n.pk, n.content_version) for n in networks),
        tuple(page_cache.organisation_versions(s.organisation) for s in scopes if s.organisation is not None),
        plans,
    )


# Jinja2 templates (accord/workspace/jinja2/): My work's body and its live parts (docs/decisions/0013).
DASHBOARD_BODY = "workspace/dashboard_body.html"


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    # Their versions are read here, before the data, with their current plans' (the cards').
    networks = queries.person_networks(user, today)
    scopes = queries.network_scopes(user, networks, today, current=False)

    def context() -> dict:
        work = queries.my_work(user, networks, today, live=False)
        return {
            "networks": networks,
            "several_networks": len(networks) > 1,
            "work": work,
            "today": today,
            "due_days": queries.DUE_SOON_DAYS,
            "acts_for": [s.organisation for s in work.scopes if s.organisation is not None],
            "whole_networks": [s.network for s in work.scopes if s.organisation is None],
            "next_url": reverse("workspace:home"),
            "can_create_network": can_create_network(user),
        }

    def calls(rows: list) -> dict:
        work = queries.open_calls_of(networks, rows)
        return {
            "work": work,
            "takeable": plan_perms.takeable_open_calls(user, work.open_calls),
            "next_url": reverse("workspace:home"),
        }

    # Open calls: the same for everyone with the same roles, whatever organisation owns what; what may be taken
    # depends on the role and the organisation acted for in each network.
    calls_parts = (
        is_superuser(user),
        tuple(
            (s.network.pk, s.role.role if s.role else None, s.organisation.pk if s.organisation else None)
            for s in scopes
        ),
    )
    calls_versions = ("calls", tuple((n.pk, n.content_version, n.open_calls_version) for n in networks))
    # The current plans' cards: the networks' own records (which plan is current, its title and period, the
    # person's role and organisation's names) and the current plans' content (their counts), read with the networks.
    cards_versions = (
        "cards",
        tuple((n.pk, n.content_version, n.current_plan_id, n.current_plan_version) for n in networks),
    )
    cards_parts = tuple(
        (s.network.pk, s.role.role if s.role else None, s.organisation.pk if s.organisation else None) for s in scopes
    )
    # Recent changes: the networks' latest entries, the same for everyone in them; every entry of a network bumps
    # its activity version (accord.audit.log.record), read with the networks.
    changes_versions = ("changes", tuple((n.pk, n.content_version, n.activity_version) for n in networks))
    # Each live part is cached on its own versions, so that a comment rebuilds the recent changes and nothing else,
    # and the page's ETag is made of the keys alone (a 304 reads no part). The missing parts' reads go together.
    live = {
        "calls": page_cache.Part(
            request,
            "workspace/dashboard_calls.html",
            calls_versions,
            calls_parts,
            calls,
            reads=lambda: queries.open_calls_reads(user, networks, today),
        ),
        "cards": page_cache.Part(
            request,
            "workspace/dashboard_cards.html",
            cards_versions,
            cards_parts,
            lambda rows: {
                "scopes": queries.network_scopes(user, networks, today, plans=queries.current_plans_of(rows[0]))
            },
            reads=lambda: [queries.current_plans_read(networks, today)],
        ),
        "changes": page_cache.Part(
            request,
            "workspace/dashboard_changes.html",
            changes_versions,
            (),
            lambda rows: {"changes": queries.recent_changes_of(networks, rows)},
            reads=lambda: queries.recent_changes_reads(networks),
        ),
    }
    # Personal: keyed on the person (roles change their networks' versions) and what may add a network.
    return page_cache.page(
        request,
        "workspace/dashboard.html",
        my_work_versions(user, networks, scopes),
        (user.pk, can_create_network(user)),
        context,
        {},
        live,
        body_template=DASHBOARD_BODY,
    )


# A Jinja2 template (accord/workspace/jinja2/): the network home's body (docs/decisions/0013).
NETWORK_BODY = "workspace/network_body.html"


def network_home(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    private, can_edit = can_see_private(request.user, net), can_edit_network_content(request.user, net)
    plans = listed_plans(request.user, net)  # the versions of every plan it may show, read before the data

    def context() -> dict:
        today = timezone.localdate()
        overview = queries.network_overview(request.user, net, today)
        counts = overview.status_counts
        total = sum(counts.values())
        return {
            "network": net,
            # The plans app's table around its cached rows (a Django template), into the Jinja2 body.
            "plan_table": render_to_string(
                "plans/_plan_table.html", {"plan_rows": plan_rows(request, net, plans[:PLANS_SHOWN_ON_HOME])}
            ),
            # How many plans the person sees in all, when the table shows only the latest (the Plans list has all).
            "plans_total": len(plans),
            "plans_shown": min(len(plans), PLANS_SHOWN_ON_HOME),
            "current_plan": overview.current_plan,
            "overview": overview,
            # Each status: its value, words, count and share of the bar in percent (as widthratio rounds).
            "progress": [
                (value, label, counts.get(value, 0), round(counts.get(value, 0) / total * 100) if total else 0)
                for value, label in STATUSES
            ],
            "progress_total": total,
            # The Trio of the current plan's own period (today may fall between two chair terms).
            "trio": (
                trio_for_period(net, overview.current_plan.period_start, overview.current_plan.period_end)
                if overview.current_plan and overview.current_plan.period_start
                else None
            )
            or trio_for(net, today),
            "trio_plan": overview.current_plan
            if overview.current_plan and overview.current_plan.period_start
            else None,
            "today": today,
            "due_days": queries.DUE_SOON_DAYS,
            "can_edit": can_edit,
            "private": private,
        }

    # The current plan's progress and what comes up across the plans the person may see (each plan's row cached
    # apart, on its own plan's versions); what they see depends only on the narrower content scope.
    versions = page_cache.network_versions(net), ("plans", plans)
    return page_cache.page(
        request,
        "workspace/network.html",
        versions,
        (page_cache.content_scope(request.user, net),),
        context,
        {"network": net, "nav": "network", "role": role_in(request.user, net)},
        body_template=NETWORK_BODY,
    )


def heavy_threshold(rows: list[queries.WorkloadRow]) -> float:
    """Open items from which an organisation's load reads as heavy: twice the average of those with any, and 3."""
    busy = [r.open for r in rows if r.total]
    return max(3.0, 2 * sum(busy) / len(busy)) if busy else float("inf")


def organisation_url(net) -> Callable[[str], str]:
    """An organisation's page in this network by its slug: reversed once, filled in per row."""
    head, tail = reverse("network:organisation", args=[net.slug, "0000000000"]).rsplit("0000000000", 1)
    return lambda slug: f"{head}{slug}{tail}"


class WorkloadTableRow(NamedTuple):
    """A row of the workload table as its template writes it (attributes, which Jinja2 reads at once: a dict's
    keys it reads only after an attribute lookup fails, an exception per lookup, nine a row)."""

    name: str
    url: str
    heavy: bool
    member: bool
    cells: list[tuple[str, int]]
    total: int


class OrganisationLink(NamedTuple):
    name: str
    url: str


def workload_rows(net, rows: list[queries.WorkloadRow]) -> list[WorkloadTableRow]:
    """The workload table's rows, one per organisation, decided here (link, heavy load, counts in column order)
    so that the template's row loop holds no tag, lookup or nested decision."""
    org_url = organisation_url(net)
    threshold = heavy_threshold(rows)
    labels = column_labels()
    return [
        WorkloadTableRow(
            r.organisation.short_name,
            org_url(r.organisation.slug),
            r.open >= threshold,
            r.is_member,
            status_cells(r.counts, labels),
            r.total,
        )
        for r in rows
    ]


# A Jinja2 template (accord/workspace/jinja2/): the page's row-heavy body (docs/decisions/0013).
WORKLOAD_BODY = "workspace/workload_body.html"


def workload(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    chosen = request.GET.get("plan", "")

    # The plans to choose from are the plans' own records (the network's content version, read with the network);
    # the page shows one plan's work: keyed on that plan's version, read with the list before the rows.
    # What the plan choice shows of them (and the key reads), read on every request: not their JSON columns.
    # With no plan chosen, the network's current plan is read with them (one round trip on PostgreSQL); a chosen
    # plan it may not see, or none, falls back to the current one.
    if chosen:
        plans = queries.plan_choices(request.user, net)
        plan = next((p for p in plans if str(p.pk) == chosen), None)
        current = queries.current_plan_ids([net], timezone.localdate()).get(net.pk) if plan is None else None
    else:
        plans, current = queries.plans_and_current(request.user, net, timezone.localdate())
        plan = None
    if plan is None:
        plan = next((p for p in plans if current and p.pk == current), plans[0] if plans else None)

    def context() -> dict:
        rows = queries.workload(net, plan) if plan else []
        org_url = organisation_url(net)
        busy = [r for r in rows if r.total]
        charted = busy[:40]
        return {
            "network": net,
            "plans": plans,
            "plan": plan,
            "busy": busy,
            "rows": workload_rows(net, busy),
            "labels": Words(heavy=_("heavy load"), outsider=_("not a member")),
            "idle": [
                OrganisationLink(r.organisation.short_name, org_url(r.organisation.slug))
                for r in rows
                if not r.total and r.is_member
            ],
            "statuses": STATUSES,
            "charted": len(charted),
            "chart_height": max(240, 24 * len(charted)) if len(charted) > 12 else 280,
            "chart": status_chart([r.organisation.short_name for r in charted], [r.counts for r in charted]),
        }

    shown = ("plan", plan.pk, plan.content_version) if plan else ("plan", None)
    # Nothing on it depends on more than which plans the person may see: the content scope.
    return page_cache.page(
        request,
        "workspace/workload.html",
        (page_cache.network_versions(net), shown),
        (page_cache.content_scope(request.user, net), chosen[:20]),
        context,
        {"network": net, "nav": "workload"},
        body_template=WORKLOAD_BODY,
    )


def _month_from(value: str, today: dt.date) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in value.split("-", 1))
        if 1900 <= year <= 2200 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


# A Jinja2 template (accord/workspace/jinja2/): the month's grid and agenda (docs/decisions/0013).
CALENDAR_BODY = "workspace/calendar_body.html"


def calendar(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    today = timezone.localdate()
    year, month = _month_from(request.GET.get("month", ""), today)
    first, last = calendar_grid.month_bounds(year, month)
    view = "agenda" if request.GET.get("view") == "agenda" else "month"

    def context() -> dict:
        items, events = queries.calendar_entries(request.user, net, first, last)
        entries = calendar_grid.entries_from(net.slug, items, events)
        return {
            "network": net,
            "month": calendar_grid.lay_out(first, last, entries, today),
            "view": view,
            "truncated": len(items) >= queries.CALENDAR_LIMIT or len(events) >= queries.CALENDAR_LIMIT,
            "today": today,
        }

    versions = page_cache.network_versions(net), seen_plans_versions(content_sight(request.user, net))
    return page_cache.page(
        request,
        "workspace/calendar.html",
        versions,
        (page_cache.scope(request.user, net), first, view),
        context,
        {"network": net, "nav": "calendar", "first": first},
        body_template=CALENDAR_BODY,
    )
