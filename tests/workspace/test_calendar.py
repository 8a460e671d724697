"""The network calendar: a month grid and an agenda of items and events, readable without JavaScript."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accord.audit.actors import SYSTEM
from accord.events.actions import do_create_event
from accord.network.models import NetworkRole
from accord.testing import factories as f
from accord.workspace.calendar_grid import Entry, lay_out, month_bounds

NOV = {"month": "2021-11"}


@pytest.fixture
def autumn(network, section):
    f.make_item(
        section,
        what="General Assembly preparation",
        when_text="Last week of November / early December",
        start=dt.date(2021, 11, 22),
        end=dt.date(2021, 12, 3),
        precision="days",
    )
    f.make_item(
        section,
        what="Stakeholder mapping",
        when_text="Ongoing",
        start=dt.date(2021, 7, 1),
        end=dt.date(2021, 12, 31),
        recurrence="ongoing",
        precision="period",
    )
    f.make_item(
        section,
        what="Newsletter",
        when_text="10 November",
        start=dt.date(2021, 11, 10),
        end=dt.date(2021, 11, 10),
        precision="day",
    )
    f.make_item(section, what="Undated idea", when_text="")
    f.make_item(section, what="January retreat", start=dt.date(2022, 1, 12), end=dt.date(2022, 1, 13))
    do_create_event(
        SYSTEM,
        network,
        title="InsSciDE Open Conference",
        start=dt.date(2021, 11, 23),
        end=dt.date(2021, 11, 24),
        when_text="23-24/11/2021",
        place="Lisbon",
    )


def get(client, network, **params):
    response = client.get(reverse("workspace:calendar", args=[network.slug]), params)
    assert response.status_code == 200
    return response.content.decode()


def cell(html: str, day: str) -> str:
    """The HTML of one day's cell in the month grid."""
    start = html.index(f'<time datetime="{day}">')
    return html[start : html.index("</td>", start)]


def test_month_grid_places_items_and_events_on_their_days(client, network, autumn, viewer):
    client.force_login(viewer)
    html = get(client, network, **NOV)
    assert "November 2021" in html
    assert "Newsletter" in cell(html, "2021-11-10")
    assert "InsSciDE Open Conference" in cell(html, "2021-11-23")
    assert "General Assembly preparation" in cell(html, "2021-11-22")
    # A span is shown once per week row, not on every day it covers.
    assert "General Assembly preparation" not in cell(html, "2021-11-23")
    assert "General Assembly preparation" in cell(html, "2021-11-29")  # continues into the next week row
    assert html.count("General Assembly preparation") == 2
    assert "Undated idea" not in html and "January retreat" not in html


def test_ongoing_items_are_listed_once_above_the_grid(client, network, autumn, viewer):
    client.force_login(viewer)
    html = get(client, network, **NOV)
    assert html.count("Stakeholder mapping") == 1
    assert html.index("Stakeholder mapping") < html.index('<table class="calendar">')


def test_agenda_lists_by_date_with_the_time_as_written(client, network, autumn, viewer):
    client.force_login(viewer)
    html = get(client, network, view="agenda", **NOV)
    assert '<table class="calendar">' not in html
    assert html.index("Newsletter") < html.index("General Assembly preparation") < html.index("InsSciDE")
    assert "Last week of November / early December" in html and "2021-11-22 – 2021-12-03" in html
    assert "23-24/11/2021" in html


def test_agenda_says_each_entrys_status_or_kind_in_words(client, network, section, viewer):
    """Each entry of the agenda shows its item's status or its event's kind in words, not the stored value."""
    f.make_item(section, what="Mapping", status="in_progress", start=dt.date(2021, 11, 8), end=dt.date(2021, 11, 9))
    do_create_event(SYSTEM, network, title="Assembly", kind="general_assembly", start=dt.date(2021, 11, 16))
    client.force_login(viewer)
    html = get(client, network, view="agenda", **NOV)
    assert '<span class="chip in_progress">in progress</span>' in html
    assert '<span class="chip event">general assembly</span>' in html


def test_previous_and_next_month_links(client, network, autumn, viewer):
    client.force_login(viewer)
    html = get(client, network, **NOV)
    assert 'href="?month=2021-10"' in html and 'href="?month=2021-12"' in html
    assert "January retreat" in get(client, network, month="2022-01")
    december = get(client, network, month="2021-12", view="agenda")
    assert 'href="?month=2021-11&amp;view=agenda"' in december
    assert "General Assembly preparation" in december  # still running on 1 December


def test_a_bad_month_falls_back_to_this_month(client, network, viewer):
    client.force_login(viewer)
    for bad in ("2021-13", "x", "0-0", "99999-1"):
        assert get(client, network, month=bad).count('<table class="calendar">') == 1


