"""The workspace's Jinja2 templates (accord/workspace/jinja2/, docs/decisions/0013: My work, the calendar), from
in-memory rows: they escape what people typed, fill translated placeholders with escaped values, and write the
markup the pages are read by."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template.backends.jinja2 import Template as JinjaTemplate
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation

from accord.web import page_cache
from accord.workspace import calendar_grid

HOSTILE = "<script>alert('x')</script> & \"quoted\""


class Row(SimpleNamespace):
    """An item or event as the queries give it: its text is its `what`, its owners a related manager."""

    def __str__(self) -> str:
        return self.what


def _owners(*names: str) -> SimpleNamespace:
    return SimpleNamespace(all=lambda: [SimpleNamespace(name=n) for n in names])


def _plan(**counts: int) -> SimpleNamespace:
    """An adopted plan with a hostile title and the given counts, as the cards and the network home show it."""
    return SimpleNamespace(
        pk=4, title=HOSTILE, period_label="2027", status="adopted", get_status_display=lambda: "adopted", **counts
    )


def _item(pk: int, **values) -> Row:
    network = SimpleNamespace(short_name="", name="Northern Lights")
    base = {
        "pk": pk,
        "what": f"Line {pk}",
        "url": f"/n/x/items/{pk}/",
        "take_url": f"/n/x/items/{pk}/take/",
        "tentative": False,
        "tbc_chip": False,
        "when_text": "",
        "interval_label": "2027-03-01 – 2027-03-31",
        "owners": _owners(),
        "status": "planned",
        "status_label": "planned",
        "owners_mode": "all",
        "who_text": "",
        "plan": SimpleNamespace(title="Work programme", network=network),
    }
    return Row(**{**base, **values})


@pytest.fixture
def rf_request():
    return RequestFactory().get("/")


def test_the_body_and_its_live_parts_are_jinja2_templates():
    for name in ("body", "cards", "calls", "changes"):
        assert isinstance(get_template(f"workspace/dashboard_{name}.html"), JinjaTemplate)
    assert not isinstance(get_template("workspace/dashboard.html"), JinjaTemplate)  # the shell stays Django


def test_the_body_lists_the_work(rf_request):
    org = SimpleNamespace(short_name=HOSTILE)
    overdue = [_item(1, what=HOSTILE, owners=_owners("ZSI", HOSTILE), tentative=True, tbc_chip=True), _item(2)]
    work = SimpleNamespace(
        overdue=overdue,
        due_soon=[_item(3, when_text="next week")],
        tentative=[],
        events=[
            Row(
                what="",
                title=HOSTILE,
                url="/e/1/",
                tbc_chip=False,
                interval_label="",
                when_text="May",
                place="Vienna",
                kind_label="meeting",
            )
        ],
        counts={"overdue": 5, "due_soon": 1, "tentative": 0},
    )
    live = {name: page_cache.live_placeholder(name) for name in ("cards", "calls", "changes")}
    context = {
        "networks": [object()],
        "several_networks": True,
        "work": work,
        "due_days": 30,
        "acts_for": [org],
        "whole_networks": [],
        "can_create_network": False,
        "live": live,
    }
    with translation.override("en"):
        html = page_cache.render(rf_request, "workspace/dashboard_body.html", context)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<li class="work-item tentative">\n  <a href="/n/x/items/1/">&lt;script&gt;' in html
    assert '<span class="owners">ZSI<span class="sep" aria-hidden="true">·</span>&lt;script&gt;' in html
    assert '<span class="owners"><span class="muted">nobody yet</span></span>' in html  # item 2 has none
    assert "Showing the 2 most recent of 5." in html and "Due in the next 30 days" in html
    assert '<span class="when" title="2027-03-01 – 2027-03-31">next week</span>' in html
    assert '<span class="muted">Northern Lights</span>' in html  # several networks: each item's network
    assert "You act for <strong>&lt;script&gt;" in html and 'Vienna · <span class="muted">meeting</span>' in html
    assert all(html.count(placeholder) == 1 for placeholder in live.values())
    assert "Nothing tentative." in html


def test_the_open_calls_carry_the_token_placeholder(rf_request):
    work = SimpleNamespace(
        open_calls=[_item(1, what=HOSTILE, owners_mode="everyone"), _item(2)], counts={"open_calls": 9}
    )
    context = {"work": work, "takeable": {1}, "next_url": "/?a=1&b=2"}
    with translation.override("en"):
        html = page_cache.render(rf_request, "workspace/dashboard_calls.html", context)
    assert html.count("<form") == 1 and 'action="/n/x/items/1/take/"' in html
    assert f'<input type="hidden" name="csrfmiddlewaretoken" value="{page_cache.CSRF_PLACEHOLDER}">' in html
    assert '<input type="hidden" name="next" value="/?a=1&amp;b=2">' in html
    assert "Everyone interested" in html and "Owner wanted" in html and "Showing 2 of 9." in html
    assert "<script>" not in html


def test_the_cards_count_the_current_plans(rf_request):
    plan = _plan(items_done=2, items_total=7, items_open_calls=1)
    network = SimpleNamespace(slug="nl", name="Northern Lights")
    role = SimpleNamespace(get_role_display=lambda: "member editor")
    scopes = [
        SimpleNamespace(
            network=network, role=role, organisation=SimpleNamespace(short_name="ZSI", slug="zsi"), current_plan=plan
        ),
        SimpleNamespace(network=network, role=None, organisation=None, current_plan=None),
    ]
    with translation.override("en"):
        html = page_cache.render(rf_request, "workspace/dashboard_cards.html", {"scopes": scopes})
    assert "2 of 7 items done" in html and '<span class="chip wanted">1 owner wanted</span>' in html
    assert '<p class="muted">Member editor · ZSI</p>' in html and "No plans yet" in html
    assert '<a href="/n/nl/plans/4/">&lt;script&gt;' in html
    assert '<a href="/n/nl/organisations/zsi/">ZSI</a>' in html


def test_the_recent_changes_show_local_time_and_escape(rf_request, settings):
    at = dt.datetime(2027, 12, 1, 9, 30, tzinfo=dt.UTC)
    entry = SimpleNamespace(
        at_local=at,
        actor_name="",
        action_label="changed",
        content_type=SimpleNamespace(name="item"),
        url=None,
        object_repr=HOSTILE,
        note="",
    )
    with translation.override("en"):
        html = page_cache.render(rf_request, "workspace/dashboard_changes.html", {"changes": [entry]})
    assert '<time datetime="2027-12-01T09:30:00+00:00">1 Dec 09:30</time> · system changed' in html
    assert "&lt;script&gt;" in html and "<script>" not in html


def _entry(title: str, start: dt.date, end: dt.date, **values) -> calendar_grid.Entry:
    base = {"kind": "item", "title": title, "url": "/i/1/", "when_text": "", "interval": f"{start} – {end}"}
    return calendar_grid.Entry(**{**base, "start": start, "end": end, "tentative": False, **values})


def test_the_calendar_body_lays_out_the_month_and_the_agenda(rf_request, network):
    first, last = calendar_grid.month_bounds(2027, 3)
    entries = [
        _entry(HOSTILE * 3, dt.date(2027, 3, 2), dt.date(2027, 3, 3), tentative=True),
        _entry("All year", dt.date(2027, 1, 1), dt.date(2027, 12, 31), status="planned", status_label="planned"),
        _entry("Board", dt.date(2027, 3, 9), dt.date(2027, 3, 9), kind="event", status_label="meeting"),
    ]
    month = calendar_grid.lay_out(first, last, entries, dt.date(2027, 3, 9))
    context = {"network": network, "month": month, "view": "month", "truncated": False, "today": dt.date(2027, 3, 9)}
    with translation.override("en"):
        html = page_cache.render(rf_request, "workspace/calendar_body.html", context)
        agenda = page_cache.render(rf_request, "workspace/calendar_body.html", {**context, "view": "agenda"})
    assert "<h1>March 2027</h1>" in html and 'href="?month=2027-02" rel="prev">← February</a>' in html
    assert "1 item runs through this month" in html and "All year" in html
    assert "<script>" not in html and "<script>" not in agenda
    cell = html.split('<time datetime="2027-03-02">2</time>')[1].split("</td>")[0]
    assert (
        '<li class="item tentative"><a href="/i/1/" title="2027-03-02 – 2027-03-03 (2027-03-02 – 2027-03-03)">' in cell
    )
    assert ">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quoted&#34;&lt;script&gt;" in cell
    assert cell.count("…</a>") == 1 and len(entries[0].short_title) == 60  # cut as truncatechars did
    assert '<td class=" today">' in html and '<li class="event">' in html
    assert 'href="?month=2027-02&amp;view=agenda" rel="prev">' in agenda
    assert '<time datetime="2027-03-09">Tuesday 9 March</time> <span class="chip">today</span>' in agenda
    assert '<span class="chip event">meeting</span>' in agenda and '<span class="chip tbc">tbc</span>' in agenda


def test_the_network_home_body(rf_request, network):
    from django.utils.safestring import mark_safe

    plan = _plan(items_done=1, items_total=3, items_open_calls=2)
    term = SimpleNamespace(label="", organisation=HOSTILE, start=dt.date(2027, 1, 1), end=dt.date(2027, 6, 30))
    coming = [_item(9, what="Soon <b>", owners=_owners())]
    event = Row(
        what="",
        pk=3,
        title=HOSTILE,
        url="/e/3/",
        tbc_chip=True,
        interval_label="2027-03-09",
        when_text="",
        place="Vienna",
        kind_label="meeting",
    )
    overview = SimpleNamespace(
        current_plan=plan, overdue=1, open_calls=2, tentative=0, coming_items=coming, coming_events=[event]
    )
    context = {
        "network": network,
        "plan_table": mark_safe('<table class="plan"></table>'),
        "current_plan": plan,
        "overview": overview,
        "progress": [("planned", "planned", 2, 67), ("done", "done", 1, 33), ("dropped", "dropped", 0, 0)],
        "progress_total": 3,
        "trio": SimpleNamespace(previous=None, current=term, next=None),
        "trio_plan": plan,
        "due_days": 30,
        "can_edit": False,
        "private": True,
        "plans_total": 3,
        "plans_shown": 3,
    }
    with translation.override("en"):
        html = page_cache.render(rf_request, "workspace/network_body.html", context)
        many = page_cache.render(
            rf_request, "workspace/network_body.html", {**context, "plans_total": 12, "plans_shown": 8}
        )
    assert "<script>" not in html and "&lt;script&gt;" in html and "Soon &lt;b&gt;" in html
    assert "1 of 3 items done" in html and '<span class="chip wanted">2 owners wanted</span>' in html
    assert '<svg class="bar planned" width="67%"' in html and 'class="bar dropped"' not in html
    assert '<span class="chip done">done</span></th><td>1</td>' in html
    assert "<strong>&lt;script&gt;" in html and "(Jan 2027–Jun 2027)" in html
    assert '<a href="/e/3/"><strong>&lt;script&gt;' in html and '<span class="chip tbc">tbc</span>' in html
    assert '<span class="owners"><span class="muted">nobody yet</span></span>' in html
    assert html.rstrip().endswith('<table class="plan"></table>')  # the plans' table, as rendered
    assert "All 3 plans" not in html and "The latest" not in html  # every plan is in the table
    assert "The latest 8 of 12 plans, by period." in many
    assert f'<a href="/n/{network.slug}/plans/">All 12 plans</a>' in many
    assert "For 2027, the current plan's period" in html  # the translation's own text, as blocktranslate left it
