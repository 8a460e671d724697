"""The network's pages: an organisation's page (what it owns, its load per plan, its memberships and people)."""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from accord.network import queries as network_queries
from accord.network.models import Network, Organisation
from accord.network.permissions import can_view_organisation
from accord.plans import queries as plan_queries
from accord.plans.charts import STATUSES, column_labels, status_cells, status_chart
from accord.web import page_cache
from accord.web.access import get_network
from accord.web.baked import together
from accord.web.choices import choice_words


def load_organisation(request: HttpRequest, network: str, slug: str) -> tuple[Network, Organisation]:
    """The organisation, if the person may see it through this network. Organisations are shared between networks:
    one that is not this network's, or that this person may not see in it, answers 404 as if it did not exist, to
    anonymous visitors too (asking them to sign in would tell that the name exists)."""
    net = get_network(request, network)
    org = network_queries.organisation_and_memberships(net, slug)
    if org is None or not can_view_organisation(request.user, org, net):
        raise Http404("No such organisation.")
    return net, org


# A Jinja2 template (accord/network/jinja2/): the page's row-heavy body (docs/decisions/0013).
ORGANISATION_BODY = "network/organisation_body.html"


def organisation_detail(request: HttpRequest, network: str, slug: str) -> HttpResponse:
    net, org = load_organisation(request, network, slug)

    def context() -> dict:
        # What it owns, its load per plan and its people: three reads sent together (baked.together).
        owned, load_rows, people = together(
            plan_queries.owned_items_read(request.user, net, org),
            plan_queries.organisation_load_read(request.user, net, org),
            network_queries.organisation_people_read(request.user, net, org),
        )
        items = plan_queries.owned_items_from(owned, org)
        head, tail = reverse("plans:item", args=[net.slug, 1000000000]).rsplit("1000000000", 1)
        plan_head, plan_tail = reverse("plans:plan", args=[net.slug, 1000000000]).rsplit("1000000000", 1)
        statuses = choice_words(STATUSES)
        for item in items:  # its other owners' names came with it (co_owners)
            item.url = f"{head}{item.pk}{tail}"  # reversed once, not per row
            item.status_label = statuses.get(item.status, item.status)
        load = plan_queries.organisation_load_from(load_rows)
        labels = column_labels()
        return {
            "network": net,
            "organisation": org,
            "plan_url": lambda pk: f"{plan_head}{pk}{plan_tail}",  # reversed once, not per plan
            # Grouped by plan as they come (newest plan first), as Django's regroup did.
            "groups": [(plan, list(rows)) for plan, rows in groupby(items, key=attrgetter("plan"))],
            "item_count": len(items),
            "items_limited": len(items) >= 200,
            "load": [(plan, status_cells(counts, labels)) for plan, counts in load],
            "statuses": STATUSES,
            "chart": status_chart([p.period_label or p.title for p, _ in load], [c for _, c in load]),
            "memberships": network_queries.organisation_memberships(net, org),
            "people": people,
        }

    # What the organisation owns (its work version, read with it) in the network's plans, its memberships and
    # people (the network's own records). It holds no edit control: what it shows depends only on whether the
    # person sees the network's private content (its plans, items and people), the content scope.
    return page_cache.page(
        request,
        "network/organisation.html",
        (page_cache.network_versions(net), page_cache.organisation_versions(org)),
        (page_cache.content_scope(request.user, net), org.pk),
        context,
        {"network": net, "organisation": org},
        body_template=ORGANISATION_BODY,
    )
