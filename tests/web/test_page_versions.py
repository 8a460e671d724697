"""Cached bodies keyed on the versions of what they show: a write bumps only what shows it, in its own
transaction, and a reader never caches a body that misses a committed write, with writers running concurrently
(PostgreSQL, each thread on its own connection)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.events import actions as event_actions
from accord.network import actions as network_actions
from accord.network.models import Network, NetworkRole, Organisation
from accord.plans import actions as plan_actions
from accord.plans.models import Item, Plan
from accord.testing import factories as f
from tests.concurrency import in_thread, signed_in


def versions(network, *plans, item=None) -> tuple:
    net = Network.objects.get(pk=network.pk)
    found = [(net.content_version, net.open_calls_version), *(Plan.objects.get(pk=p.pk).content_version for p in plans)]
    if item is not None:
        found.append(Item.objects.get(pk=item.pk).discussion_version)
    return tuple(found)


def test_a_comment_bumps_only_its_items_discussion(network, plan, section, secretariat):
    item = f.make_item(section, what="Mapping of partners")
    other = f.make_item(section, what="Second line")
    before, other_before = versions(network, plan, item=item), versions(network, plan, item=other)
    plan_actions.do_add_comment(secretariat, item, "Draft sent")
    after = versions(network, plan, item=item)
    assert after[:-1] == before[:-1] and after[-1] == before[-1] + 1
    assert versions(network, plan, item=other) == other_before


def test_an_edit_bumps_its_plan_not_its_network_nor_another_plan(network, plan, section, secretariat):
    item = f.make_item(section, what="Mapping of partners")
    second = f.make_plan(network, title="Next programme")
    (content, calls), first, other = versions(network, plan, second)
    plan_actions.do_edit_item(secretariat, item, what="Mapping of all partners")
    assert versions(network, plan, second) == ((content, calls), first + 1, other)


def test_a_change_to_the_networks_own_records_bumps_its_content_version(network, plan):
    agency, admin = f.make_organisation("Agency of the Fjords"), f.make_user("root", is_superuser=True)
    (content, calls), first = versions(network, plan)
    network_actions.do_add_membership(admin, network, agency)
    assert versions(network, plan) == ((content + 1, calls), first)


def test_a_change_to_an_object_that_names_no_versions_bumps_every_network(network, other_network, orgs):
    # Organisations are shared by networks: renaming one may change what any network's pages show.
    before = [versions(n)[0][0] for n in (network, other_network)]
    admin = f.make_user("root", is_superuser=True)
    network_actions.do_update_organisation(admin, orgs["ZSI"], full_name="Centre for Social Innovation")
    assert [versions(n)[0][0] for n in (network, other_network)] == [v + 1 for v in before]


def _warm_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


def test_after_a_comment_the_plan_table_is_still_served_from_the_cache(network, plan, section, secretariat):
    item = f.make_item(section, what="Mapping of partners")
    client = Client()
    client.force_login(secretariat)
    table = reverse("plans:plan_table", args=[network.slug, plan.pk])
    cold = _warm_queries(client, table)
    warm = _warm_queries(client, table)
    assert warm < cold
    plan_actions.do_add_comment(secretariat, item, "Draft sent")
    assert _warm_queries(client, table) == warm
    plan_actions.do_edit_item(secretariat, item, what="Mapping of all partners")
    # The body is built again; the header's Trio is not (it is keyed on the network's records, not the plan's).
    assert warm < _warm_queries(client, table) <= cold


def test_an_event_shows_on_the_next_request_of_the_calendar(network, secretariat):
    client = Client()
    client.force_login(secretariat)
    path = reverse("workspace:calendar", args=[network.slug]) + "?month=2021-10"
    assert "Autumn assembly" not in client.get(path).content.decode()
    event_actions.do_create_event(
        secretariat, network, title="Autumn assembly", start=dt.date(2021, 10, 12), end=dt.date(2021, 10, 12)
    )
    assert "Autumn assembly" in client.get(path).content.decode()


# Concurrent writers on PostgreSQL -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_reader_never_caches_a_body_that_misses_a_committed_write():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite takes one writer at a time)")
    net = f.make_network("Concurrent Alliance", slug="concurrent")
    plan = f.make_plan(net, title="Shared programme")
    section = f.make_section(plan, "Outreach")
    first = f.make_item(section, what="First line as imported")
    second = f.make_item(section, what="Second line as imported")
    user = f.make_user("writer")
    f.grant(user, net, NetworkRole.SECRETARIAT)
    # The pages across plans are keyed on finer versions: the organisation that owns the items (its page, and My
    # work of someone acting for it) and the versions of the plans a person sees (My work of the secretariat).
    agency = f.make_organisation("Agency of the Fjords")
    soon = dt.date.today() + dt.timedelta(days=5)
    for item in (first, second):
        plan_actions.do_edit_item(user, item, owners=[agency], end=soon)
    editor = f.make_user("agency-editor")
    f.grant(editor, net, NetworkRole.MEMBER_EDITOR, agency)
    reader, agency_reader = Client(), Client()
    reader.force_login(user)
    agency_reader.force_login(editor)
    dashboard = reverse("workspace:home")
    pages = [
        (reader, reverse("plans:plan_table", args=[net.slug, plan.pk])),
        (reader, reverse("plans:plan", args=[net.slug, plan.pk])),
        (reader, dashboard),
        (agency_reader, dashboard),
        (reader, reverse("network:organisation", args=[net.slug, agency.slug])),
        (reader, reverse("plans:plans", args=[net.slug])),
        (reader, reverse("workspace:network", args=[net.slug])),
    ]

    def read(client: Client, path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200
        return response.content.decode()

    for client, path in pages[:5]:  # cached before any writer starts
        assert "First line as imported" in read(client, path)

    errors: list = []
    hold_a, written_a = threading.Event(), threading.Event()
    # Writer A changes the first item and keeps its transaction open.
    a = in_thread(
        lambda: plan_actions.do_edit_item(user, first, what="First line edited by A"),
        hold=hold_a,
        written=written_a,
        errors=errors,
    )
    assert written_a.wait(30)
    assert not errors, errors
    # Writer B changes the second item and would commit first, after A took its audit id: keyed on MAX(audit.id),
    # a body read now would be cached under B's (higher) id without A's edit, and served after A commits.
    b = in_thread(lambda: plan_actions.do_edit_item(user, second, what="Second line edited by B"), errors=errors)
    b.join(timeout=1)  # B waits for A's lock on the plan's versions (no timing is asserted)
    for client, path in pages:
        html = read(client, path)
        assert "First line edited by A" not in html  # not committed yet
    hold_a.set()
    a.join(30)
    b.join(30)
    assert not errors, errors
    for client, path in pages[:5]:
        html = read(client, path)
        assert "First line edited by A" in html and "Second line edited by B" in html, path
    # And versions went up once per writer, in commit order.
    assert Plan.objects.get(pk=plan.pk).content_version >= 3
    assert Organisation.objects.get(pk=agency.pk).work_version >= 5  # two owners set, two edits


@pytest.mark.django_db(transaction=True)
def test_plan_rows_never_miss_a_committed_write_of_concurrent_writers_in_two_plans():
    """The network home and the Plans list are assembled from rows cached per plan (and shared by everyone with
    the same content scope, while others wait for one build): with a writer's transaction held open in one plan
    and a second writer in another plan, no row read meanwhile is served after the commits without its write."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite takes one writer at a time)")
    net = f.make_network("Row Alliance", slug="rows")
    one, two = f.make_plan(net, title="Programme one"), f.make_plan(net, title="Programme two")
    first = f.make_item(f.make_section(one, "Outreach"), what="A line of the first plan")
    second = f.make_item(f.make_section(two, "Science"), what="A line of the second plan")
    user, viewer = f.make_user("row-writer"), f.make_user("row-viewer")
    f.grant(user, net, NetworkRole.SECRETARIAT)
    f.grant(viewer, net, NetworkRole.VIEWER)
    readers = signed_in(user, viewer)
    pages = [reverse("plans:plans", args=[net.slug]), reverse("workspace:network", args=[net.slug])]

    def read(client: Client, path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200
        return response.content.decode()

    for client in readers:
        for path in pages:
            assert read(client, path).count("0/1 done") == 2
    errors: list = []
    hold_a, written_a = threading.Event(), threading.Event()
    a = in_thread(
        lambda: plan_actions.do_update_item(user, first, status="done"), hold=hold_a, written=written_a, errors=errors
    )
    assert written_a.wait(30)
    b = in_thread(lambda: plan_actions.do_update_item(user, second, status="done"), errors=errors)
    b.join(timeout=1)  # B waits for A's lock on the network's row (no timing is asserted)
    for client in readers:
        for path in pages:
            assert "1/1 done" not in read(client, path)  # neither has committed: B cannot commit before A
    hold_a.set()
    a.join(30)
    b.join(30)
    assert not errors, errors
    for client in readers:
        for path in pages:
            assert read(client, path).count("1/1 done") == 2, path


@pytest.mark.django_db(transaction=True)
def test_my_works_cards_and_recent_changes_never_miss_a_committed_write_of_concurrent_writers():
    """My work's current-plan cards (keyed on the current plans' content versions, read with the networks) and
    its recent changes (keyed on the networks' activity versions): with a writer's transaction held open (a status
    change and a comment) and a second writer commenting on another item, nothing read meanwhile is served after
    the commits without their writes."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite takes one writer at a time)")
    net = f.make_network("Activity Alliance", slug="activity")
    section = f.make_section(f.make_plan(net, title="Current programme"), "Outreach")
    first = f.make_item(section, what="A line to finish")
    second = f.make_item(section, what="A line to discuss")
    user, viewer = f.make_user("activity-writer"), f.make_user("activity-viewer")
    f.grant(user, net, NetworkRole.SECRETARIAT)
    f.grant(viewer, net, NetworkRole.VIEWER)
    readers = signed_in(user, viewer)
    home = reverse("workspace:home")

    def read(client: Client) -> str:
        response = client.get(home)
        assert response.status_code == 200
        return response.content.decode()

    for client in readers:
        assert "0 of 2 items done" in read(client)
    errors: list = []
    hold_a, written_a = threading.Event(), threading.Event()

    def write_a() -> None:
        plan_actions.do_update_item(user, first, status="done")
        plan_actions.do_add_comment(user, first, "Finished, said the first writer")

    a = in_thread(write_a, hold=hold_a, written=written_a, errors=errors)
    assert written_a.wait(30)
    b = in_thread(lambda: plan_actions.do_add_comment(user, second, "A word from the second writer"), errors=errors)
    b.join(timeout=1)  # B waits for A's lock on the network's row (no timing is asserted)
    for client in readers:
        html = read(client)
        assert "0 of 2 items done" in html and "second writer" not in html  # neither has committed
    hold_a.set()
    a.join(30)
    b.join(30)
    assert not errors, errors
    for client in readers:
        html = read(client)
        assert "1 of 2 items done" in html
        assert "said the first writer" in html and "A word from the second writer" in html


def test_every_audit_entry_of_a_network_bumps_its_activity_version(network, other_network, plan, section, secretariat):
    item = f.make_item(section, what="Mapping of partners")
    before = {n.pk: n.activity_version for n in Network.objects.all()}
    plan_actions.do_add_comment(secretariat, item, "A first note")
    plan_actions.do_update_item(secretariat, item, status="in_progress")
    after = {n.pk: n.activity_version for n in Network.objects.all()}
    assert after[network.pk] == before[network.pk] + 2
    assert after[other_network.pk] == before[other_network.pk]


def test_an_edit_bumps_its_section_and_a_move_bumps_both_sections(network, plan, section, secretariat):
    other = f.make_section(plan, "Second priority", number="2")
    item = f.make_item(section, what="Mapping of partners")

    def sections() -> tuple[int, int]:
        return tuple(type(section).objects.get(pk=s.pk).content_version for s in (section, other))

    first, second = sections()
    plan_actions.do_edit_item(secretariat, item, what="Mapping of all partners")
    assert sections() == (first + 1, second)
    plan_actions.do_move_item(secretariat, Item.objects.get(pk=item.pk), other, order=5)
    assert sections() == (first + 2, second + 1)


def test_the_document_tab_renders_again_only_the_section_of_an_edited_item(network, plan, section, secretariat):
    other = f.make_section(plan, "Second priority", number="2")
    item = f.make_item(section, what="Mapping of partners")
    f.make_item(other, what="Workshop on ocean science")
    client = Client()
    client.force_login(secretariat)
    path = reverse("plans:plan", args=[network.slug, plan.pk])
    assert client.get(path).status_code == 200
    plan_actions.do_edit_item(secretariat, item, what="Mapping of all partners")
    from accord.plans.views import document

    rendered = []
    original = document._render_sections
    document._render_sections = lambda net, p, chosen, *rest: (
        rendered.append([s.pk for s in chosen]) or (original(net, p, chosen, *rest))
    )
    try:
        html = client.get(path).content.decode()
    finally:
        document._render_sections = original
    assert rendered == [[section.pk]]
    assert "Mapping of all partners" in html and "Workshop on ocean science" in html


def test_the_document_tabs_cached_body_names_its_sections_and_holds_none_of_their_html(
    network, plan, section, secretariat, monkeypatch
):
    """The shared cache holds a section's HTML once: the tab's body keeps a mark where each section goes, and the
    sections are put in when the page is served, from the cache (one query) or, when one was evicted, rendered
    again. Served from the cache, rendered anew or mended, the page is the same."""
    from django.core.cache import cache

    from accord.web import page_cache

    other = f.make_section(plan, "Second priority", number="2")
    f.make_item(section, what="Mapping of partners")
    f.make_item(other, what="Workshop on ocean science")
    client = Client()
    client.force_login(secretariat)
    path = reverse("plans:plan", args=[network.slug, plan.pk])
    stored: dict[str, str] = {}
    bodies: list[str] = []
    set_and_delete, set_many = page_cache.cache.set_and_delete, page_cache.cache.set_many

    def keep_one(key, value, *args, **kwargs):  # a built body, stored as its builder's mark is lifted
        bodies.append(value)
        return set_and_delete(key, value, *args, **kwargs)

    def keep_many(values, *args, **kwargs):
        stored.update(values)
        return set_many(values, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set_and_delete", keep_one, raising=False)
    monkeypatch.setattr(page_cache.cache, "set_many", keep_many)
    cache.clear()
    built = client.get(path).content.decode()
    sections = [v for v in stored.values() if 'class="priority"' in v]
    tab = next((b for b in bodies if "<!--sec" in b), "")  # the tab's body (the Trio line is stored apart)
    assert len(sections) == 2 and tab.count("<!--sec") == 2
    assert "Workshop" not in tab and "Mapping" not in tab and 'class="priority"' not in tab
    assert "Mapping of partners" in built and "Workshop on ocean science" in built
    served = client.get(path).content.decode()
    evicted = next(key for key, value in stored.items() if "Workshop" in value)
    cache.delete(evicted)
    mended = client.get(path).content.decode()

    def same(html: str) -> str:  # the CSRF token is masked anew on every response
        import re

        return re.sub(r"\b[A-Za-z0-9]{64}\b", "token", html)

    assert same(served) == same(built) == same(mended)
    assert cache.get(evicted) is not None  # rendered again and stored


# The pages across plans: keyed on what they show --------------------------------------------------------------


@pytest.fixture
def rebuilt(monkeypatch):
    """The bodies rendered (cache misses) since the list was last emptied, by template."""
    from accord.web import page_cache

    built: list[str] = []
    original = page_cache.render

    def render(request, template, context):
        built.append(template)
        return original(request, template, context)

    monkeypatch.setattr(page_cache, "render", render)
    return built


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _across_plans(network, org) -> list[str]:
    return [
        reverse("workspace:home"),
        reverse("workspace:network", args=[network.slug]),
        reverse("plans:plans", args=[network.slug]),
        reverse("network:organisation", args=[network.slug, org.slug]),
        reverse("workspace:workload", args=[network.slug]),
        reverse("workspace:calendar", args=[network.slug]) + "?month=2021-10",
        reverse("search:search") + "?q=mapping",
    ]


def test_a_comment_rebuilds_no_page_across_plans(network, plan, section, orgs, zsi_editor, rebuilt):
    item = f.make_item(section, what="Mapping of partners", owners=[orgs["ZSI"]], end=dt.date.today())
    client = _client(zsi_editor)
    pages = _across_plans(network, orgs["ZSI"])
    for path in pages:
        assert client.get(path).status_code == 200
    rebuilt.clear()
    plan_actions.do_add_comment(zsi_editor, item, "Draft sent to the partners")
    for path in pages:
        assert client.get(path).status_code == 200
    # Only My work's recent changes (keyed on the network's activity version, which every audit entry bumps).
    assert rebuilt == ["workspace/dashboard_changes.html"]
    rebuilt.clear()
    assert "Draft sent to the partners" in client.get(pages[0]).content.decode()
    assert rebuilt == []


def test_an_edit_rebuilds_the_pages_that_show_its_organisation_and_plan_not_others(
    network, other_network, plan, section, orgs, zsi_editor, make_member, rebuilt
):
    soon = dt.date.today() + dt.timedelta(days=3)
    ours = f.make_item(section, what="Mapping of partners", owners=[orgs["ZSI"]], end=soon)
    f.make_item(section, what="Survey of funders", owners=[orgs["CNRS"]], end=soon)
    elsewhere = f.make_section(f.make_plan(other_network, title="Their programme"), "Theirs")
    f.make_item(elsewhere, what="Their own line", end=soon)
    cnrs_editor = make_member(NetworkRole.MEMBER_EDITOR, orgs["CNRS"])
    f.grant(cnrs_editor, other_network, NetworkRole.VIEWER)
    zsi, cnrs = _client(zsi_editor), _client(cnrs_editor)
    watched = {
        "ZSI's My work": (zsi, reverse("workspace:home")),
        "ZSI's page": (cnrs, reverse("network:organisation", args=[network.slug, orgs["ZSI"].slug])),
        "CNRS's My work": (cnrs, reverse("workspace:home")),
        "CNRS's page": (cnrs, reverse("network:organisation", args=[network.slug, orgs["CNRS"].slug])),
        "plans": (cnrs, reverse("plans:plans", args=[network.slug])),
        "the other network's home": (cnrs, reverse("workspace:network", args=[other_network.slug])),
    }
    for client, path in watched.values():
        assert client.get(path).status_code == 200
    plan_actions.do_edit_item(zsi_editor, ours, status="in_progress", progress_note="Halfway")
    again = {}
    for name, (client, path) in watched.items():
        rebuilt.clear()
        html = client.get(path).content.decode()
        # My work's current-plan cards (the plan's counts) and recent changes move with any edit in the plan.
        again[name] = bool(set(rebuilt) - {"workspace/dashboard_cards.html", "workspace/dashboard_changes.html"})
        if name in ("ZSI's My work", "ZSI's page"):
            assert "in progress" in html
    assert again == {
        "ZSI's My work": True,
        "ZSI's page": True,
        "CNRS's My work": False,
        "CNRS's page": False,
        "plans": True,  # shows each plan's progress
        "the other network's home": False,
    }


def test_taking_an_open_call_shows_on_everyones_my_work(network, plan, section, orgs, zsi_editor, make_member, rebuilt):
    f.make_item(section, what="Ocean literacy toolkit", open_call=True, end=dt.date.today() + dt.timedelta(days=9))
    cnrs = _client(make_member(NetworkRole.MEMBER_EDITOR, orgs["CNRS"]))
    home = reverse("workspace:home")
    calls = cnrs.get(home).content.decode().split('id="open-calls"')[1].split("</section>")[0]
    assert "Ocean literacy toolkit" in calls
    rebuilt.clear()
    plan_actions.do_take_open_call(zsi_editor, Item.objects.get(what="Ocean literacy toolkit"))
    calls = cnrs.get(home).content.decode().split('id="open-calls"')[1].split("</section>")[0]
    assert "Ocean literacy toolkit" not in calls
    # CNRS owns nothing that changed: only the open calls, the current plan's card (its count of owners wanted)
    # and the recent changes were rendered again, not the body.
    assert sorted(rebuilt) == [
        "workspace/dashboard_calls.html",
        "workspace/dashboard_cards.html",
        "workspace/dashboard_changes.html",
    ]


def test_changing_owners_bumps_the_organisations_before_and_after(network, plan, section, orgs, secretariat):
    item = f.make_item(section, what="Mapping of partners", owners=[orgs["ZSI"]])

    def work() -> tuple[int, ...]:
        return tuple(Organisation.objects.get(pk=orgs[n].pk).work_version for n in ("ZSI", "CNRS", "VUB"))

    zsi, cnrs, vub = work()
    plan_actions.do_set_item_owners(secretariat, item, [orgs["CNRS"]])
    assert work() == (zsi + 1, cnrs + 1, vub)
    plan_actions.do_delete_item(secretariat, Item.objects.get(pk=item.pk))
    assert work() == (zsi + 1, cnrs + 2, vub)


def test_a_plan_renamed_or_a_section_deleted_bumps_the_networks_own_records(network, plan, section, secretariat):
    f.make_item(section, what="Mapping of partners")
    before = versions(network)[0][0]
    plan_actions.do_update_plan(secretariat, plan, title="Work Programme 2021")
    assert versions(network)[0][0] == before + 1
    plan_actions.do_delete_section(secretariat, section)
    assert versions(network)[0][0] == before + 2
