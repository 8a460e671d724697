"""Cached bodies of the Plans list, the plan tabs and the item page: fresh after every action, never shown to
someone who may see (or do) something else, forms carrying the requester's own CSRF token, cheaper when cached."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.network.models import NetworkRole
from accord.plans import actions as plan_actions
from accord.plans.models import Item, ItemOwner, ItemStatus
from accord.testing import factories as f

HTMX = {"HTTP_HX_REQUEST": "true"}
PLAN_PAGES = ("plan", "plan_table", "plan_timeline", "plan_changes")


def url(name: str, network, obj=None) -> str:
    return reverse(f"plans:{name}", args=[network.slug] + ([obj.pk] if obj is not None else []))


def get(client, path: str, **extra) -> str:
    response = client.get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def without_tokens(html: str) -> str:
    """The page without its CSRF tokens (masked afresh on every response)."""
    return re.sub(r'(value="|"X-CSRFToken": ")[A-Za-z0-9]{64}"', r"\1…", html)


def edit_buttons(html: str) -> set[int]:
    """Items whose Table row carries an Edit button."""
    return {int(m) for m in re.findall(r'hx-get="/n/[^/]+/items/(\d+)/row/edit/', html)}


@pytest.fixture
def items(section, orgs):
    return {
        "zsi": f.make_item(
            section,
            what="Mapping by ZSI",
            owners=[orgs["ZSI"]],
            when_text="September 2021",
            start=dt.date(2021, 9, 1),
            end=dt.date(2021, 9, 30),
            precision="month",
        ),
        "cnrs": f.make_item(section, what="Workshop by CNRS", owners=[orgs["CNRS"]]),
        "wanted": f.make_item(section, what="Newsletter wanted", open_call=True),
    }


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Fresh after every action --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plans", *PLAN_PAGES])
def test_a_new_item_shows_on_the_next_request_of_each_cached_page(network, plan, section, items, secretariat, name):
    client = login(secretariat)
    path = url(name, network) if name == "plans" else url(name, network, plan)
    before = get(client, path)
    assert without_tokens(get(client, path)) == without_tokens(before)  # cached, and the same
    f.make_item(section, what="Brand new summit")
    after = get(client, path)
    if name == "plans":
        assert "0/3 done" in before and "0/4 done" in after
    else:
        assert "Brand new summit" not in before and "Brand new summit" in after


@pytest.mark.parametrize("name", PLAN_PAGES)
def test_a_status_change_shows_on_the_next_request_of_each_plan_tab(network, plan, items, secretariat, name):
    client = login(secretariat)
    path = url(name, network, plan)
    done = "Planned → Done" if name == "plan_changes" else '<span class="chip done">'
    assert done not in get(client, path)
    plan_actions.do_edit_item(secretariat, items["zsi"], status=ItemStatus.DONE)
    assert done in get(client, path)


def test_a_status_change_and_a_comment_show_on_the_next_request_of_the_item_page(network, items, secretariat):
    client = login(secretariat)
    item = items["zsi"]
    path = url("item", network, item)
    get(client, path)
    plan_actions.do_edit_item(secretariat, item, status=ItemStatus.IN_PROGRESS)
    assert '<span class="chip in_progress">' in get(client, path)
    response = client.post(url("item_comment", network, item), {"body": "Partners confirmed the venue"})
    assert response.status_code == 302
    assert "Partners confirmed the venue" in get(client, path)


def test_the_table_results_fragment_and_each_page_of_filters_are_cached_apart(
    network, plan, section, items, secretariat, orgs
):
    client = login(secretariat)
    base = url("plan_table", network, plan)
    whole = get(client, base)
    fragment = get(client, base, **HTMX, HTTP_HX_TARGET="plan-table")
    assert "<form" in whole and 'class="filters"' not in fragment and "Workshop by CNRS" in fragment
    zsi_only = get(client, f"{base}?owner={orgs['ZSI'].pk}", **HTMX, HTTP_HX_TARGET="plan-table")
    assert "Mapping by ZSI" in zsi_only and "Workshop by CNRS" not in zsi_only
    tab = get(client, base, **HTMX, HTTP_HX_TARGET="plan-tabs")
    assert 'class="filters"' in tab and "<html" not in tab and "<html" in whole


# Never someone else's body -------------------------------------------------------------------------------------


def test_a_member_editor_sees_edit_only_on_their_organisations_items_after_the_secretariat_loaded_the_table(
    network, plan, items, secretariat, zsi_editor, viewer
):
    path = url("plan_table", network, plan)
    assert edit_buttons(get(login(secretariat), path)) == {i.pk for i in items.values()}
    assert edit_buttons(get(login(zsi_editor), path)) == {items["zsi"].pk}
    assert edit_buttons(get(login(viewer), path)) == set()
    assert edit_buttons(get(login(secretariat), path)) == {i.pk for i in items.values()}


def test_member_editors_of_two_organisations_each_see_their_own_edit_buttons(network, plan, items, make_member, orgs):
    cnrs_editor = make_member(NetworkRole.MEMBER_EDITOR, orgs["CNRS"])
    zsi_editor = make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    path = url("plan_table", network, plan)
    assert edit_buttons(get(login(zsi_editor), path)) == {items["zsi"].pk}
    assert edit_buttons(get(login(cnrs_editor), path)) == {items["cnrs"].pk}


def test_the_item_page_edit_form_and_take_button_follow_the_requester(network, items, secretariat, zsi_editor, viewer):
    mine, theirs, wanted = (url("item", network, items[k]) for k in ("zsi", "cnrs", "wanted"))
    for path in (mine, theirs, wanted):
        assert 'id="edit"' in get(login(secretariat), path)
    assert 'id="edit"' in get(login(zsi_editor), mine)
    assert 'id="edit"' not in get(login(zsi_editor), theirs)
    assert "take it</button>" in get(login(zsi_editor), wanted)
    assert "take it</button>" not in get(login(secretariat), wanted)
    for path in (mine, theirs, wanted):
        html = get(login(viewer), path)
        assert 'id="edit"' not in html and "take it</button>" not in html


def test_anonymous_on_a_public_plan_sees_no_private_comments_or_changes_after_a_member_loaded_them(secretariat):
    net = f.make_network("Open Alliance", slug="open", is_public=True)
    plan = f.make_plan(net, title="Public programme", is_public=True)
    item = f.make_item(f.make_section(plan, "Outreach"), what="Open webinar")
    f.grant(secretariat, net, NetworkRole.SECRETARIAT)
    plan_actions.do_add_comment(secretariat, item, "Internal: the budget is tight")
    member = login(secretariat)
    assert "Internal: the budget is tight" in get(member, url("item", net, item))
    assert "Edit" in get(member, url("plan_table", net, plan))
    anonymous = Client()
    html = get(anonymous, url("item", net, item))
    assert "Open webinar" in html and "Internal: the budget is tight" not in html and 'id="comments"' not in html
    assert 'id="edit"' not in html
    table = get(anonymous, url("plan_table", net, plan))
    assert "Open webinar" in table and edit_buttons(table) == set()
    assert ">Changes</a>" not in get(anonymous, url("plan", net, plan))
    assert anonymous.get(url("plan_changes", net, plan)).status_code in (302, 404)


# CSRF ----------------------------------------------------------------------------------------------------------


def _take_token(html: str) -> str:
    """The CSRF token of the "We'll take it" form."""
    form = html[: html.index("take it</button>")]
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[-1]


def test_forms_in_a_cached_body_carry_the_requesters_own_csrf_token(network, plan, items, make_member, orgs):
    people = []
    for org in ("ZSI", "CNRS"):
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_member(NetworkRole.MEMBER_EDITOR, orgs[org]))
        people.append(client)
    for path in (url("item", network, items["wanted"]), url("plan_table", network, plan)):
        first, second = (get(client, path) for client in people)
        assert "__accord_csrf_token__" not in first + second
        assert _take_token(first) != _take_token(second)
    # The second person's page was the first one's cached body: its token is the second person's own.
    table = get(people[1], url("plan_table", network, plan))
    other = people[0].cookies["csrftoken"].value
    assert people[1].cookies["csrftoken"].value != other
    response = people[1].post(url("item_take", network, items["wanted"]), {"csrfmiddlewaretoken": _take_token(table)})
    assert response.status_code == 302
    assert "CNRS" in get(people[1], url("item", network, items["wanted"]))


# Cheaper when cached, whatever the size --------------------------------------------------------------------------


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


def _cold_and_warm(client, path: str) -> tuple[int, int]:
    cache.clear()
    return _queries(client, path), _queries(client, path)


def _bulk(section, orgs, n: int) -> None:
    created = Item.objects.bulk_create(
        [
            Item(plan=section.plan, section=section, what=f"Bulk {i}", order=100 + i, open_call=i % 7 == 0)
            for i in range(n)
        ]
    )
    ItemOwner.objects.bulk_create([ItemOwner(item=it, position=0, organisation=orgs["ZSI"]) for it in created])


@pytest.mark.parametrize("name", ["plans", *PLAN_PAGES, "item"])
def test_a_cached_page_costs_fewer_queries_the_same_for_10_or_1000_items(
    network, plan, section, items, orgs, zsi_editor, name
):
    client = login(zsi_editor)
    path = (
        url(name, network)
        if name == "plans"
        else url(name, network, items["zsi"])
        if name == "item"
        else url(name, network, plan)
    )
    _bulk(section, orgs, 10)
    cold, warm = _cold_and_warm(client, path)
    assert warm < cold
    _bulk(section, orgs, 990)
    assert _cold_and_warm(client, path) == (cold, warm)


def test_text_that_looks_like_a_placeholder_is_shown_as_written(client, network, section, viewer):
    from accord.web.page_cache import CSRF_PLACEHOLDER

    f.make_item(section, what="__accord_csrf_token__ csrf placeholder")
    client.force_login(viewer)
    html = client.get(f"/n/{network.slug}/plans/{section.plan_id}/").content.decode()
    assert "__accord_csrf_token__ csrf placeholder" in html
    assert CSRF_PLACEHOLDER not in html and len(CSRF_PLACEHOLDER) > 30


@pytest.mark.parametrize("name", ["plan", "plan_table"])
def test_owner_names_and_filter_options_are_escaped_by_the_templates(network, plan, section, secretariat, name):
    odd = f.make_organisation('<b>Bold & "Co"</b>')
    f.make_item(section, what="Line with an odd owner", owners=[odd, "Someone <i>unmatched</i>"])
    html = get(login(secretariat), url(name, network, plan))
    assert "<b>Bold" not in html and "<i>unmatched" not in html
    # Django templates (the filters) write a quote as &quot;, Jinja2 (the rows: docs/decisions/0013) as &#34;.
    odd_escaped = ("&lt;b&gt;Bold &amp; &quot;Co&quot;&lt;/b&gt;", "&lt;b&gt;Bold &amp; &#34;Co&#34;&lt;/b&gt;")
    assert sum(html.count(spelling) for spelling in odd_escaped) >= {"plan": 1, "plan_table": 2}[name]
    assert "Someone &lt;i&gt;unmatched&lt;/i&gt;" in html
