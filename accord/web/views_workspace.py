"""The workspace people use every day: My work, network home, organisations, workload, calendar, search.

Views are thin: they load what the URL names through access helpers, and render a body read through queries.
Bodies are cached per data version (accord.web.page_cache) under whatever decides what the person may see.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accord.network.models import Organisation, Person, Role, trio_for, trio_for_period
from accord.network.permissions import can_create_network, can_edit_network_content, can_see_private, role_in
from accord.network.queries import networks_for
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.models import ItemStatus
from accord.search.search import search
from accord.web import calendar_grid, page_cache
from accord.web.access import get_network

STATUSES = [(value, label) for value, label in ItemStatus.choices]


def _cells(numbers: list[int]) -> SafeString:
    # Built here rather than in a nested template loop: these tables have a row per member organisation.
    return mark_safe("".join(f"<td>{int(n)}</td>" for n in numbers))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user

    def context() -> dict:
        today = timezone.localdate()
        networks = list(networks_for(user))
        work = plan_queries.my_work(user, networks, today)
        return {
            "networks": networks,
            "several_networks": len(networks) > 1,
            "work": work,
            "takeable": {item.pk for item in work.open_calls if plan_perms.can_take_open_call(user, item)},
            "today": today,
            "due_days": plan_queries.DUE_SOON_DAYS,
            "acts_for": [s.organisation for s in work.scopes if s.organisation is not None],
            "next_url": reverse("web:home"),
            "can_create_network": can_create_network(user),
        }

    body = page_cache.body(request, "web/dashboard.html#body", ("dashboard", user.pk), context)
    return render(request, "web/dashboard.html", {"body": body})


def network_home(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    private, can_edit = can_see_private(request.user, net), can_edit_network_content(request.user, net)

    def context() -> dict:
        today = timezone.localdate()
        overview = plan_queries.network_overview(request.user, net, today)
        counts = overview.status_counts
        return {
            "network": net,
            "plans": list(plan_queries.plan_list(request.user, net)[:50]),
            "current_plan": overview.current_plan,
            "overview": overview,
            "progress": [(value, label, counts.get(value, 0)) for value, label in STATUSES],
            "progress_total": sum(counts.values()),
            # The Trio of the current plan's own period (today may fall between two chair terms).
            "trio": (trio_for_period(net, overview.current_plan.period_start, overview.current_plan.period_end)
                     if overview.current_plan and overview.current_plan.period_start else None)
            or trio_for(net, today),
            "trio_plan": overview.current_plan if overview.current_plan and overview.current_plan.period_start
            else None,
            "today": today,
            "due_days": plan_queries.DUE_SOON_DAYS,
            "can_edit": can_edit,
        }

    body = page_cache.body(request, "web/network.html#body", ("network", net.pk, private, can_edit), context)
    return render(request, "web/network.html", {"network": net, "nav": "network", "body": body,
                                                 "role": role_in(request.user, net)})


def _chart(labels: list[str], rows: list[dict[str, int]]) -> dict:
    """Data for a stacked bar chart (and the table beside it): one dataset per status."""
    return {"labels": labels,
            "datasets": [{"status": value, "label": str(label), "data": [r.get(value, 0) for r in rows]}
                         for value, label in STATUSES]}


def organisation_detail(request: HttpRequest, network: str, slug: str) -> HttpResponse:
    net = get_network(request, network)
    org = get_object_or_404(Organisation, slug=slug)
    private = can_see_private(request.user, net)

    def context() -> dict:
        items = plan_queries.items_owned_by(request.user, net, org)
        load = plan_queries.organisation_load(request.user, net, org)
        return {
            "network": net,
            "organisation": org,
            "items": items,
            "items_limited": len(items) >= 200,
            "load": [(plan, _cells([counts.get(value, 0) for value, _ in STATUSES])) for plan, counts in load],
            "statuses": STATUSES,
            "chart": _chart([p.period_label or p.title for p, _ in load], [c for _, c in load]),
            "memberships": list(org.memberships.filter(network=net).order_by("since")),
            "people": list(Person.objects.filter(organisation=org).order_by("name")[:50]) if private else [],
        }

    body = page_cache.body(request, "web/organisation.html#body", ("organisation", net.pk, org.pk, private),
                           context)
    return render(request, "web/organisation.html", {"network": net, "organisation": org, "body": body})


def heavy_threshold(rows: list[plan_queries.WorkloadRow]) -> float:
    """Open items from which an organisation's load reads as heavy: twice the average of those with any, and 3."""
    busy = [r.open for r in rows if r.total]
    return max(3.0, 2 * sum(busy) / len(busy)) if busy else float("inf")


