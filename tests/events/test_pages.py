"""Event pages: an event shows its time as written, place or link, audience, parent and sessions, and linked
items; the secretariat creates, edits and links them; calendar links point at these pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.events import actions
from accord.events.models import Event, ItemEvent
from accord.network.models import NetworkRole
from accord.testing import factories as f
from accord.workspace.calendar_grid import entries_from
from accord.workspace.queries import calendar_entries

D = dt.date


@pytest.fixture
def conference(network):
    return actions.do_create_event(
        SYSTEM,
        network,
        title="Open Conference",
        kind="conference",
        when_text="23–25 March 2027",
        start=D(2027, 3, 23),
        end=D(2027, 3, 25),
        precision="days",
        place="Vienna",
        audience="Members and partners",
        online_url="https://meet.example.org/open",
    )


def state() -> tuple:
    return (
        list(Event.objects.order_by("pk").values_list("title", "parent_id", "when_text")),
        ItemEvent.objects.count(),
        AuditEntry.objects.count(),
    )


def test_event_page_shows_time_as_written_place_link_audience_sessions_and_items(
    client, network, conference, section, viewer
):
    session = actions.do_create_event(
        SYSTEM,
        network,
        title="Panel on ocean data",
        parent=conference,
        when_text="24 March",
        start=D(2027, 3, 24),
        end=D(2027, 3, 24),
    )
    item = f.make_item(section, what="Draft the conference report")
    actions.do_link_item_event(SYSTEM, item, conference, "follows")
    client.force_login(viewer)
    page = client.get(f"/n/{network.slug}/events/{conference.pk}/").content.decode()
    for text in (
        "23–25 March 2027",
        "Vienna",
        "https://meet.example.org/open",
        "Members and partners",
        "Panel on ocean data",
        "Draft the conference report",
        "follows up",
    ):
        assert text in page, text
    assert "Edit" not in page  # a viewer reads
    child = client.get(f"/n/{network.slug}/events/{session.pk}/").content.decode()
    assert "Part of" in child and "Open Conference" in child


def test_event_page_queries_do_not_grow_with_sessions_and_links(client, network, conference, section, secretariat):
    client.force_login(secretariat)
    url = f"/n/{network.slug}/events/{conference.pk}/"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    def grow(n: int) -> None:
        for _ in range(n):
            actions.do_create_event(SYSTEM, network, title="Session", parent=conference)
            actions.do_link_item_event(SYSTEM, f.make_item(section), conference)

    grow(2)
    small = count()
    grow(8)
    assert count() == small <= 14
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/n/{network.slug}/events/").status_code == 200
    assert len(ctx) <= 10


def test_creating_an_event_and_a_session_through_the_form(client, network, conference, secretariat):
    client.force_login(secretariat)
    response = client.post(
        f"/n/{network.slug}/events/new/",
        {
            "title": "Winter school",
            "kind": "training",
            "when": "early December 2026",
            "place": "Tromsø",
            "audience": "Early-career researchers",
        },
    )
    event = Event.objects.get(title="Winter school")
    assert response.status_code == 302 and response["Location"] == f"/n/{network.slug}/events/{event.pk}/"
    assert event.when_text == "early December 2026" and event.start == D(2026, 12, 1)
    form = client.get(f"/n/{network.slug}/events/new/?parent={conference.pk}").content.decode()
    assert f'<option value="{conference.pk}" selected>' in form
    client.post(
        f"/n/{network.slug}/events/new/",
        {"title": "Workshop A", "kind": "workshop", "when": "24 March", "parent": conference.pk},
    )
    session = Event.objects.get(title="Workshop A")
    assert session.parent == conference and session.start == D(2027, 3, 24)  # read in the conference's days


def test_event_form_errors_are_clear_and_change_nothing(client, network, conference, secretariat):
    client.force_login(secretariat)
    before = state()
    response = client.post(
        f"/n/{network.slug}/events/new/",
        {"title": "", "kind": "meeting", "when": "whenever suits", "online_url": "not a url"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required" in page and "not a time Accord can read" in page and "valid URL" in page
    assert state() == before


def test_editing_linking_unlinking_and_deleting(client, network, conference, section, secretariat):
    item = f.make_item(section, what="Prepare the conference")
    client.force_login(secretariat)
    base = f"/n/{network.slug}/events/{conference.pk}"
    client.post(
        f"{base}/edit/",
        {
            "title": "Open Conference 2027",
            "kind": "conference",
            "when": "23–25 March 2027",
            "place": "Vienna and online",
        },
    )
    conference.refresh_from_db()
    assert conference.title == "Open Conference 2027" and conference.place == "Vienna and online"
    client.post(f"{base}/links/", {"item": item.pk, "relation": "prepares"})
    link = ItemEvent.objects.get(event=conference)
    item_page = client.get(f"/n/{network.slug}/items/{item.pk}/").content.decode()
    assert f'href="/n/{network.slug}/events/{conference.pk}/"' in item_page
    client.post(f"{base}/links/{link.pk}/remove/")
    assert not ItemEvent.objects.filter(event=conference).exists()
    client.post(f"{base}/edit/", {"delete": "1"})
    assert not Event.objects.filter(pk=conference.pk).exists()


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER_EDITOR])
def test_members_cannot_create_edit_or_link_events(client, network, conference, section, make_member, orgs, role):
    user = make_member(role, orgs["ZSI"] if role == NetworkRole.MEMBER_EDITOR else None)
    item = f.make_item(section)
    client.force_login(user)
    before = state()
    base = f"/n/{network.slug}/events"
    assert client.get(f"{base}/new/").status_code == 403
    assert client.post(f"{base}/new/", {"title": "X", "kind": "meeting"}).status_code == 403
    assert client.post(f"{base}/{conference.pk}/edit/", {"title": "X", "kind": "meeting"}).status_code == 403
    assert client.post(f"{base}/{conference.pk}/links/", {"item": item.pk, "relation": "at"}).status_code == 403
    assert state() == before
    link = actions.do_link_item_event(SYSTEM, item, conference)
    before = state()
    for write in (
        lambda: actions.do_update_event(user, conference, title="X"),
        lambda: actions.do_create_event(user, network, title="X"),
        lambda: actions.do_unlink_item_event(user, link),
        lambda: actions.do_delete_event(user, conference),
    ):
        with pytest.raises(PermissionDenied):
            write()
    assert state() == before


def test_a_session_belongs_to_a_top_level_event_of_the_same_network(network, other_network, conference):
    session = actions.do_create_event(SYSTEM, network, title="Session", parent=conference)
    foreign = actions.do_create_event(SYSTEM, other_network, title="Elsewhere")
    before = state()
    with pytest.raises(ValidationError, match="itself a session"):
        actions.do_create_event(SYSTEM, network, title="Nested", parent=session)
    with pytest.raises(ValidationError, match="same network"):
        actions.do_create_event(SYSTEM, network, title="Foreign", parent=foreign)
    with pytest.raises(ValidationError, match="part of itself"):
        actions.do_update_event(SYSTEM, conference, parent=conference)
    assert state() == before


def test_calendar_and_network_links_point_at_event_pages(client, network, conference, viewer):
    items, events = calendar_entries(viewer, network, D(2027, 3, 1), D(2027, 3, 31))
    entries = [e for e in entries_from(network.slug, items, events) if e.kind == "event"]
    assert entries[0].url == f"/n/{network.slug}/events/{conference.pk}/"
    assert conference.get_absolute_url() == entries[0].url
    client.force_login(viewer)
    page = client.get(f"/n/{network.slug}/calendar/?month=2027-03").content.decode()
    assert f"/n/{network.slug}/events/{conference.pk}/" in page and "#event-" not in page


def test_private_events_are_hidden_from_anonymous_visitors_of_a_public_network(client, network, conference):
    from accord.network import actions as net_actions

    net_actions.do_update_network(SYSTEM, network, is_public=True)
    public = actions.do_create_event(SYSTEM, network, title="Public talk", is_public=True)
    assert client.get(f"/n/{network.slug}/events/{public.pk}/").status_code == 200
    assert client.get(f"/n/{network.slug}/events/{conference.pk}/").status_code == 404
    assert "Open Conference" not in client.get(f"/n/{network.slug}/events/").content.decode()


def test_editing_an_event_keeps_the_dates_its_unchanged_words_were_read_as(client, network, secretariat):
    event = actions.do_create_event(
        SYSTEM,
        network,
        title="Board",
        when_text="early December",
        start=D(2024, 12, 1),
        end=D(2024, 12, 10),
        precision="days",
    )
    client.force_login(secretariat)
    client.post(
        f"/n/{network.slug}/events/{event.pk}/edit/",
        {"title": "Board meeting", "kind": "meeting", "when": "early December"},
    )
    event.refresh_from_db()
    assert event.title == "Board meeting" and (event.start, event.end) == (D(2024, 12, 1), D(2024, 12, 10))


def test_a_public_event_lists_only_the_linked_items_the_visitor_may_see(client, network):
    """A public event of a public network may prepare work in a private plan: that item stays hidden from
    anonymous visitors, and shows to the network's people."""
    from accord.network import actions as net_actions

    net_actions.do_update_network(SYSTEM, network, is_public=True)
    talk = actions.do_create_event(SYSTEM, network, title="Public talk", is_public=True)
    public = f.make_section(f.make_plan(network, title="Public plan", is_public=True))
    private = f.make_section(f.make_plan(network, title="Internal plan"))
    actions.do_link_item_event(SYSTEM, f.make_item(public, what="Invite the speakers"), talk)
    actions.do_link_item_event(SYSTEM, f.make_item(private, what="Negotiate the speaker fee"), talk)
    html = client.get(f"/n/{network.slug}/events/{talk.pk}/").content.decode()
    assert "Invite the speakers" in html and "Negotiate the speaker fee" not in html
    viewer = f.make_user()
    f.grant(viewer, network, NetworkRole.VIEWER)
    client.force_login(viewer)
    assert "Negotiate the speaker fee" in client.get(f"/n/{network.slug}/events/{talk.pk}/").content.decode()
