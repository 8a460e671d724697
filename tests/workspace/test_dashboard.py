"""My work (/): what the person and their organisation owe, open calls to take, events and recent changes."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accord.audit.actors import SYSTEM
from accord.events.actions import do_create_event
from accord.network.models import NetworkRole
from accord.plans.actions import do_update_item
from accord.plans.models import Item, ItemOwner, ItemStatus
from accord.testing import factories as f

TODAY = timezone.localdate()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def current(network):
    plan = f.make_plan(network, title="Current Work Programme", start=days(-90), end=days(90))
    return f.make_section(plan, "Priority one", number="1")


def html_of(client, user):
    client.force_login(user)
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 200
    return response.content.decode()


def section_of(html: str, heading_id: str) -> str:
    """The HTML of one dashboard section, from its heading to the next section."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else None]


def test_lists_what_my_organisation_owes(client, current, orgs, zsi_editor):
    f.make_item(current, what="Late report", owners=[orgs["ZSI"]], start=days(-20), end=days(-3))
    f.make_item(current, what="Newsletter draft", owners=[orgs["ZSI"], orgs["CNRS"]], start=days(2), end=days(9))
    f.make_item(current, what="Other org's deadline", owners=[orgs["CNRS"]], start=days(2), end=days(9))
    f.make_item(current, what="Far away", owners=[orgs["ZSI"]], start=days(60), end=days(70))
    f.make_item(current, what="Finished late", owners=[orgs["ZSI"]], end=days(-3), status=ItemStatus.DONE)
    f.make_item(
        current,
        what="Maybe a webinar",
        owners=[orgs["ZSI"]],
        start=days(40),
        end=days(40),
        tentative=True,
        when_text="May (tbc)",
    )
    html = html_of(client, zsi_editor)
    overdue, due = section_of(html, "overdue-h"), section_of(html, "due-h")
    assert "Late report" in overdue and "Finished late" not in overdue and "Newsletter draft" not in overdue
    assert "Newsletter draft" in due and "Other org's deadline" not in unescape(due) and "Far away" not in due
    assert "Maybe a webinar" in section_of(html, "tbc-h")
    assert "Current Work Programme" in html and "ZSI" in html


def test_someone_without_an_organisation_sees_the_whole_network(client, network, current, orgs, make_member):
    f.make_item(current, what="Other org's deadline", owners=[orgs["CNRS"]], start=days(2), end=days(9))
    secretariat = make_member(NetworkRole.SECRETARIAT)
    assert "Other org's deadline" in unescape(section_of(html_of(client, secretariat), "due-h"))


def test_another_networks_work_does_not_show(client, other_network, orgs, zsi_editor):
    plan = f.make_plan(other_network, title="Their programme", start=days(-10), end=days(10))
    section = f.make_section(plan)
    f.make_item(section, what="Their late item", owners=[orgs["ZSI"]], end=days(-2))
    f.make_item(section, what="Their open call", open_call=True)
    do_create_event(SYSTEM, other_network, title="Their assembly", start=days(3), end=days(3))
    html = html_of(client, zsi_editor)
    assert "Their late item" not in html and "Their open call" not in html and "Their assembly" not in html
    assert "Their programme" not in html


def test_open_call_can_be_taken_in_one_click(client, network, current, orgs, zsi_editor):
    item = f.make_item(current, what="Stakeholder mapping", open_call=True, who_text="Any volunteers?")
    html = html_of(client, zsi_editor)
    calls = section_of(html, "calls-h")
    take = reverse("plans:item_take", args=[network.slug, item.pk])
    assert "Stakeholder mapping" in calls and f'action="{take}"' in calls and "We'll take it" in calls
    response = client.post(take, {"next": reverse("workspace:home")})
    assert response.status_code == 302 and response["Location"] == reverse("workspace:home")
    item.refresh_from_db()
    assert not item.open_call and [o.organisation_id for o in item.owners.all()] == [orgs["ZSI"].pk]
    after = client.get(reverse("workspace:home")).content.decode()
    assert "Stakeholder mapping" not in section_of(after, "calls-h")
    assert "Stakeholder mapping" in after  # now in recent changes, taken by ZSI


