"""The network's plans, and the plan rows the network home shows too.

Each row is cached on its own plan's versions (and the network's own records: the chair's name) under the one
thing in it that depends on the person, whether they may manage plans: an edit in one plan renders one row again,
and the page around the rows is assembled from the cache."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accord.network.models import Network
from accord.network.permissions import can_edit_network_content
from accord.plans import queries as plan_queries
from accord.plans.models import PlanKind, PlanStatus
from accord.web import page_cache
from accord.web.access import get_network
from accord.web.choices import choice_words
from accord.web.links import url_maker

# A Jinja2 template (accord/plans/jinja2/) whose macro `row` renders one plan's row: 40 rows render several times
# faster than the Django partial they were (docs/decisions/0013), and faster again as one macro called per row.
ROW_FRAGMENT = "plans/plan_row.html"
# The network home is the network's overview (docs/decisions/0017): its plans' table shows the latest few by period
# (those being prepared, the current one, the last closed), with a link to the Plans list, which shows every plan.
PLANS_SHOWN_ON_HOME = 8


def listed_plans(user: Any, net: Network, limit: int | None = None) -> tuple[tuple[int, int], ...]:
    """The plans the person sees, in the list's order, with their content versions (one query, read before any
    row's data): what the page's key and each row's key are made of."""
    return plan_queries.plan_versions_listed(user, net, limit)


def plan_rows(request: HttpRequest, net: Network, plans: tuple[tuple[int, int], ...]) -> list[SafeString]:
    """The rendered rows of `plans` (from `listed_plans`), from the cache or rendered (the missing plans read in one
    query, with the item counts kept on their rows)."""
    can_edit = can_edit_network_content(request.user, net)
    row_key = page_cache.key_maker(ROW_FRAGMENT, (can_edit,), group=f"network-{net.pk}")
    keys = {pk: row_key(("plan-row", net.pk, net.content_version, pk, version)) for pk, version in plans}

    def build(missing: list[int]) -> dict[int, str]:
        loaded = plan_queries.plan_rows_of(request.user, net, missing)
        links = {  # reversed once, filled in per row
            "network": net,
            "can_edit": can_edit,
            "plan_url": url_maker("plans:plan", net.slug),
            "settings_url": url_maker("plans:plan_settings", net.slug),
            "labels": {
                "plan": _("Plan"),
                "period": _("Period"),
                "chair": _("Chair"),
                "status": _("Status"),
                "items": _("Items"),
                "manage": _("Manage"),
                "done": _("done"),
            },
            "kinds": choice_words(PlanKind.choices),
            "statuses": choice_words(PlanStatus.choices),
        }
        return dict(
            zip((p.pk for p in loaded), page_cache.render_each(ROW_FRAGMENT, "row", links, loaded), strict=True)
        )

    found = page_cache.fragments(keys, build)
    return [found[pk] for pk, _ in plans if pk in found]


def plan_list(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    plans = listed_plans(request.user, net)

    def context() -> dict:
        return {
            "network": net,
            "plan_rows": plan_rows(request, net, plans),
            "can_edit": can_edit_network_content(request.user, net),
        }

    return page_cache.page(
        request,
        "plans/plans.html",
        (page_cache.network_versions(net), ("plans", plans)),
        (page_cache.content_scope(request.user, net),),
        context,
        {"network": net, "nav": "plans"},
    )
