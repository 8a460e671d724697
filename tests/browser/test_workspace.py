"""What people do every morning, in a real browser: edit a row, take an open call, meet a conflict, use the
keyboard, and pages that pass an accessibility check."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from accord.plans.models import Item
from accord.testing import factories as f
from tests.browser.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme(network, orgs):
    plan = f.make_plan(network, title="Draft Work Programme", start=dt.date(2026, 7, 1), end=dt.date(2026, 12, 31))
    section = f.make_section(plan, "Awareness-raising about the Network", number="2")
    exchange = f.make_item(
        section,
        what="Exchange with advisory partners",
        owners=[orgs["ZSI"]],
        when_text="Fall 2026",
        start=dt.date(2026, 9, 1),
        end=dt.date(2026, 11, 30),
        precision="season",
    )
    mapping = f.make_item(section, what="Stakeholder mapping", open_call=True, who_text="Any volunteers?")
    return {"plan": plan, "section": section, "exchange": exchange, "mapping": mapping}


def table_url(network, plan):
    return f"/n/{network.slug}/plans/{plan.pk}/table/"


def settled(page):
    """Wait until htmx has swapped and settled, so the new row's own key handlers are attached."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )
    page.wait_for_timeout(50)


def edit_form(page):
    """The row being edited (the filter form above the table has a Status field too)."""
    return page.get_by_role("form", name=re.compile("^Editing"))


def test_secretariat_changes_status_owner_and_when_in_the_table(new_page, network, orgs, programme, make_member):
    page = new_page(make_member("secretariat"))
    page.goto(table_url(network, programme["plan"]))
    page.get_by_role("button", name="Edit Exchange with advisory partners").click()
    form = edit_form(page)
    form.get_by_label("Status").select_option(label="in progress")
    form.get_by_label("Owners").fill("CNRS, ZSI")
    form.get_by_label("When").fill("Last week of November / early December")
    expect(form.locator("output")).to_contain_text("24")  # the interval understood, shown while typing
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_role("button", name="Edit Exchange with advisory partners")).to_be_visible()  # saved
    row = page.locator(f"#item-{programme['exchange'].pk}")
    expect(row).to_contain_text("in progress")
    expect(row).to_contain_text("Last week of November / early December")
    item = Item.objects.get(pk=programme["exchange"].pk)
    assert item.status == "in_progress"
    assert [o.name for o in item.owners.all()] == ["CNRS", "ZSI"]
    assert (item.start, item.end) == (dt.date(2026, 11, 24), dt.date(2026, 12, 10))


def test_member_editor_takes_an_open_call(new_page, network, orgs, programme, make_member):
    page = new_page(make_member("member_editor", orgs["VUB"]))
    page.goto(table_url(network, programme["plan"]))
    page.get_by_role("button", name="We'll take it").first.click()
    expect(page.locator(f"#item-{programme['mapping'].pk}")).to_contain_text("VUB")
    item = Item.objects.get(pk=programme["mapping"].pk)
    assert not item.open_call
    assert [o.name for o in item.owners.all()] == ["VUB"]


def test_a_stale_edit_shows_the_conflict_and_overwrites_nothing(new_page, network, programme, make_member):
    first, second = new_page(make_member("secretariat")), new_page(make_member("secretariat"))
    for page in (first, second):
        page.goto(table_url(network, programme["plan"]))
        page.get_by_role("button", name="Edit Exchange with advisory partners").click()
    edit_form(first).get_by_label("Status").select_option(label="done")
    edit_form(first).get_by_role("button", name="Save").click()
    expect(first.get_by_role("button", name="Edit Exchange with advisory partners")).to_be_visible()
    expect(first.locator(f"#item-{programme['exchange'].pk}")).to_contain_text("done")

    edit_form(second).get_by_label("Status").select_option(label="dropped")
    edit_form(second).get_by_role("button", name="Save").click()
    expect(second.get_by_role("heading", name="This item changed while you were editing")).to_be_visible()
    assert Item.objects.get(pk=programme["exchange"].pk).status == "done"


def test_the_plan_table_works_by_keyboard(new_page, network, programme, make_member):
    page = new_page(make_member("secretariat"))
    page.goto(table_url(network, programme["plan"]))
    edit = page.get_by_role("button", name="Edit Exchange with advisory partners")
    edit.focus()
    page.keyboard.press("Enter")
    expect(edit_form(page).get_by_label("Status")).to_be_focused()
    settled(page)
    page.keyboard.press("Escape")  # cancel: the row comes back, nothing changed
    expect(page.get_by_role("button", name="Edit Exchange with advisory partners")).to_be_visible()
    settled(page)
    page.get_by_role("button", name="Edit Exchange with advisory partners").focus()
    page.keyboard.press("Enter")
    status = edit_form(page).get_by_label("Status")
    expect(status).to_be_focused()
    settled(page)
    page.keyboard.press("ArrowDown")  # planned -> in progress, as a keyboard user changes a select
    status.select_option(label="in progress")  # headless selects may not open; make the choice explicit
    status.focus()
    for _ in range(12):  # Tab forward to the Save button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Save":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Edit Exchange with advisory partners")).to_be_visible()  # saved
    expect(page.locator(f"#item-{programme['exchange'].pk}")).to_contain_text("in progress")
    assert Item.objects.get(pk=programme["exchange"].pk).status == "in_progress"


def test_main_pages_have_no_serious_accessibility_violations(new_page, network, programme, make_member):
    page = new_page(make_member("secretariat"))
    item = programme["exchange"]
    paths = [
        "/",
        f"/n/{network.slug}/",
        f"/n/{network.slug}/plans/",
        f"/n/{network.slug}/plans/{item.plan_id}/",
        table_url(network, item.plan),
        f"/n/{network.slug}/plans/{item.plan_id}/timeline/",
        f"/n/{network.slug}/items/{item.pk}/",
        f"/n/{network.slug}/calendar/",
        "/search?q=exchange",
    ]
    problems = []
    for path in paths:
        page.goto(path)
        problems += [(path, v) for v in serious_violations(page)]
    assert not problems, problems


def test_a_phone_sees_the_table_as_cards(new_page, browser, live_server, network, programme, make_member):
    user = make_member("viewer")
    page = new_page(user)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/n/{network.slug}/plans/{programme['plan'].pk}/")
    header = page.locator("table.plan thead").first
    expect(header).to_be_hidden()
    cell = page.get_by_text("Exchange with advisory partners").first
    assert cell.bounding_box()["width"] > 200  # the What runs across the card, not squeezed in a column
    assert re.search(r"Who", page.locator("table.plan td[data-label]").nth(1).get_attribute("data-label"))