def test_a_viewer_sees_open_calls_without_the_button(client, current, make_member):
    f.make_item(current, what="Stakeholder mapping", open_call=True)
    calls = section_of(html_of(client, make_member(NetworkRole.VIEWER)), "calls-h")
    assert "Stakeholder mapping" in calls and "take it" not in calls


def test_events_and_recent_changes(client, network, current, orgs, zsi_editor):
    do_create_event(SYSTEM, network, title="General Assembly", start=days(5), end=days(6), when_text="next week")
    do_create_event(SYSTEM, network, title="Last year's assembly", start=days(-400), end=days(-399))
    item = f.make_item(current, what="Website update", owners=[orgs["ZSI"]])
    do_update_item(SYSTEM, item, status=ItemStatus.IN_PROGRESS)
    html = html_of(client, zsi_editor)
    events = section_of(html, "events-h")
    assert "General Assembly" in events and "next week" in events and "Last year" not in events
    assert "Website update" in section_of(html, "changes-h")


def test_coming_events_are_those_not_over_in_the_order_they_begin(client, network, current, zsi_editor):
    """An event is coming while its last day (its end, else its start) is today or later: one going on since last
    week is listed, one over yesterday is not, an undated one is not; they are listed by their first day (an event
    known only by its end by that day), on My work and on the network home."""
    made = [
        ("Going on", {"start": days(-7), "end": days(2)}),
        ("Ends today", {"start": days(-3), "end": days(0)}),
        ("Starts in a week", {"start": days(7)}),
        ("Known by its end", {"end": days(4)}),
        ("Tomorrow", {"start": days(1), "end": days(1)}),
        ("Over yesterday", {"start": days(-9), "end": days(-1)}),
        ("Started long ago", {"start": days(-800)}),
        ("Undated", {}),
    ]
    for title, when in made:
        do_create_event(SYSTEM, network, title=title, **when)
    listed = ["Going on", "Ends today", "Tomorrow", "Known by its end", "Starts in a week"]
    for html, heading in [
        (html_of(client, zsi_editor), "events-h"),
        (client.get(reverse("workspace:network", args=[network.slug])).content.decode(), "coming-h"),
    ]:
        events = section_of(html, heading)
        shown = [title for title, _when in made if title in events]
        assert sorted(shown, key=events.index) == listed, heading


def test_empty_states_say_what_to_do(client, network, zsi_editor):
    html = html_of(client, zsi_editor)
    assert "No plans yet: import a work programme." in html
    assert "Nothing overdue" in html and "No open calls" in html and "No upcoming events" in html


def test_someone_without_a_network_is_told_what_to_do(client, db):
    html = html_of(client, f.make_user())
    assert "You do not belong to a network yet" in html


def _bulk_items(section, org, n: int) -> None:
    """Many items at once (speed; the actions are tested elsewhere): late, due, tentative and open calls."""
    items = Item.objects.bulk_create(
        [
            Item(
                plan=section.plan,
                section=section,
                what=f"Bulk item {i}",
                order=100 + i,
                start=days(i % 60 - 30),
                end=days(i % 60 - 28),
                tentative=i % 7 == 0,
                open_call=i % 5 == 0,
            )
            for i in range(n)
        ]
    )
    ItemOwner.objects.bulk_create(
        [ItemOwner(item=it, position=0, organisation=org) for it in items if not it.open_call]
    )


