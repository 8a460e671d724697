"""The workspace people use every day: My work, network home, organisations, workload, calendar, search.

Views are thin: they load what the URL names through access helpers, read through queries, and render.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accord.network.models import Organisation, Person, trio_for
from accord.network.permissions import can_edit_network_content, can_see_private, role_in
from accord.network.queries import networks_for
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.models import ItemStatus
from accord.search.search import search
from accord.web import calendar_grid
from accord.web.access import get_network

STATUSES = [(value, label) for value, label in ItemStatus.choices]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    networks = list(networks_for(request.user))
    work = plan_queries.my_work(request.user, networks, today)
    takeable = {item.pk for item in work.open_calls if plan_perms.can_take_open_call(request.user, item)}
    return render(request, "web/dashboard.html", {
        "networks": networks,
        "several_networks": len(networks) > 1,
        "work": work,
        "takeable": takeable,
        "today": today,
        "due_days": plan_queries.DUE_SOON_DAYS,
        "acts_for": [s.organisation for s in work.scopes if s.organisation is not None],
    })


def network_home(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    today = timezone.localdate()
    plans = list(plan_queries.plan_list(request.user, net)[:50])
    overview = plan_queries.network_overview(request.user, net, today)
    counts = overview.status_counts
    total = sum(counts.values())
    return render(request, "web/network.html", {
        "network": net,
        "nav": "network",
        "plans": plans,
        "current_plan": overview.current_plan,
        "overview": overview,
        "progress": [(value, label, counts.get(value, 0)) for value, label in STATUSES],
        "progress_total": total,
        "trio": trio_for(net, today),
        "today": today,
        "due_days": plan_queries.DUE_SOON_DAYS,
        "role": role_in(request.user, net),
        "can_edit": can_edit_network_content(request.user, net),
    })


def _chart(labels: list[str], rows: list[dict[str, int]]) -> dict:
    """Data for a stacked bar chart (and the table beside it): one dataset per status."""
    return {"labels": labels,
            "datasets": [{"status": value, "label": str(label), "data": [r.get(value, 0) for r in rows]}
                         for value, label in STATUSES]}


def organisation_detail(request: HttpRequest, network: str, slug: str) -> HttpResponse:
    net = get_network(request, network)
    org = get_object_or_404(Organisation, slug=slug)
    items = plan_queries.items_owned_by(request.user, net, org)
    load = plan_queries.organisation_load(request.user, net, org)
    people = []
    if can_see_private(request.user, net):
        people = list(Person.objects.filter(organisation=org).order_by("name")[:50])
    return render(request, "web/organisation.html", {
        "network": net,
        "organisation": org,
        "items": items,
        "items_limited": len(items) >= 200,
        "load": [(plan, [counts.get(value, 0) for value, _ in STATUSES]) for plan, counts in load],
        "statuses": STATUSES,
        "chart": _chart([p.period_label or p.title for p, _ in load], [c for _, c in load]),
        "memberships": org.memberships.filter(network=net).order_by("since"),
        "people": people,
    })


def workload(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    today = timezone.localdate()
    plans = list(plan_queries.plans_visible(request.user, net).order_by("-period_start", "title")[:200])
    chosen = request.GET.get("plan", "")
    plan = next((p for p in plans if str(p.pk) == chosen), None)
    if plan is None:
        current = plan_queries.current_plans([net], today).get(net.pk)
        plan = next((p for p in plans if current and p.pk == current.pk), plans[0] if plans else None)
    rows = plan_queries.workload(net, plan) if plan else []
    busy = [r for r in rows if r.total]
    idle = [r for r in rows if not r.total and r.is_member]
    charted = busy[:40]
    return render(request, "web/workload.html", {
        "network": net,
        "nav": "workload",
        "plans": plans,
        "plan": plan,
        "busy": busy,
        "rows": [(r, [r.counts.get(value, 0) for value, _ in STATUSES]) for r in busy],
        "idle": idle,
        "statuses": STATUSES,
        "charted": len(charted),
        "chart_height": max(240, 24 * len(charted)) if len(charted) > 12 else 280,
        "chart": _chart([r.organisation.short_name for r in charted], [r.counts for r in charted]),
    })


def _month_from(value: str, today: dt.date) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in value.split("-", 1))
        if 1900 <= year <= 2200 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


def calendar(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    today = timezone.localdate()
    year, month = _month_from(request.GET.get("month", ""), today)
    first, last = calendar_grid.month_bounds(year, month)
    items, events = plan_queries.calendar_entries(request.user, net, first, last)
    entries = calendar_grid.entries_from(net.slug, items, events)
    view = "agenda" if request.GET.get("view") == "agenda" else "month"
    return render(request, "web/calendar.html", {
        "network": net,
        "nav": "calendar",
        "month": calendar_grid.lay_out(first, last, entries, today),
        "view": view,
        "truncated": len(items) >= plan_queries.CALENDAR_LIMIT or len(events) >= plan_queries.CALENDAR_LIMIT,
        "today": today,
    })


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    net = get_network(request, request.GET["n"]) if request.GET.get("n") else None
    results = search(request.user, query, network=net) if query else None
    return render(request, "web/search.html", {"query": query, "results": results, "scope": net,
                                               "network": net})
