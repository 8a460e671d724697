"""A secretariat's week in the browser: a new network with a member organisation, a person with a role, a chair
term and a plan that is adopted and closed; an event with two sessions linked to an item; every new page
without serious accessibility violations and without horizontal scroll at 1280 and 390 px."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accord.audit.actors import SYSTEM
from accord.events import actions as event_actions
from accord.events.models import Event, ItemEvent
from accord.network import actions as net_actions
from accord.network.models import ChairTerm, GroupKind, Membership, Network, NetworkRole, Organisation, Role
from accord.plans.models import Plan, PlanStatus
from accord.testing import factories as f
from tests.browser.axe import serious_violations

SHOTS = os.environ.get("ACCORD_SCREENSHOTS")  # a folder: save each page's screenshot there to look at


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def submit(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_a_new_network_with_a_member_a_person_a_chair_term_and_a_plan_adopted_then_closed(new_page, db):
    boss = f.make_user("boss", is_superuser=True, is_staff=True)
    page = new_page(boss)
    page.goto("/")
    page.get_by_role("link", name="New network").click()
    page.get_by_label("Name", exact=True).fill("Polar Science Diplomacy Network")
    page.get_by_label("Short name").fill("Polar Network")
    page.get_by_label("Address").fill("polar")
    submit(page, "Create the network")
    expect(page.get_by_role("heading", name="Member organisations").first).to_be_visible()
    network = Network.objects.get(slug="polar")
    assert Role.objects.get(network=network, user=boss).role == NetworkRole.ADMIN

    # A member organisation, with the other names documents use for it.
    page.get_by_label("Short name").fill("IPI")
    page.get_by_label("Full name").fill("Ice and Polar Institute")
    page.get_by_label("Other names (aliases)").fill("Polar Institute\nI.P.I.")
    page.get_by_label("Country code").fill("is")
    page.get_by_label("Membership").select_option("member")
    page.get_by_label("Since").fill("2025-01-01")
    submit(page, "Add the member")
    expect(page.locator(".messages")).to_contain_text("IPI added as member")
    expect(page.locator("table.manage")).to_contain_text("Polar Institute; I.P.I.")
    ipi = Organisation.objects.get(short_name="IPI")
    assert ipi.aliases == ["Polar Institute", "I.P.I."] and Membership.objects.filter(network=network).count() == 1

    # A person with an account and a role.
    page.get_by_role("link", name="People and roles").click()
    page.get_by_label("Name", exact=True).fill("Ingrid Sørensen")
    page.get_by_label("Email").fill("ingrid@example.org")
    page.get_by_label("Organisation", exact=True).select_option(label="IPI")
    page.get_by_label("Username").fill("ingrid")
    page.get_by_label("Role", exact=True).select_option("secretariat")
    submit(page, "Add the person")
    expect(page.locator(".messages")).to_contain_text("one-time link")
    expect(page.locator("table.manage")).to_contain_text("Ingrid Sørensen")
    role = Role.objects.get(network=network, user__username="ingrid")
    assert (role.role, role.organisation) == (NetworkRole.SECRETARIAT, ipi)

    # A chair term, and the Trio it makes.
    page.get_by_role("link", name="Chairs and Trio").click()
    page.get_by_label("Chair", exact=True).select_option(label="IPI")
    page.get_by_label("From").fill("2027-01-01")
    page.get_by_label("To").fill("2027-06-30")
    submit(page, "Add the term")
    expect(page.locator("table.manage")).to_contain_text("1 Jan 2027 – 30 Jun 2027")
    assert ChairTerm.objects.get(network=network).organisation == ipi

    # A plan: created, a section added, adopted, then closed.
    page.get_by_role("link", name="New plan").first.click()
    page.get_by_label("Title").fill("Polar Work Programme 2027")
    page.get_by_label("Period from").fill("2027-01-01")
    page.get_by_label("Period to").fill("2027-06-30")
    page.get_by_label("Guiding theme").fill("Science across the ice")
    page.get_by_label("Chair", exact=True).select_option(label="IPI")
    submit(page, "Create the plan")
    expect(page.get_by_role("heading", name="Status: draft")).to_be_visible()
    page.locator("#id_new-title").fill("Ocean observation")
    submit(page, "Add the section")
    page.locator("#id_new-title").fill("Outreach")
    submit(page, "Add the section")
    page.get_by_role("button", name="Move Outreach up").click()
    expect(page.locator("#sections li").first.locator("input[name$='-title']")).to_have_value("Outreach")
    expect(page.get_by_text("Trio of its period")).to_be_visible()
    submit(page, "Adopt the plan")
    expect(page.get_by_role("heading", name="Status: adopted")).to_be_visible()
    shoot(page, "plan-settings")
    submit(page, "Close the plan")
    expect(page.get_by_role("heading", name="Status: closed")).to_be_visible()
    plan = Plan.objects.get(network=network)
    assert plan.status == PlanStatus.CLOSED and plan.chair == ipi
    assert list(plan.sections.order_by("order").values_list("title", flat=True)) == ["Outreach", "Ocean observation"]


@pytest.fixture
def world(network, orgs):
    for short in ("ZSI", "CNRS", "VUB"):
        net_actions.do_add_membership(SYSTEM, network, orgs[short], since=dt.date(2020, 1, 1))
    for short, start, end in (
        ("ZSI", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        ("CNRS", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
        ("VUB", dt.date(2027, 1, 1), dt.date(2027, 6, 30)),
    ):
        net_actions.do_add_chair_term(SYSTEM, network, orgs[short], start=start, end=end)
    trio = net_actions.do_create_group(SYSTEM, network, name="Trio", kind=GroupKind.TRIO)
    net_actions.do_create_group(SYSTEM, network, name="Ocean WG", organisations=[orgs["ZSI"]])
    plan = f.make_plan(network, title="Work Programme H2 2026", start=dt.date(2026, 7, 1), end=dt.date(2026, 12, 31))
    section = f.make_section(plan, "Dialogue", number="1")
    item = f.make_item(
        section,
        what="Prepare the science diplomacy conference",
        owners=[trio],
        who_text="Trio",
        start=dt.date(2026, 10, 1),
        end=dt.date(2026, 10, 31),
        when_text="October",
    )
    conference = event_actions.do_create_event(
        SYSTEM,
        network,
        title="Annual conference",
        kind="conference",
        when_text="12–13 November 2026",
        start=dt.date(2026, 11, 12),
        end=dt.date(2026, 11, 13),
        precision="days",
        place="Brussels",
    )
    return {"plan": plan, "item": item, "conference": conference}


def test_an_event_with_two_sessions_linked_to_an_item(new_page, network, world, make_member):
    page = new_page(make_member(NetworkRole.SECRETARIAT))
    page.goto(f"/n/{network.slug}/events/")
    page.get_by_role("link", name="New event").click()
    page.get_by_label("Title").fill("Science Diplomacy Days")
    page.get_by_label("Kind").select_option("conference")
    page.get_by_label("When", exact=True).fill("25–26 March 2027")
    page.get_by_label("Place").fill("Vienna")
    page.get_by_label("Online link").fill("https://meet.example.org/sdd")
    page.get_by_label("Audience").fill("Members, advisory partners and ministries")
    submit(page, "Create the event")
    expect(page.get_by_role("heading", name="Science Diplomacy Days")).to_be_visible()
    event = Event.objects.get(title="Science Diplomacy Days")
    for title, when in (("Opening panel", "25 March"), ("Workshop on research security", "26 March")):
        page.get_by_role("link", name="Add a session").click()
        expect(page.get_by_label("Part of")).to_have_value(str(event.pk))
        page.get_by_label("Title").fill(title)
        page.get_by_label("When", exact=True).fill(when)
        submit(page, "Create the event")
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        page.locator(".breadcrumbs").get_by_role("link", name="Science Diplomacy Days").click()
    page.get_by_label("Item", exact=True).select_option(str(world["item"].pk))
    page.get_by_label("How it relates").select_option("prepares")
    submit(page, "Link the item")
    expect(page.locator(".messages")).to_contain_text("Item linked")
    sessions = page.locator("#sessions-h + ul li")
    expect(sessions).to_have_count(2)
    expect(sessions.first).to_contain_text("Opening panel")
    expect(page.locator("#items-h + ul")).to_contain_text("Prepare the science diplomacy conference")
    expect(page.locator("dl.meta")).to_contain_text("25–26 March 2027")
    shoot(page, "event")
    assert [e.start.isoformat() for e in event.children.order_by("start")] == ["2027-03-25", "2027-03-26"]
    assert ItemEvent.objects.get(event=event).item == world["item"]
    # The item's page links back to the event's page (not to an anchor that does not exist).
    page.goto(f"/n/{network.slug}/items/{world['item'].pk}/")
    page.get_by_role("link", name="Science Diplomacy Days").click()
    expect(page).to_have_url(f"{page.url.split('/n/')[0]}/n/{network.slug}/events/{event.pk}/")


def test_new_pages_are_accessible_and_fit_a_phone(new_page, network, world, make_member):
    user = make_member(NetworkRole.ADMIN)
    group = network.groups.get(name="Ocean WG")
    trio = network.groups.get(name="Trio")
    conference = world["conference"]
    event_actions.do_create_event(SYSTEM, network, title="Side session", parent=conference)
    event_actions.do_link_item_event(SYSTEM, world["item"], conference)
    zsi = Organisation.objects.get(short_name="ZSI")
    base = f"/n/{network.slug}"
    paths = {
        "network-settings": f"{base}/manage/",
        "people": f"{base}/manage/people/",
        "members": f"{base}/manage/members/",
        "member": f"{base}/manage/members/{zsi.slug}/",
        "chairs": f"{base}/manage/chairs/",
        "groups": f"{base}/manage/groups/",
        "group": f"{base}/manage/groups/{group.pk}/",
        "trio-group": f"{base}/manage/groups/{trio.pk}/",
        "plan-new": f"{base}/plans/new/",
        "plan-manage": f"{base}/plans/{world['plan'].pk}/settings/",
        "plan": f"{base}/plans/{world['plan'].pk}/",
        "events": f"{base}/events/",
        "event": f"{base}/events/{conference.pk}/",
        "event-new": f"{base}/events/new/",
        "event-edit": f"{base}/events/{conference.pk}/edit/",
        "network": f"{base}/",
        "network-new": "/networks/new/",
    }
    user.is_superuser = True
    user.save()
    page = new_page(user)
    problems, wide = [], []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in paths.items():
            page.goto(path)
            problems += [(width, path, v) for v in serious_violations(page)]
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                wide.append((width, path, overflow))
            shoot(page, f"{name}-{width}")
    assert not problems, problems
    assert not wide, f"horizontal scroll: {wide}"
    # The Trio owner reads as the three chairs of the item's period.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/plans/{world['plan'].pk}/")
    expect(page.locator(f"#item-{world['item'].pk}")).to_contain_text("Trio (ZSI · CNRS · VUB)")