def _workload_rows(net, rows: list[plan_queries.WorkloadRow]) -> SafeString:
    """The workload table's rows, one per organisation: built with plain string operations because a network
    may have hundreds of members (a template loop with {% url %} per row costs ~40x more). Everything from
    the database is escaped; the numbers are ints."""
    link = reverse("web:organisation", args=[net.slug, "__slug__"])
    outsider = format_html(' <span class="muted">({})</span>', _("not a member"))
    heavy_label = format_html(' <span class="chip heavy">{}</span>', _("heavy load"))
    threshold = heavy_threshold(rows)
    html = []
    for r in rows:
        org = r.organisation
        heavy = r.open >= threshold
        classes = " ".join(c for c in ("" if r.is_member else "not-member", "heavy" if heavy else "") if c)
        html.append(
            f'<tr{f" class={chr(34)}{classes}{chr(34)}" if classes else ""}><th scope="row">'
            f'<a href="{escape(link.replace("__slug__", org.slug))}">{escape(org.short_name)}</a>'
            f'{heavy_label if heavy else ""}{"" if r.is_member else outsider}</th>'
            f'{_cells([r.counts.get(value, 0) for value, _label in STATUSES])}<td>{int(r.total)}</td></tr>')
    return mark_safe("\n".join(html))


def workload(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    private = can_see_private(request.user, net)
    chosen = request.GET.get("plan", "")

    def context() -> dict:
        today = timezone.localdate()
        plans = list(plan_queries.plans_visible(request.user, net).order_by("-period_start", "title")[:200])
        plan = next((p for p in plans if str(p.pk) == chosen), None)
        if plan is None:
            current = plan_queries.current_plans([net], today).get(net.pk)
            plan = next((p for p in plans if current and p.pk == current.pk), plans[0] if plans else None)
        rows = plan_queries.workload(net, plan) if plan else []
        busy = [r for r in rows if r.total]
        charted = busy[:40]
        return {
            "network": net,
            "plans": plans,
            "plan": plan,
            "busy": busy,
            "rows": _workload_rows(net, busy),
            "idle": [r for r in rows if not r.total and r.is_member],
            "statuses": STATUSES,
            "charted": len(charted),
            "chart_height": max(240, 24 * len(charted)) if len(charted) > 12 else 280,
            "chart": _chart([r.organisation.short_name for r in charted], [r.counts for r in charted]),
        }

    body = page_cache.body(request, "web/workload.html#body", ("workload", net.pk, chosen[:20], private), context)
    return render(request, "web/workload.html", {"network": net, "nav": "workload", "body": body})


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
    private = can_see_private(request.user, net)
    today = timezone.localdate()
    year, month = _month_from(request.GET.get("month", ""), today)
    first, last = calendar_grid.month_bounds(year, month)
    view = "agenda" if request.GET.get("view") == "agenda" else "month"

    def context() -> dict:
        items, events = plan_queries.calendar_entries(request.user, net, first, last)
        entries = calendar_grid.entries_from(net.slug, items, events)
        return {
            "network": net,
            "month": calendar_grid.lay_out(first, last, entries, today),
            "view": view,
            "truncated": len(items) >= plan_queries.CALENDAR_LIMIT or len(events) >= plan_queries.CALENDAR_LIMIT,
            "today": today,
        }

    body = page_cache.body(request, "web/calendar.html#body", ("calendar", net.pk, first, view, private), context)
    return render(request, "web/calendar.html", {"network": net, "nav": "calendar", "first": first,
                                                  "body": body})


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    net = get_network(request, request.GET["n"]) if request.GET.get("n") else None
    user = request.user
    # What search shows depends on the networks where the person holds a role (and on being signed in).
    roles = Role.objects.filter(user=user).order_by("network_id") if user.is_authenticated else Role.objects.none()
    seen = tuple(roles.values_list("network_id", flat=True))
    scope = ("search", query, net.pk if net else None, user.is_authenticated, user.is_superuser, seen)

    def context() -> dict:
        return {"query": query, "results": search(user, query, network=net) if query else None, "scope": net}

    body = page_cache.body(request, "web/search.html#body", scope, context)
    return render(request, "web/search.html", {"query": query, "network": net, "body": body})
