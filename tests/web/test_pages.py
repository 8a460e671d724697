import datetime as dt

import pytest
from django.urls import reverse

from accord.plans.models import ItemStatus, PlanKind
from accord.testing import factories as f


def test_sign_in_is_required_and_works(client, network, viewer):
    url = reverse("workspace:home")
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    bad = client.post(reverse("login"), {"username": viewer.username, "password": "wrong"})
    assert bad.status_code == 200 and b"correct username and password" in bad.content
    ok = client.post(reverse("login"), {"username": viewer.username, "password": "pw-for-tests-only"})
    assert ok.status_code == 302
    page = client.get(url)
    assert page.status_code == 200 and network.name.encode() in page.content


def test_home_lists_only_my_networks(client, network, other_network, viewer):
    client.force_login(viewer)
    content = client.get(reverse("workspace:home")).content.decode()
    assert network.name in content and other_network.name not in content


def test_plan_page_shows_sections_narrative_and_the_what_who_when_table(client, network, section, orgs, viewer):
    section.narrative = "Why this priority matters."
    section.save()
    f.make_item(
        section,
        what="General Assembly",
        owners=[orgs["DLR-PT"]],
        when_text="Last week of November / early December",
        start=dt.date(2021, 11, 24),
        end=dt.date(2021, 12, 10),
        precision="days",
    )
    f.make_item(section, what="Stakeholder mapping", open_call=True, who_text="Any volunteers?")
    client.force_login(viewer)
    html = client.get(reverse("plans:plan", args=[network.slug, section.plan.pk])).content.decode()
    assert "1. Awareness-raising" in html and "Why this priority matters." in html
    assert "What?" in html and "Who?" in html and "When?" in html
    assert "Last week of November / early December" in html
    assert 'title="2021-11-24 – 2021-12-10"' in html
    assert reverse("network:organisation", args=[network.slug, orgs["DLR-PT"].slug]) in html
    assert "Owner wanted" in html


