"""The Trio: each plan shows the Trio of its own period, and "Trio" as an owner is the three chairs of the
item's period (the owner stays the Trio, as written)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.audit.actors import SYSTEM
from accord.network import actions
from accord.network.models import GroupKind, chair_terms, trio_among, trio_for, trio_for_period
from accord.testing import factories as f
from accord.workspace.queries import my_work

D = dt.date


@pytest.fixture
def chairs(network, orgs):
    for short, start, end in (
        ("ZSI", D(2021, 1, 1), D(2021, 6, 30)),
        ("CNRS", D(2021, 7, 1), D(2021, 12, 31)),
        ("VUB", D(2022, 1, 1), D(2022, 6, 30)),
        ("FECYT", D(2022, 7, 1), D(2022, 12, 31)),
    ):
        actions.do_add_chair_term(SYSTEM, network, orgs[short], start=start, end=end)


@pytest.fixture
def trio_group(network):
    return actions.do_create_group(SYSTEM, network, name="Trio", kind=GroupKind.TRIO)


def names(trio):
    return [t.organisation.short_name if t else None for t in (trio.previous, trio.current, trio.next)]


def test_trio_of_a_period_is_the_chairs_around_its_middle(network, chairs):
    assert names(trio_for_period(network, D(2021, 7, 1), D(2021, 12, 31))) == ["ZSI", "CNRS", "VUB"]
    assert names(trio_for_period(network, D(2022, 1, 1), D(2022, 6, 30))) == ["CNRS", "VUB", "FECYT"]
    assert trio_for_period(network, None, None) is None


def test_each_plan_page_shows_the_trio_of_its_own_period(client, network, chairs, viewer):
    older = f.make_plan(network, title="Programme 2021 H2", start=D(2021, 7, 1), end=D(2021, 12, 31))
    newer = f.make_plan(network, title="Programme 2022 H2", start=D(2022, 7, 1), end=D(2022, 12, 31))
    client.force_login(viewer)
    page = client.get(f"/n/{network.slug}/plans/{older.pk}/").content.decode()
    trio = page.split('class="plan-trio', 1)[1].split("</p>", 1)[0]
    assert "ZSI" in trio and "<strong>CNRS</strong>" in trio and "VUB" in trio
    page = client.get(f"/n/{network.slug}/plans/{newer.pk}/").content.decode()
    trio = page.split('class="plan-trio', 1)[1].split("</p>", 1)[0]
    assert "VUB" in trio and "<strong>FECYT</strong>" in trio and "Next</span> —" in trio


def test_a_plan_pages_trio_follows_a_new_chair_term_and_reads_no_terms_once_cached(
    client, network, chairs, viewer, orgs
):
    plan = f.make_plan(network, title="Programme 2023 H1", start=D(2023, 1, 1), end=D(2023, 6, 30))
    client.force_login(viewer)
    url = f"/n/{network.slug}/plans/{plan.pk}/"

    def trio() -> str:
        return client.get(url).content.decode().split('class="plan-trio', 1)[1].split("</p>", 1)[0]

    assert "Current</span> —" in trio()
    with CaptureQueriesContext(connection) as queries:
        trio()
    assert not [q for q in queries if "network_chairterm" in q["sql"]]
    actions.do_add_chair_term(SYSTEM, network, orgs["ZSI"], start=D(2023, 1, 1), end=D(2023, 6, 30))
    assert "<strong>ZSI</strong>" in trio()


def test_a_plan_pages_trio_is_built_without_a_builders_mark(client, network, chairs, viewer, monkeypatch):
    """The Trio line is a small read: whoever misses it builds it and stores it (one write to the shared cache),
    with no builder's mark (two); only the tab's body is marked while it is built."""
    from django.core.cache import cache

    from accord.web import page_cache

    plan = f.make_plan(network, title="Programme 2021 H2", start=D(2021, 7, 1), end=D(2021, 12, 31))
    client.force_login(viewer)
    marked: list[str] = []
    add = cache.add

    def add_and_note(key, *args, **kwargs):
        marked.append(key)
        return add(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "add", add_and_note)
    cache.clear()
    page = client.get(f"/n/{network.slug}/plans/{plan.pk}/").content.decode()
    assert "<strong>CNRS</strong>" in page.split('class="plan-trio', 1)[1].split("</p>", 1)[0]
    assert len(marked) == 1 and "plans/plan_document.html" not in marked[0]  # the body's mark alone (a digest)
    assert cache.get(marked[0]) is None  # lifted once the body was stored


def test_network_home_shows_the_current_plans_trio_not_todays(client, network, chairs, viewer):
    # Today (long after every term) has no chair; the latest plan is the current one.
    f.make_plan(network, title="Programme 2022 H1", start=D(2022, 1, 1), end=D(2022, 6, 30))
    client.force_login(viewer)
    page = client.get(f"/n/{network.slug}/").content.decode()
    card = page.split('id="trio-h"', 1)[1].split("</section>", 1)[0]
    assert "<strong>VUB</strong>" in card and "CNRS" in card and "FECYT" in card


def test_trio_as_owner_is_the_three_chairs_of_the_items_period(
    client, network, chairs, trio_group, orgs, viewer, secretariat
):
    plan = f.make_plan(network, start=D(2021, 7, 1), end=D(2021, 12, 31))
    section = f.make_section(plan)
    autumn = f.make_item(
        section,
        what="Trio meeting",
        owners=[trio_group, orgs["ZSI"]],
        who_text="Trio, ZSI",
        start=D(2021, 10, 1),
        end=D(2021, 10, 31),
        when_text="October",
    )
    spring = f.make_item(
        section,
        what="Hand-over to the next Trio",
        owners=[trio_group],
        who_text="Trio",
        start=D(2022, 3, 1),
        end=D(2022, 3, 31),
        when_text="March 2022",
    )
    undated = f.make_item(section, what="Trio statement", owners=[trio_group], who_text="Trio")
    client.force_login(viewer)
    document = client.get(f"/n/{network.slug}/plans/{plan.pk}/").content.decode()
    assert "Trio (ZSI · CNRS · VUB)" in document  # autumn 2021 and the undated item (the plan's period)
    assert "Trio (CNRS · VUB · FECYT)" in document  # an item in spring 2022
    table = client.get(f"/n/{network.slug}/plans/{plan.pk}/table/").content.decode()
    assert "Trio (ZSI · CNRS · VUB)" in table
    item_page = client.get(f"/n/{network.slug}/items/{spring.pk}/").content.decode()
    assert "Trio (CNRS · VUB · FECYT)" in item_page
    # Kept as written: the owner is still the Trio group, and the words are unchanged.
    for item in (autumn, spring, undated):
        item.refresh_from_db()
        assert item.owners.first().group == trio_group
    assert autumn.who_text == "Trio, ZSI"


def test_trio_owners_cost_one_query_whatever_their_number(client, network, chairs, trio_group, viewer):
    plan = f.make_plan(network, start=D(2021, 7, 1), end=D(2021, 12, 31))
    section = f.make_section(plan)
    client.force_login(viewer)
    url = f"/n/{network.slug}/plans/{plan.pk}/"

    def count() -> int:
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    f.make_item(section, owners=[trio_group])
    one = count()
    for _ in range(10):
        f.make_item(section, owners=[trio_group])
    assert count() == one


def test_my_work_names_the_trio_by_its_chairs(network, chairs, trio_group, secretariat):
    import django.utils.timezone as tz

    today = tz.localdate()
    plan = f.make_plan(network, start=today - dt.timedelta(days=90), end=today + dt.timedelta(days=90))
    f.make_item(f.make_section(plan), what="Trio call", owners=[trio_group], start=today, end=today)
    work = my_work(secretariat, [network], today)
    [item] = work.due_soon
    assert item.owners.all()[0].name == "Trio (FECYT)"  # today: the last chair was FECYT, none since


def test_the_network_home_names_the_trio_of_a_coming_item_by_its_chairs(
    client, network, chairs, trio_group, orgs, viewer
):
    import django.utils.timezone as tz

    today = tz.localdate()
    plan = f.make_plan(network, start=today - dt.timedelta(days=90), end=today + dt.timedelta(days=90))
    f.make_item(f.make_section(plan), what="Trio call", owners=[trio_group, orgs["ZSI"]], start=today, end=today)
    client.force_login(viewer)
    html = client.get(f"/n/{network.slug}/").content.decode()
    coming = html[html.index('id="coming-h"') :]
    assert "Trio call" in coming
    assert "Trio (FECYT)" in coming and "ZSI" in coming  # today: the last chair was FECYT, none since


def test_the_trio_read_of_three_terms_agrees_with_all_the_terms_on_every_day(network, orgs):
    # Back-to-back terms, a gap, and one far ahead.
    for short, start, end in (
        ("ZSI", D(2021, 1, 1), D(2021, 6, 30)),
        ("CNRS", D(2021, 7, 1), D(2021, 12, 31)),
        ("VUB", D(2022, 3, 1), D(2022, 8, 31)),
        ("FECYT", D(2022, 9, 1), D(2022, 12, 31)),
        ("ZSI", D(2025, 1, 1), D(2025, 6, 30)),
    ):
        actions.do_add_chair_term(SYSTEM, network, orgs[short], start=start, end=end)
    every = chair_terms(network)
    day, checked = D(2020, 11, 1), 0
    while day < D(2025, 9, 1):
        assert trio_for(network, day) == trio_among(every, day), day
        with CaptureQueriesContext(connection) as queries:
            trio_for(network.pk, day)
        assert len(queries) == 1
        day += dt.timedelta(days=9)
        checked += 1
    assert checked > 150
    # The day a term starts and the day it ends belong to it.
    assert names(trio_for(network, D(2022, 3, 1))) == ["CNRS", "VUB", "FECYT"]
    assert names(trio_for(network, D(2021, 6, 30))) == [None, "ZSI", "CNRS"]


def test_a_plan_pages_trio_without_trio_owners_reads_three_terms_not_all(client, network, chairs, viewer):
    plan = f.make_plan(network, title="Programme 2022 H1", start=D(2022, 1, 1), end=D(2022, 6, 30))
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/n/{network.slug}/plans/{plan.pk}/").content.decode()
    trio = page.split('class="plan-trio', 1)[1].split("</p>", 1)[0]
    assert "CNRS" in trio and "<strong>VUB</strong>" in trio and "FECYT" in trio
    reads = [q["sql"] for q in queries if "network_chairterm" in q["sql"]]
    assert len(reads) == 1 and "LIMIT 1" in reads[0]