def _dashboard_queries(client) -> int:
    cache.clear()  # the cost of building the page, not of reading it from the cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("workspace:home")).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_data(client, network, other_network, current, orgs, zsi_editor):
    f.grant(zsi_editor, other_network, NetworkRole.VIEWER)
    do_create_event(SYSTEM, network, title="Assembly", start=days(3), end=days(3))
    _bulk_items(current, orgs["ZSI"], 10)
    client.force_login(zsi_editor)
    small = _dashboard_queries(client)
    _bulk_items(current, orgs["ZSI"], 1000)
    for i in range(30):
        do_create_event(SYSTEM, network, title=f"Event {i}", start=days(i), end=days(i))
    assert _dashboard_queries(client) == small
    assert small <= 13  # each list counts its rows in its own query (a window count)


def test_the_page_is_cached_until_something_changes(
    client, network, current, orgs, zsi_editor, django_assert_max_num_queries
):
    item = f.make_item(current, what="Website update", owners=[orgs["ZSI"]], start=days(1), end=days(2))
    html_of(client, zsi_editor)
    # session, user, networks (their versions and their current plans'), roles and the versions of the plans
    # seen; the live parts (cards, open calls, recent changes) are cached on versions too
    with django_assert_max_num_queries(5):
        assert "Website update" in client.get(reverse("workspace:home")).content.decode()
    do_update_item(SYSTEM, item, what="Website relaunch")
    html = client.get(reverse("workspace:home")).content.decode()
    assert "Website relaunch" in html and "Website update" not in section_of(html, "due-h")


def test_a_cached_page_carries_each_visitors_own_csrf_token(client, network, current, zsi_editor):
    item = f.make_item(current, what="Stakeholder mapping", open_call=True)
    html_of(client, zsi_editor)  # cached now, rendered for another browser
    other = type(client)(enforce_csrf_checks=True)
    other.force_login(zsi_editor)
    html = other.get(reverse("workspace:home")).content.decode()
    assert "__accord_csrf_token__" not in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    take = reverse("plans:item_take", args=[network.slug, item.pk])
    assert other.post(take, {"next": "/"}).status_code == 403  # no token: refused
    assert other.post(take, {"next": "/", "csrfmiddlewaretoken": token}).status_code == 302
    item.refresh_from_db()
    assert not item.open_call


# Network home: how the current plan is going and what is coming up -------------------------------------------


def test_network_home_shows_how_the_plan_is_going_and_what_is_coming(client, network, current, orgs, zsi_editor):
    f.make_item(current, what="Done thing", status=ItemStatus.DONE, end=days(-5))
    f.make_item(current, what="Late thing", end=days(-5))
    f.make_item(current, what="Soon thing", owners=[orgs["CNRS"]], start=days(3), end=days(10), when_text="next week")
    f.make_item(current, what="Far thing", start=days(50), end=days(60))
    f.make_item(current, what="Wanted thing", open_call=True)
    do_create_event(SYSTEM, network, title="Board meeting", start=days(5), end=days(5), place="Vienna")
    client.force_login(zsi_editor)
    html = client.get(reverse("workspace:network", args=[network.slug])).content.decode()
    going = section_of(html, "going-h")
    assert "Current Work Programme" in going
    counts = dict(re.findall(r'<span class="chip (\w+)">[^<]+</span></th><td>(\d+)</td>', going))
    assert counts == {"planned": "4", "in_progress": "0", "done": "1", "dropped": "0", "carried_over": "0"}
    assert re.search(r"Overdue</th><td>1<", going) and re.search(r"Owner wanted</th><td>1<", going)
    coming = section_of(html, "coming-h")
    assert "Soon thing" in coming and "next week" in coming and "Board meeting" in coming and "Vienna" in coming
    assert "Far thing" not in coming and "Late thing" not in coming


def test_network_home_coming_up_for_visitors_of_a_public_network(client, db):
    net = f.make_network("Open Alliance", is_public=True)
    do_create_event(SYSTEM, net, title="Open day", start=days(5), end=days(5), is_public=True)
    do_create_event(SYSTEM, net, title="Board dinner", start=days(5), end=days(5))
    coming = section_of(client.get(reverse("workspace:network", args=[net.slug])).content.decode(), "coming-h")
    assert "Open day" in coming and "Board dinner" not in coming


