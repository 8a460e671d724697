"""A change of chair in a real browser: start the next plan from the form, and the progress report's chart
drawn by its static script from the page's data; the pages pass an accessibility check."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from accord.plans.models import Item, ItemStatus, Plan
from accord.testing import factories as f
from tests.browser.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme(network, orgs):
    plan = f.make_plan(network, title="Work Programme", start=dt.date(2021, 7, 1), end=dt.date(2021, 12, 31))
    section = f.make_section(plan, "Awareness-raising", number="1")
    f.make_item(
        section,
        what="Annual report",
        owners=[orgs["ZSI"]],
        when_text="October 2021",
        start=dt.date(2021, 10, 1),
        end=dt.date(2021, 10, 31),
    )
    f.make_item(section, what="Newsletter", owners=[orgs["VUB"]], status=ItemStatus.IN_PROGRESS)
    f.make_item(section, what="General Assembly", owners=[orgs["CNRS"]], status=ItemStatus.DONE)
    return plan


def test_the_secretariat_starts_the_next_plan(new_page, network, programme, make_member):
    page = new_page(make_member("secretariat"))
    page.goto(f"/n/{network.slug}/plans/{programme.pk}/")
    page.get_by_role("link", name="Start the next plan").click()
    expect(page.get_by_role("heading", name="Start the next plan")).to_be_visible()
    page.get_by_label("Newsletter").uncheck()
    page.get_by_label("Title").fill("Work Programme 2022")
    page.get_by_role("button", name="Start the next plan").click()
    expect(page.get_by_role("heading", name="Work Programme 2022")).to_be_visible()
    expect(page.get_by_text("time to review")).to_be_visible()
    new = Plan.objects.get(title="Work Programme 2022")
    assert list(Item.objects.filter(plan=new).values_list("what", flat=True)) == ["Annual report"]


def test_the_progress_chart_is_drawn_and_the_pages_are_accessible(new_page, network, programme, make_member):
    page = new_page(make_member("secretariat"))
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"/n/{network.slug}/plans/{programme.pk}/progress/?on=2021-12-15")
    page.wait_for_function("document.querySelector('canvas[data-progress-chart]').dataset.drawn === '1'")
    assert not errors, errors
    problems = []
    plan_path = f"/n/{network.slug}/plans/{programme.pk}"
    for path in (
        f"{plan_path}/progress/",
        f"{plan_path}/handover/",
        f"{plan_path}/next/",
        f"/n/{network.slug}/digest/",
        f"/n/{network.slug}/digest/settings/",
    ):
        page.goto(path)
        problems += [(path, v) for v in serious_violations(page)]
    assert not problems, problems
