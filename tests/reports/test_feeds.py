"""Calendar feeds over per-user tokens: what each feed holds, who may read it, and the tokens page."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from accord.audit.actors import SYSTEM
from accord.events import actions as event_actions
from accord.events.models import FeedToken
from accord.network.models import NetworkRole, Person
from accord.testing import factories as f


@pytest.fixture
def calendar_data(network, orgs):
    public = f.make_plan(network, title="Public plan", is_public=True)
    private = f.make_plan(network, title="Private plan")
    sec, psec = f.make_section(public, "Public"), f.make_section(private, "Private")
    f.make_item(
        sec,
        "Workshop in March",
        owners=[orgs["ZSI"]],
        when_text="March 2099",
        start=dt.date(2099, 3, 1),
        end=dt.date(2099, 3, 31),
        precision="month",
    )
    f.make_item(
        sec,
        "Maybe a summer school",
        owners=[orgs["CNRS"]],
        when_text="Summer 2099 (tbc)",
        start=dt.date(2099, 6, 21),
        end=dt.date(2099, 9, 22),
        precision="season",
        tentative=True,
    )
    f.make_item(
        sec,
        "Monthly newsletter",
        owners=[orgs["ZSI"]],
        when_text="Every month",
        start=dt.date(2099, 1, 1),
        end=dt.date(2099, 12, 31),
        precision="period",
        recurrence="periodic",
    )
    f.make_item(sec, "Undated", owners=[orgs["ZSI"]])
    f.make_item(
        psec,
        "Private meeting",
        owners=[orgs["ZSI"]],
        when_text="May 2099",
        start=dt.date(2099, 5, 1),
        end=dt.date(2099, 5, 31),
        precision="month",
    )
    from accord.events.actions import do_create_event

    conf = do_create_event(
        SYSTEM,
        network,
        title="Annual conference",
        start=dt.date(2099, 4, 2),
        end=dt.date(2099, 4, 3),
        when_text="2–3 April 2099",
        is_public=True,
        place="Vienna",
    )
    do_create_event(
        SYSTEM,
        network,
        title="Opening session",
        parent=conf,
        start=dt.date(2099, 4, 2),
        end=dt.date(2099, 4, 2),
        is_public=True,
    )
    do_create_event(SYSTEM, network, title="Members' dinner", start=dt.date(2099, 4, 2), end=dt.date(2099, 4, 2))
    return network


def _token(user, network, label="test"):
    return event_actions.do_create_feed_token(user, network, label=label)


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_network_feed_has_items_as_all_day_spans_and_events_with_sessions(client, calendar_data, viewer):
    _, secret = _token(viewer, calendar_data)
    events = _feed(client, f"/n/{calendar_data.slug}/feeds/{secret}/network.ics")
    assert set(events) == {
        "Workshop in March",
        "Maybe a summer school",
        "Monthly newsletter",
        "Private meeting",
        "Annual conference",
        "Opening session",
        "Members' dinner",
    }
    workshop = events["Workshop in March"]
    assert (workshop.decoded("dtstart"), workshop.decoded("dtend")) == (dt.date(2099, 3, 1), dt.date(2099, 4, 1))
    assert "When (as written): March 2099" in str(workshop["description"])
    assert str(events["Maybe a summer school"]["status"]) == "TENTATIVE"
    newsletter = events["Monthly newsletter"]  # periodic: one event over its span, not a daily series
    assert "RRULE" not in newsletter
    assert (newsletter.decoded("dtstart"), newsletter.decoded("dtend")) == (dt.date(2099, 1, 1), dt.date(2100, 1, 1))
    session = events["Opening session"]
    assert str(session["related-to"]) == str(events["Annual conference"]["uid"])


def test_a_feed_shows_only_what_its_owner_may_see(client, calendar_data):
    calendar_data.is_public = True
    calendar_data.save()
    outsider = f.make_user()
    _, secret = _token(outsider, calendar_data)
    events = _feed(client, f"/n/{calendar_data.slug}/feeds/{secret}/network.ics")
    assert "Private meeting" not in events and "Members' dinner" not in events
    assert "Workshop in March" in events and "Annual conference" in events


def test_organisation_and_person_feeds(client, calendar_data, orgs, make_member):
    member = make_member(NetworkRole.MEMBER_EDITOR, orgs["CNRS"])
    person = Person.objects.create(name="Camille", user=member, organisation=orgs["CNRS"])
    _, secret = _token(member, calendar_data)
    zsi = _feed(client, f"/n/{calendar_data.slug}/feeds/{secret}/organisations/{orgs['ZSI'].slug}.ics")
    assert set(zsi) == {"Workshop in March", "Monthly newsletter", "Private meeting"}
    mine = _feed(client, f"/n/{calendar_data.slug}/feeds/{secret}/people/{person.pk}.ics")
    assert set(mine) == {"Maybe a summer school"}


def test_tokens_of_another_person_revoked_or_of_another_network_give_404(
    client, calendar_data, other_network, make_member, viewer
):
    other = make_member()
    person = Person.objects.create(name="Someone", user=other)
    _, secret = _token(viewer, calendar_data)
    base = f"/n/{calendar_data.slug}/feeds"
    assert client.get(f"{base}/{secret}/people/{person.pk}.ics").status_code == 404  # another person's feed
    assert client.get(f"{base}/{secret}x/network.ics").status_code == 404
    elsewhere = make_member(net=other_network)
    _, foreign = _token(elsewhere, other_network)
    assert client.get(f"{base}/{foreign}/network.ics").status_code == 404  # a token of another network
    token, revoked = _token(viewer, calendar_data)
    assert client.get(f"{base}/{revoked}/network.ics").status_code == 200
    event_actions.do_revoke_feed_token(viewer, token)
    assert client.get(f"{base}/{revoked}/network.ics").status_code == 404
    assert client.post(f"{base}/{secret}/network.ics").status_code == 405  # read-only


def test_tokens_are_long_random_and_stored_hashed(calendar_data, viewer):
    token, secret = _token(viewer, calendar_data)
    assert len(secret) >= 43  # 32 random bytes in URL-safe base64: 256 bits
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(FeedToken.objects.filter(pk=token.pk).values().first())
    from accord.audit.models import AuditEntry

    assert all(secret not in str(e.changes) for e in AuditEntry.objects.all())


def test_feed_queries_are_bounded(client, calendar_data, viewer, orgs):
    _, secret = _token(viewer, calendar_data)
    url = f"/n/{calendar_data.slug}/feeds/{secret}/network.ics"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    plan = f.make_plan(calendar_data, title="More")
    section = f.make_section(plan, "More")
    for n in range(30):
        f.make_item(
            section,
            f"Extra {n}",
            owners=[orgs["VUB"], orgs["ZSI"]],
            when_text="June 2099",
            start=dt.date(2099, 6, 1),
            end=dt.date(2099, 6, 30),
            precision="month",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries) <= 10


def test_the_tokens_page_creates_shows_once_and_revokes(client, calendar_data, viewer):
    client.force_login(viewer)
    url = f"/n/{calendar_data.slug}/feeds/"
    assert client.get(url).status_code == 200
    page = client.post(url, {"label": "Work calendar"}).content.decode()
    token = FeedToken.objects.get(user=viewer)
    assert "/network.ics" in page and "shown only once" in page
    assert "/network.ics" not in client.get(url).content.decode()
    client.post(f"/n/{calendar_data.slug}/feeds/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_another_persons_token(client, calendar_data, viewer, make_member):
    token, _secret = _token(viewer, calendar_data)
    other = make_member()
    client.force_login(other)
    assert client.post(f"/n/{calendar_data.slug}/feeds/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_tokens_page_needs_a_sign_in(client, calendar_data):
    response = client.get(f"/n/{calendar_data.slug}/feeds/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_organisation_feed_only_for_an_organisation_seen_through_the_network(
    client, calendar_data, other_network, viewer
):
    """Organisations are shared between networks: another network's organisation has no feed here (404, its name
    unsaid), as its page answers 404."""
    from accord.network.actions import do_add_membership

    theirs = f.make_organisation("Far Institute", full_name="Institute of the Far Network")
    do_add_membership(SYSTEM, other_network, theirs)
    _, secret = _token(viewer, calendar_data)
    response = client.get(f"/n/{calendar_data.slug}/feeds/{secret}/organisations/{theirs.slug}.ics")
    assert response.status_code == 404 and b"Far" not in response.content