def test_network_home_query_count_is_bounded(client, network, current, orgs, zsi_editor):
    do_create_event(SYSTEM, network, title="Assembly", start=days(3), end=days(3))
    f.make_item(current, what="Soon thing", owners=[orgs["CNRS"]], start=days(3), end=days(10))
    _bulk_items(current, orgs["ZSI"], 10)
    client.force_login(zsi_editor)
    url = reverse("workspace:network", args=[network.slug])

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = queries()
    _bulk_items(current, orgs["ZSI"], 500)
    for i in range(20):
        f.make_plan(network, title=f"Old plan {i}", start=dt.date(2000 + i, 1, 1), end=dt.date(2000 + i, 6, 30))
    # session, user, roles, the plans' versions; the current plan with its counts, coming items, their owners,
    # coming events; the plans' rows and their counts; the chair terms
    assert queries() == small <= 11


def test_each_list_holds_the_first_rows_of_its_own_condition_and_counts_them(network, current, orgs, zsi_editor):
    """The due, overdue and tentative lists: each the first rows meeting its own condition in its own order (an
    item in several lists is in each), with a count of its own rows, and only what the organisation owes."""
    from accord.network.queries import networks_for
    from accord.workspace import queries

    zsi = orgs["ZSI"]
    for i in range(8):
        f.make_item(current, what=f"Soon {i}", owners=[zsi], end=days(i + 1), tentative=i % 2 == 0)
        f.make_item(current, what=f"Late {i}", owners=[zsi], end=days(-i - 1), tentative=i == 3)
    f.make_item(current, what="Someone else's", owners=[orgs["CNRS"]], end=days(2))
    work = queries.my_work(zsi_editor, list(networks_for(zsi_editor)), TODAY, size=3, live=False)
    assert [str(i) for i in work.due_soon] == ["Soon 0", "Soon 1", "Soon 2"]
    assert [str(i) for i in work.overdue] == ["Late 0", "Late 1", "Late 2"]
    assert [str(i) for i in work.tentative] == ["Soon 0", "Soon 2", "Soon 4"]  # a late one is no longer tentative
    assert work.counts == {"due_soon": 8, "overdue": 8, "tentative": 4}


@pytest.mark.parametrize("role", [*NetworkRole.values, "superuser", "outsider"])
def test_the_sight_of_the_persons_networks_agrees_with_the_content_rule(
    network, other_network, orgs, role, superuser, outsider
):
    """sight_of (each network's content_sight, together) selects in the person's networks what visible_items and
    visible_events select there, for every role: the pages across networks read with it."""
    from accord.events.models import Event
    from accord.events.permissions import visible_events
    from accord.network.permissions import content_q, forget_access
    from accord.plans.permissions import items_q, visible_items
    from accord.workspace import queries

    public = f.make_network("Open Alliance", is_public=True)
    for net in (network, other_network, public):
        for is_public in (False, True):
            plan = f.make_plan(net, title=f"{net.slug} {is_public}", is_public=is_public)
            f.make_item(f.make_section(plan), what=f"{net.slug} {is_public}")
            do_create_event(SYSTEM, net, title=f"{net.slug} {is_public}", start=days(1), is_public=is_public)
    if role == "superuser":
        user = superuser
    elif role == "outsider":
        user = outsider
    else:
        user = f.make_user()
        f.grant(user, network, role, orgs["ZSI"])
        f.grant(user, public, NetworkRole.VIEWER)
    forget_access(user)
    networks = queries.person_networks(user, TODAY)
    ids = [n.pk for n in networks]
    sight = queries.sight_of(user, networks)
    items = Item.objects.filter(items_q(**sight.values()), plan__network_id__in=ids)
    assert set(items) == set(visible_items(user).filter(plan__network_id__in=ids))
    events = Event.objects.filter(content_q(**sight.values()), network_id__in=ids)
    assert set(events) == set(visible_events(user).filter(network_id__in=ids))
    assert items.exists() and events.exists()
