"""Template tags for links to the pages that run a network and its plans, shown to those who may use them."""

from __future__ import annotations

from typing import Any

from django import template

from accord.network import permissions
from accord.network.models import held_terms, period_day, trio_for_period
from accord.web import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def can_run_network(context: dict[str, Any], network: Any) -> bool:
    """Secretariat and admin see the links to the network's management pages and to plan management."""
    request = context.get("request")
    return bool(request and network and permissions.can_edit_network_content(request.user, network))


@register.simple_tag(takes_context=True)
def can_create_network(context: dict[str, Any]) -> bool:
    request = context.get("request")
    return bool(request and permissions.can_create_network(request.user))


@register.simple_tag
def plan_trio(plan: Any) -> Any:
    """The Trio of the plan's own period, or None for a plan without dates: from the network's chair terms when
    the page has read them already (its Trio owner labels: held_chair_terms), else from its own three terms
    (one query either way)."""
    if period_day(plan.period_start, plan.period_end) is None:
        return None
    return trio_for_period(plan.network_id, plan.period_start, plan.period_end, terms=held_terms(plan))


@register.simple_tag(takes_context=True)
def plan_trio_line(context: dict[str, Any], plan: Any, network: Any) -> str:
    """The Trio of the plan's own period as the header shows it (network/_trio.html), or "" for a plan without
    dates: cached on the network's own records' version (its chair terms and organisations' names are among them)
    and the period's middle day, so that a plan page whose body is cached reads no chair terms. A small read (the
    period's three terms), built by whichever request misses it without a builder's mark (as a page's live parts:
    page_cache.Part): the mark would cost one more write to the shared cache than the build it saves."""
    day = period_day(plan.period_start, plan.period_end)
    if day is None:
        return ""
    return page_cache.fragment(
        context["request"],
        "network/_trio.html",
        page_cache.network_versions(network),
        ("plan-trio", day.isoformat()),
        lambda: {"trio": plan_trio(plan)},
        single_flight=False,
    )