def test_item_text_is_escaped(client, network, section, viewer):
    f.make_item(section, what="<script>alert(1)</script>")
    client.force_login(viewer)
    html = client.get(reverse("plans:plan", args=[network.slug, section.plan.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_another_networks_plan_is_not_found(client, network, other_network, plan, make_member):
    outsider = make_member("admin", net=other_network)
    client.force_login(outsider)
    assert client.get(reverse("plans:plan", args=[network.slug, plan.pk])).status_code == 404
    assert client.get(reverse("workspace:network", args=[network.slug])).status_code == 404
    # Nor through another network's URL.
    assert client.get(reverse("plans:plan", args=[other_network.slug, plan.pk])).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_for_a_private_network(client, network, plan):
    response = client.get(reverse("plans:plan", args=[network.slug, plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_public_plan_of_a_public_network_is_visible_to_anyone(client, db):
    net = f.make_network("Open Alliance", is_public=True)
    public = f.make_plan(net, title="Public programme", is_public=True)
    private = f.make_plan(net, title="Internal programme")
    assert client.get(reverse("plans:plan", args=[net.slug, public.pk])).status_code == 200
    assert client.get(reverse("plans:plan", args=[net.slug, private.pk])).status_code == 302
    listing = client.get(reverse("plans:plans", args=[net.slug])).content.decode()
    assert "Public programme" in listing and "Internal programme" not in listing


@pytest.mark.parametrize("n_items", [10, 200])
def test_plan_page_costs_the_same_queries_whatever_the_size(
    client, network, section, orgs, viewer, n_items, django_assert_max_num_queries
):
    for i in range(n_items):
        f.make_item(section, what=f"Item {i}", owners=[orgs["ZSI"], orgs["CNRS"], "Symlog"])
    client.force_login(viewer)
    url = reverse("plans:plan", args=[network.slug, section.plan.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_network_and_plan_list_query_counts_do_not_grow_with_plans(client, network, viewer, section, orgs):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts():
        result = {}
        for name in ("workspace:network", "plans:plans"):
            cache.clear()  # each page built whole (the home shows only the latest plans' rows, the list all)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse(name, args=[network.slug])).status_code == 200
            result[name] = len(ctx)
        return result

    client.force_login(viewer)
    f.make_item(section, owners=[orgs["ZSI"]])
    small = counts()
    for i in range(30):
        plan = f.make_plan(network, title=f"Plan {i}")
        f.make_item(f.make_section(plan), owners=[orgs["CNRS"]])
    assert counts() == small
    # Network home: session, user, roles, plans, current plan, its counts, coming items, their owners, events,
    # the rows' plans and their item counts, chair terms. Plans list: the first four and the rows' two.
    assert small["workspace:network"] <= 12 and small["plans:plans"] <= 6


@pytest.mark.parametrize("page", ["workspace:network", "plans:plans"])
def test_plan_rows_show_counts_escaped_titles_and_manage_links_to_editors_only(
    client, network, orgs, viewer, secretariat, page
):
    plan = f.make_plan(network, title="<b>Bold</b> & plain", kind=PlanKind.STRATEGIC_PRIORITIES)
    section = f.make_section(plan)
    f.make_item(section, what="Finished", owners=[orgs["ZSI"]], status=ItemStatus.DONE)
    f.make_item(section, what="Open", owners=[orgs["ZSI"]])
    url = reverse(page, args=[network.slug])
    settings_url = reverse("plans:plan_settings", args=[network.slug, plan.pk])
    client.force_login(viewer)
    html = client.get(url).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; plain" in html and "<b>Bold</b>" not in html
    assert "1/2 done" in html and "strategic priorities" in html
    assert settings_url not in html
    client.force_login(secretariat)
    html = client.get(url).content.decode()
    assert f'href="{settings_url}" aria-label="Manage &lt;b&gt;Bold&lt;/b&gt; &amp; plain"' in html


def test_the_plans_list_is_marked_as_the_current_page(client, network, viewer):
    client.force_login(viewer)
    html = client.get(reverse("plans:plans", args=[network.slug])).content.decode()
    assert f'href="{reverse("plans:plans", args=[network.slug])}" aria-current="page"' in html


def test_a_members_network_comes_with_their_roles_and_others_are_read_by_slug(
    rf, network, other_network, viewer, django_assert_num_queries
):
    """get_network: the network a member opens is the one read with their roles (one query for both); another
    network is read by its slug, and answers 404 unless the person may see it."""
    from django.http import Http404

    from accord.network.permissions import role_in
    from accord.web.access import get_network

    request = rf.get("/")
    request.user = type(viewer).objects.get(pk=viewer.pk)
    with django_assert_num_queries(1):
        got = get_network(request, network.slug)
        assert role_in(request.user, got).network is got
    assert (got.pk, got.slug) == (network.pk, network.slug)
    with django_assert_num_queries(1), pytest.raises(Http404):
        get_network(request, other_network.slug)  # private, and no role in it
    other_network.is_public = True
    other_network.save()
    assert get_network(request, other_network.slug).pk == other_network.pk


def test_the_network_home_shows_the_latest_plans_and_links_to_all_of_them(client, network, viewer):
    """The home is the network's overview: its plans' table holds the latest few by period, the Plans list all."""
    from accord.plans.views.plan_list import PLANS_SHOWN_ON_HOME

    shown = PLANS_SHOWN_ON_HOME
    for n in range(shown + 3):
        f.make_plan(network, title=f"Programme {n:02d}", start=dt.date(2010 + n, 1, 1), end=dt.date(2010 + n, 6, 30))
    client.force_login(viewer)
    home = client.get(reverse("workspace:network", args=[network.slug])).content.decode()
    latest = [f"Programme {n:02d}" for n in range(3, shown + 3)]
    assert all(title in home for title in latest)
    assert "Programme 00" not in home and "Programme 02" not in home
    assert f"The latest {shown} of {shown + 3} plans, by period." in home
    assert f'<a href="{reverse("plans:plans", args=[network.slug])}">All {shown + 3} plans</a>' in home
    listed = client.get(reverse("plans:plans", args=[network.slug])).content.decode()
    assert all(f"Programme {n:02d}" in listed for n in range(shown + 3))


def test_the_page_says_which_language_it_is_in(client, network, viewer):
    """The shell's lang attribute is the language the page is rendered in (screen readers read by it)."""
    client.force_login(viewer)
    url = reverse("workspace:network", args=[network.slug])
    assert '<html lang="en">' in client.get(url).content.decode()
    assert '<html lang="fr">' in client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
