"""What a plan shows, in a real browser: the timeline of a two-day event and of a yearly plan, a re-import that
drops an item, and the main pages on a 390 px phone without horizontal scroll."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.audit.actors import SYSTEM
from accord.imports.actions import do_import_draft
from accord.network.models import Group
from accord.testing import factories as f
from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location

pytestmark = pytest.mark.django_db(transaction=True)


def _chart(page):
    page.wait_for_selector("#plan-timeline .vis-item")
    return page.evaluate("""() => {
        const chart = document.querySelector('#plan-timeline .vis-center').getBoundingClientRect();
        const items = [...document.querySelectorAll('#plan-timeline .vis-item:not(.vis-background)')].map(el => {
            const r = el.getBoundingClientRect();
            return {cls: el.className, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                    text: el.textContent.trim()};
        });
        return {chart: {left: chart.left, right: chart.right, width: chart.width}, items,
                axis: [...document.querySelectorAll('#plan-timeline .vis-time-axis .vis-minor')]
                    .map(e => e.textContent)};
    }""")


def test_the_timeline_of_a_two_day_event(new_page, network, make_member):
    plan = f.make_plan(network, title="Forum programme", start=dt.date(2025, 3, 25), end=dt.date(2025, 3, 26))
    section = f.make_section(plan, "Forum")
    f.make_item(
        section,
        what="Opening",
        when_text="25 March",
        start=dt.date(2025, 3, 25),
        end=dt.date(2025, 3, 25),
        precision="day",
    )
    f.make_item(
        section,
        what="Exhibition",
        when_text="25-26 March",
        start=dt.date(2025, 3, 25),
        end=dt.date(2025, 3, 26),
        precision="day",
    )
    page = new_page(make_member("viewer"))
    page.goto(f"/n/{network.slug}/plans/{plan.pk}/timeline/")
    data = _chart(page)
    assert any("25" in a for a in data["axis"]) and any("26" in a for a in data["axis"])  # a day axis
    for item in data["items"]:  # nothing clipped at either edge
        assert item["left"] >= data["chart"]["left"] - 1 and item["right"] <= data["chart"]["right"] + 1, item
    assert any("vis-point" in i["cls"] for i in data["items"])


def test_the_timeline_of_a_yearly_plan(new_page, network, make_member):
    plan = f.make_plan(network, title="Year plan", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    section = f.make_section(plan, "All year")
    f.make_item(
        section,
        what="General Assembly",
        when_text="12 October",
        start=dt.date(2025, 10, 12),
        end=dt.date(2025, 10, 12),
        precision="day",
    )
    f.make_item(
        section,
        what="Spring campaign",
        when_text="March-May",
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 5, 31),
        precision="month",
    )
    f.make_item(
        section,
        what="Annual meeting of the partners",
        when_text="13 October",
        start=dt.date(2025, 10, 13),
        end=dt.date(2025, 10, 13),
        precision="day",
    )
    page = new_page(make_member("viewer"))
    page.goto(f"/n/{network.slug}/plans/{plan.pk}/timeline/")
    data = _chart(page)
    chart = data["chart"]
    by_text = {i["text"]: i for i in data["items"]}
    assembly = by_text["General Assembly"]
    # 12 October is a point about four fifths along the year, not a box from June to December.
    assert assembly["right"] - assembly["left"] < chart["width"] * 0.3
    spring = by_text["Spring campaign"]
    assert chart["left"] + chart["width"] * 0.1 < spring["left"] < chart["left"] + chart["width"] * 0.25
    # The two October labels do not overlap: stacked one above the other or side by side.
    other = by_text["Annual meeting of the partners"]
    overlap_x = min(assembly["right"], other["right"]) - max(assembly["left"], other["left"])
    overlap_y = min(assembly["bottom"], other["bottom"]) - max(assembly["top"], other["top"])
    assert overlap_x <= 0 or overlap_y <= 0


def test_a_reimport_that_drops_an_item_shows_it_removed(new_page, network, orgs, make_member):
    def programme(whats, checksum):
        items = [
            DraftItem(kind=ItemKind.ACTION, what=w, who_raw="ZSI", owners=["ZSI"], location=Location(line=n))
            for n, w in enumerate(whats)
        ]
        return do_import_draft(
            SYSTEM,
            network,
            Draft(
                source="wp.txt",
                title="Rolling Programme",
                checksum=checksum,
                sections=[DraftSection(number="1", title="Tasks", items=items)],
            ),
        )

    report = programme(["Map the stakeholders", "Write the annual report"], "v1")
    programme(["Map the stakeholders"], "v2")
    page = new_page(make_member("secretariat"))
    page.goto(f"/n/{network.slug}/plans/{report.plan_id}/")
    row = page.locator("tr", has_text="Write the annual report")
    assert "Removed from the document" in row.inner_text()
    page.goto(f"/n/{network.slug}/plans/{report.plan_id}/changes/")
    assert "Removed from the document: No → Yes" in page.content()


def test_main_pages_fit_a_390_px_phone(browser, live_server, network, orgs, make_member):
    plan = f.make_plan(
        network,
        title="Draft Work Programme of the Northern Lights Research Diplomacy Network",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
    )
    section = f.make_section(plan, "Awareness-raising about the Network and its long-titled activities", number="1")
    board = Group.objects.create(network=network, name="Steering Board of the Network")
    for n in range(6):
        f.make_item(
            section,
            what=f"Exchange with advisory partners, round {n}",
            owners=[orgs["ZSI"], board],
            when_text="December 2026 (tbc)",
            start=dt.date(2026, 12, 1),
            end=dt.date(2026, 12, 31),
            precision="month",
            tentative=True,
        )
    user = make_member("secretariat")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw-for-tests-only")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    pages = [
        "/",
        f"/n/{network.slug}/",
        f"/n/{network.slug}/workload/",
        f"/n/{network.slug}/plans/",
        f"/n/{network.slug}/plans/{plan.pk}/",
        f"/n/{network.slug}/plans/{plan.pk}/table/",
        f"/n/{network.slug}/plans/{plan.pk}/timeline/",
        f"/n/{network.slug}/plans/{plan.pk}/changes/",
        f"/n/{network.slug}/organisations/{orgs['ZSI'].slug}/",
        "/search?q=exchange",
    ]
    wide = {}
    for url in pages:
        page.goto(url)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[url] = width
    chart = None
    page.goto(f"/n/{network.slug}/plans/{plan.pk}/timeline/")
    page.wait_for_selector("#plan-timeline .vis-item")
    chart = page.evaluate("document.querySelector('#plan-timeline').getBoundingClientRect().width")
    page.goto(f"/n/{network.slug}/workload/")
    labelled = page.evaluate("[...document.querySelectorAll('table.numbers td')].every(td => td.dataset.label)")
    context.close()
    assert wide == {}
    assert chart > 300  # the chart uses the phone's width
    assert labelled


def test_timeline_labels_are_never_cut_off_nor_overlap(new_page, network, make_member):
    """A half-year programme: a three-day event becomes a point with its label beside it; a one-month item with a
    long What wraps it inside its bar; no label is clipped and no two items overlap."""
    plan = f.make_plan(network, title="Half-year programme", start=dt.date(2026, 7, 1), end=dt.date(2026, 12, 31))
    section = f.make_section(plan, "Visibility")
    rows = [
        ("Side event at the autumn assembly of the northern research councils", (10, 17), (10, 19)),
        ("Agree on the rules for speaking on behalf of the alliance and a shared calendar", (9, 1), (9, 30)),
        ("Launch a one-page website", (10, 1), (10, 31)),
        ("Mid-term review with the funders", (10, 20), (10, 24)),
    ]
    for what, (m1, d1), (m2, d2) in rows:
        f.make_item(
            section,
            what=what,
            when_text="as written",
            start=dt.date(2026, m1, d1),
            end=dt.date(2026, m2, d2),
            precision="day",
        )
    page = new_page(make_member("viewer"))
    page.goto(f"/n/{network.slug}/plans/{plan.pk}/timeline/")
    page.wait_for_selector("#plan-timeline .vis-item.vis-point")  # the narrow ones were turned into points
    page.wait_for_timeout(300)
    items = "#plan-timeline .vis-item.vis-range, #plan-timeline .vis-item.vis-point"
    found = page.evaluate(
        """(items) => [...document.querySelectorAll(items)]
        .map(el => {
            const content = el.querySelector('.vis-item-content');
            const box = el.querySelector('.vis-item-overflow') || el;
            const c = content.getBoundingClientRect(), b = box.getBoundingClientRect();
            const r = el.classList.contains('vis-point') ? c : el.getBoundingClientRect();
            return {text: content.textContent.trim(), point: el.classList.contains('vis-point'),
                    clipped: el.classList.contains('vis-range') && (c.right > b.right + 1 || c.bottom > b.bottom + 1
                             || content.scrollWidth > content.clientWidth + 1),
                    left: Math.min(r.left, el.getBoundingClientRect().left), right: r.right, top: r.top,
                    bottom: r.bottom};
        })""",
        items,
    )
    assert sorted(i["text"] for i in found) == sorted(what for what, _a, _b in rows)
    assert not [i for i in found if i["clipped"]], found
    by_text = {i["text"]: i for i in found}
    assert by_text[rows[0][0]]["point"] and by_text[rows[3][0]]["point"]
    assert not by_text[rows[1][0]]["point"]  # a month is wide enough for a bar
    for n, a in enumerate(found):
        for b in found[n + 1 :]:
            overlap_x = min(a["right"], b["right"]) - max(a["left"], b["left"])
            overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            assert overlap_x <= 1 or overlap_y <= 1, (a, b)