def test_public_network_calendar_shows_only_public_things_to_visitors(client, db):
    net = f.make_network("Open Alliance", is_public=True)
    public = f.make_section(f.make_plan(net, title="Public", is_public=True))
    private = f.make_section(f.make_plan(net, title="Internal"))
    day = dt.date(2021, 11, 10)
    f.make_item(public, what="Public workshop", start=day, end=day)
    f.make_item(private, what="Internal meeting", start=day, end=day)
    do_create_event(SYSTEM, net, title="Open day", start=day, end=day, is_public=True)
    do_create_event(SYSTEM, net, title="Board dinner", start=day, end=day)
    html = get(client, net, **NOV)
    assert "Public workshop" in html and "Open day" in html
    assert "Internal meeting" not in html and "Board dinner" not in html


def test_private_calendar_needs_sign_in_and_another_network_is_hidden(client, network, other_network, make_member):
    url = reverse("workspace:calendar", args=[network.slug])
    assert client.get(url).status_code == 302
    client.force_login(make_member(NetworkRole.ADMIN, net=other_network))
    assert client.get(url).status_code == 404


def test_titles_are_escaped(client, network, section, viewer):
    f.make_item(section, what="<b>bold</b>", start=dt.date(2021, 11, 3), end=dt.date(2021, 11, 3))
    client.force_login(viewer)
    html = get(client, network, **NOV)
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_query_count_is_bounded(client, network, section, viewer, django_assert_max_num_queries):
    for i in range(40):
        day = dt.date(2021, 11, 1 + i % 28)
        f.make_item(section, what=f"Item {i}", start=day, end=day, owners=["ZSI"])
        do_create_event(SYSTEM, network, title=f"Event {i}", start=day, end=day)
    client.force_login(viewer)
    with django_assert_max_num_queries(6):  # session, user, roles and network, plans versions, items, events
        get(client, network, **NOV)


def test_layout_weeks_start_on_monday_and_cover_the_month():
    first, last = month_bounds(2021, 11)
    month = lay_out(first, last, [], dt.date(2021, 11, 15))
    assert month.weeks[0][0].date == dt.date(2021, 11, 1) and month.weeks[-1][-1].date == dt.date(2021, 12, 5)
    assert all(len(week) == 7 for week in month.weeks)
    assert [d.date.day for d in month.weeks[2] if d.is_today] == [15]
    assert (month.previous, month.next) == (dt.date(2021, 10, 1), dt.date(2021, 12, 1))


def test_layout_a_span_crossing_the_month_start_sits_on_the_first():
    first, last = month_bounds(2021, 12)
    span = Entry("item", "GA", "/x", "", "", dt.date(2021, 11, 29), dt.date(2021, 12, 2), False)
    month = lay_out(first, last, [span], dt.date(2021, 12, 1))
    placed = [(d.date, p.continues_before) for w in month.weeks for d in w for p in d.placed]
    assert placed == [(dt.date(2021, 12, 1), True)]
    assert [day for day, _ in month.agenda] == [dt.date(2021, 12, 1)]


def test_no_javascript_is_needed(client, network, autumn, viewer):
    client.force_login(viewer)
    html = get(client, network, **NOV)
    main = html[html.index("<main") : html.index("</main>")]
    assert not re.search(r"<script|hx-get|hx-post", main)


def test_the_events_of_a_month_are_those_meeting_it(client, network, viewer):
    """An event meets the month when it ends in or after it and begins before its end: one running since October,
    one known only by its end in November, one with no end that began in October (it runs on), one over in October
    and one beginning in December are not in November; an undated one is in no month."""
    for title, when in [
        ("Since October", {"start": dt.date(2021, 10, 20), "end": dt.date(2021, 11, 5)}),
        ("Ends in November", {"end": dt.date(2021, 11, 18)}),
        ("Runs on", {"start": dt.date(2021, 10, 2)}),
        ("Over in October", {"start": dt.date(2021, 10, 1), "end": dt.date(2021, 10, 31)}),
        ("Begins in December", {"start": dt.date(2021, 12, 1), "end": dt.date(2021, 12, 2)}),
        ("Undated", {}),
    ]:
        do_create_event(SYSTEM, network, title=title, **when)
    client.force_login(viewer)
    html = get(client, network, **NOV)
    for title in ("Since October", "Ends in November", "Runs on"):
        assert title in html, title
    for title in ("Over in October", "Begins in December", "Undated"):
        assert title not in html, title


@given(st.text(max_size=90) | st.text(alphabet="e\u0301a\u0308 ", max_size=90))
def test_a_cells_title_is_cut_as_truncatechars_cuts(title):
    """A month's cell shows at most 60 characters of a title, exactly as Django's truncatechars gives it (composed
    characters, an ellipsis past the limit), short titles included, whose copy is made without a Truncator."""
    from django.utils.text import Truncator

    entry = Entry(kind="item", title=title, url="/", when_text="", interval="", start=None, end=None, tentative=False)
    assert entry.short_title == Truncator(title).chars(60)
