"""The plan page: Document, Table (filters, inline edits, conflicts, open calls), Timeline and Changes tabs."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from django.urls import reverse

from accord.audit.models import AuditEntry
from accord.network.models import NetworkRole
from accord.plans import actions as plan_actions
from accord.plans.models import Item, ItemOwner, ItemStatus
from accord.testing import factories as f
from tests.pipelines import sent_statements

HTMX = {"HTTP_HX_REQUEST": "true"}


def htmx(target: str) -> dict[str, str]:
    return {**HTMX, "HTTP_HX_TARGET": target}


@pytest.fixture
def items(section, orgs):
    second = f.make_section(section.plan, "Communication", number="2")
    return {
        "assembly": f.make_item(
            section,
            what="General Assembly",
            owners=[orgs["DLR-PT"]],
            when_text="Last week of November / early December",
            start=dt.date(2021, 11, 24),
            end=dt.date(2021, 12, 10),
            precision="days",
        ),
        "mapping": f.make_item(section, what="Stakeholder mapping", open_call=True, who_text="Any volunteers?"),
        "exchange": f.make_item(
            section,
            what="Exchange with advisory partners",
            owners=[orgs["ZSI"], orgs["CNRS"]],
            when_text="September (tbc)",
            start=dt.date(2021, 9, 1),
            end=dt.date(2021, 9, 30),
            precision="month",
            tentative=True,
        ),
        "newsletter": f.make_item(
            second,
            what="Newsletter",
            owners=[orgs["VUB"]],
            when_text="Ongoing",
            start=dt.date(2021, 7, 1),
            end=dt.date(2021, 12, 31),
            precision="period",
            recurrence="ongoing",
            status=ItemStatus.IN_PROGRESS,
        ),
    }


def url(name: str, network, obj, **query) -> str:
    base = reverse(f"plans:{name}", args=[network.slug, obj.pk])
    if query:
        from urllib.parse import urlencode

        base += "?" + urlencode(query)
    return base


def row_ids(html: str) -> set[int]:
    return {int(m) for m in re.findall(r'<tr id="item-(\d+)"', html)}


# Tabs ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tab,name",
    [("Document", "plan"), ("Table", "plan_table"), ("Timeline", "plan_timeline"), ("Changes", "plan_changes")],
)
def test_each_tab_is_a_link_and_marks_itself_current(client, network, plan, items, viewer, tab, name):
    client.force_login(viewer)
    html = client.get(url(name, network, plan)).content.decode()
    nav = html[html.index('aria-label="Views of this plan"') :]
    nav = nav[: nav.index("</nav>")]
    for other in ("plan", "plan_table", "plan_timeline", "plan_changes"):
        assert f'href="{url(other, network, plan)}"' in nav
    current = re.findall(r'<a href="[^"]+"[^>]*aria-current="page"[^>]*>([^<]+)</a>', nav)
    assert current == [tab]


def test_an_htmx_tab_request_gets_only_the_tab_panel(client, network, plan, items, viewer):
    client.force_login(viewer)
    response = client.get(url("plan_table", network, plan), **htmx("plan-tabs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="plan-table"' in html and "Stakeholder mapping" in html
    assert "HX-Request" in response["Vary"]
    full = client.get(url("plan_table", network, plan)).content.decode()
    assert "<html" in full and 'id="plan-tabs"' in full


def test_the_document_tab_as_an_htmx_panel_holds_its_sections_not_their_marks(client, network, plan, items, viewer):
    """The tab's cached body marks where its sections go; the panel an htmx request gets has them put in, built or
    read from the cache alike."""
    from django.core.cache import cache

    client.force_login(viewer)
    cache.clear()
    for _ in range(2):  # built, then served from the cache
        html = client.get(url("plan", network, plan), **htmx("plan-tabs")).content.decode()
        assert "<html" not in html and "Stakeholder mapping" in html
        assert 'class="priority"' in html and "<!--sec" not in html


def test_the_document_tab_reads_like_the_document_and_can_print(client, network, plan, items, viewer):
    plan.theme = "Science diplomacy for all"
    plan.save()
    client.force_login(viewer)
    html = client.get(url("plan", network, plan)).content.decode()
    assert "“Science diplomacy for all”" in html and "1. Awareness-raising" in html and "2. Communication" in html
    assert html.index("General Assembly") < html.index("Newsletter")
    assert "data-print" in html and "accord/plan.js" in html


def test_anonymous_visitors_do_not_see_the_changes_tab_of_a_public_plan(client, db):
    net = f.make_network("Open Alliance", is_public=True)
    public = f.make_plan(net, title="Public programme", is_public=True)
    html = client.get(url("plan", net, public)).content.decode()
    assert "Changes" not in html
    assert client.get(url("plan_changes", net, public)).status_code == 302


# Table: filters and pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,expected",
    [
        ({}, {"assembly", "mapping", "exchange", "newsletter"}),
        ({"status": "in_progress"}, {"newsletter"}),
        ({"open_call": "on"}, {"mapping"}),
        ({"tentative": "on"}, {"exchange"}),
        ({"start": "2021-11-01", "end": "2021-11-30"}, {"assembly", "newsletter"}),
        ({"start": "2021-12-05"}, {"assembly", "newsletter"}),
        ({"end": "2021-08-01"}, {"newsletter"}),
        ({"status": "bogus"}, {"assembly", "mapping", "exchange", "newsletter"}),  # a wrong filter is ignored
    ],
)
def test_table_filters(client, network, plan, items, viewer, query, expected):
    client.force_login(viewer)
    html = client.get(url("plan_table", network, plan, **query)).content.decode()
    assert row_ids(html) == {items[k].pk for k in expected}


def test_table_filters_by_owner_and_section(client, network, plan, items, orgs, viewer):
    client.force_login(viewer)
    html = client.get(url("plan_table", network, plan, owner=orgs["CNRS"].pk)).content.decode()
    assert row_ids(html) == {items["exchange"].pk}
    assert f'<option value="{orgs["ZSI"].pk}">ZSI</option>' in html
    assert f'value="{orgs["FECYT"].pk}"' not in html  # owns nothing in this plan
    html = client.get(url("plan_table", network, plan, section=items["newsletter"].section_id)).content.decode()
    assert row_ids(html) == {items["newsletter"].pk}


def test_the_filters_choices_given_as_plain_pairs_validate_as_a_list_would(network, plan, items, orgs):
    """The owner and section choices are kept as given (FlatChoices, not normalised by Django): a choice of the
    plan is a filter, one that is not is ignored, a section's key is read as a number, and the options list them."""
    from accord.plans.forms import ItemFilterForm
    from accord.plans.queries import plan_sections, table_choices
    from accord.plans.views.common import select_options

    sections, owners, groups, also = table_choices(plan)
    assert also == []
    assert [(s.pk, s.plan) for s in sections] == [(s.pk, plan) for s in plan_sections(plan)]

    def form(**data):
        return ItemFilterForm(data, sections=sections, owners=owners, groups=groups)

    section = sections[0].pk
    assert form(owner=str(orgs["CNRS"].pk), section=str(section)).filters() == {
        "owner": orgs["CNRS"].pk,
        "section": section,
    }
    assert form(owner=str(orgs["FECYT"].pk)).filters() == {}  # owns nothing in this plan
    assert form(section="999999").filters() == {}
    chosen = form(owner=str(orgs["ZSI"].pk))
    options = select_options(chosen["owner"])["options"]
    assert options[0][:2] == ("", "Any owner") and (str(orgs["ZSI"].pk), "ZSI", True) in options
    assert len(chosen.fields["owner"].choices) == len(owners) + len(groups) + 1


def test_table_filter_form_works_without_js_and_updates_the_table_with_htmx(client, network, plan, items, viewer):
    client.force_login(viewer)
    html = client.get(url("plan_table", network, plan)).content.decode()
    form = html[html.index('<form method="get"') :]
    form = form[: form.index(">")]
    assert f'action="{url("plan_table", network, plan)}"' in form
    assert 'hx-target="#plan-table"' in form and 'hx-push-url="true"' in form
    for label in ("Owner", "Status", "Section", "From", "To", "Owner wanted", "Tentative (tbc)"):
        assert re.search(rf'<label for="id_\w+">{re.escape(label)}</label>', html), label
    partial = client.get(url("plan_table", network, plan, status="done"), **htmx("plan-table")).content.decode()
    assert "<html" not in partial and 'role="search"' not in partial
    assert "No items match these filters." in partial


def test_table_pages_by_fifty(client, network, plan, section, viewer):
    Item.objects.bulk_create([Item(plan=plan, section=section, what=f"Row {i:03}", order=i) for i in range(120)])
    from accord.audit.actors import SYSTEM
    from accord.plans.actions import do_set_item_owners

    first_owner, last_owner = f.make_organisation("FIRSTORG"), f.make_organisation("LASTORG")
    do_set_item_owners(SYSTEM, Item.objects.get(plan=plan, what="Row 000"), [first_owner])
    do_set_item_owners(SYSTEM, Item.objects.get(plan=plan, what="Row 119"), [last_owner])
    client.force_login(viewer)
    first = client.get(url("plan_table", network, plan)).content.decode()
    assert len(row_ids(first)) == 50 and "Row 000" in first and "Row 050" not in first
    rows = first[first.index("<tbody") :]  # (the owner filter lists both)
    assert "FIRSTORG" in rows and "LASTORG" not in rows  # the page's own owners, read with it
    assert "Items 1–50 of 120" in first and "Page 1 of 3" in first
    last = client.get(url("plan_table", network, plan, page=3)).content.decode()
    assert len(row_ids(last)) == 20 and "Row 119" in last
    filtered = client.get(url("plan_table", network, plan, status="planned", page=2)).content.decode()
    assert "status=planned&amp;page=3" in filtered
    # Pages past the end or not a number: the last page and the first, as the Paginator chooses.
    beyond = client.get(url("plan_table", network, plan, page=99)).content.decode()
    assert len(row_ids(beyond)) == 20 and "Row 119" in beyond and "Page 3 of 3" in beyond
    rows = beyond[beyond.index("<tbody") :]
    assert "LASTORG" in rows and "FIRSTORG" not in rows  # the last page's, read by its rows' ids
    for odd in ("x", "0", "-1"):
        html = client.get(url("plan_table", network, plan, page=odd)).content.decode()
        assert ("Page 1 of 3" in html) if odd == "x" else ("Page 3 of 3" in html), odd


# Table: inline edits --------------------------------------------------------------------------------------------


def test_the_edit_button_is_shown_only_where_the_person_may_edit(client, network, plan, items, zsi_editor, viewer):
    client.force_login(zsi_editor)
    html = client.get(url("plan_table", network, plan)).content.decode()
    assert 'aria-label="Edit Exchange with advisory partners"' in html
    assert 'aria-label="Edit General Assembly"' not in html  # DLR-PT's
    client.force_login(viewer)
    assert 'aria-label="Edit' not in client.get(url("plan_table", network, plan)).content.decode()


def test_the_table_rows_are_rendered_once_for_all_who_see_them_each_with_their_own_controls(
    client, network, plan, items, orgs, zsi_editor, viewer, secretariat, make_member, monkeypatch
):
    from accord.plans.views import common
    from accord.web import page_cache

    rendered = []
    original = page_cache.render

    def render(request, template, context):
        rendered.append(template)
        return original(request, template, context)

    monkeypatch.setattr(page_cache, "render", render)
    dlr_editor = make_member(NetworkRole.MEMBER_EDITOR, orgs["DLR-PT"])
    seen = {}
    for person in (zsi_editor, dlr_editor, viewer, secretariat):
        client.force_login(person)
        html = unescape(client.get(url("plan_table", network, plan)).content.decode())
        assert common.CONTROL_MARK not in html
        seen[person] = (set(re.findall(r'aria-label="Edit ([^"]+)"', html)), html.count("We'll take it"))
    # The rows of every member were rendered once; the secretariat, who edits the network's content, sees the
    # network's content with another scope (page_cache.content_scope), so twice in all.
    assert rendered.count("plans/table_results.html") == 2
    assert seen[zsi_editor] == ({"Exchange with advisory partners"}, 1)
    assert seen[dlr_editor] == ({"General Assembly"}, 1)
    assert seen[viewer] == (set(), 0)
    every = {"General Assembly", "Stakeholder mapping", "Exchange with advisory partners", "Newsletter"}
    assert seen[secretariat] == (every, 0)  # takes a call for an organisation: this one acts for none


def test_row_controls_follow_the_item_rule(network, plan, items, orgs, zsi_editor, viewer, secretariat):
    """ItemControls is can_edit_item and can_take_open_call decided once for a person: the same answers."""
    from accord.plans import permissions as plan_perms

    for person in (zsi_editor, viewer, secretariat):
        controls = plan_perms.item_controls(person, network.pk)
        for item in Item.objects.filter(plan=plan).prefetch_related("owners"):
            owners = {o.organisation_id for o in item.owners.all()}
            assert controls.may_edit(owners) == plan_perms.can_edit_item(person, item)
            assert controls.may_take(item.open_call) == plan_perms.can_take_open_call(person, item)


def test_row_edit_form_has_labelled_fields_and_escape_cancels(client, network, plan, items, zsi_editor, secretariat):
    item = items["exchange"]
    client.force_login(zsi_editor)
    html = client.get(url("item_row_edit", network, item), **htmx(f"item-{item.pk}")).content.decode()
    assert f'<label for="id_status_{item.pk}">Status</label>' in html
    assert f'<label for="id_when_text_{item.pk}">When</label>' in html
    assert "Owners" not in html  # only the secretariat reassigns
    assert f'name="version" value="{item.version}"' in html
    assert "data-cancel-on-escape" in html and 'hx-trigger="cancel-edit"' in html  # plan.js: Escape cancels
    assert ">Save</button>" in html and "autofocus" in html
    assert reverse("plans:plan_when", args=[network.slug, plan.pk]) in html
    client.force_login(secretariat)
    html = client.get(url("item_row_edit", network, item)).content.decode()
    assert f'<label for="id_owners_{item.pk}">Owners</label>' in html and 'value="ZSI, CNRS"' in html


def test_saving_a_row_changes_it_says_so_and_returns_the_row(client, network, plan, items, zsi_editor):
    item = items["exchange"]
    client.force_login(zsi_editor)
    before = AuditEntry.objects.count()
    response = client.post(
        url("item_row_edit", network, item),
        {"version": item.version, "status": "in_progress", "when_text": "September (tbc)"},
        **htmx(f"item-{item.pk}"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS and item.version == 2
    assert AuditEntry.objects.count() == before + 1
    assert f'<tr id="item-{item.pk}"' in html and "in progress" in html
    assert 'hx-swap-oob="true"' in html and 'aria-live="polite"' in html
    assert "Saved. 'Exchange with advisory partners' is now in progress." in unescape(html)
    assert "autofocus" in html  # focus goes back to the row's Edit button


def test_saving_a_new_when_reads_it_in_the_plans_period(client, network, plan, items, zsi_editor):
    item = items["exchange"]
    client.force_login(zsi_editor)
    client.post(
        url("item_row_edit", network, item),
        {"version": item.version, "status": item.status, "when_text": "Last week of November / early December"},
        **HTMX,
    )
    item.refresh_from_db()
    assert (item.start, item.end) == (dt.date(2021, 11, 24), dt.date(2021, 12, 10))
    assert item.when_text == "Last week of November / early December" and not item.tentative
    assert not item.when_set_by_hand


def test_saving_a_row_without_js_redirects_back_with_a_message(client, network, plan, items, zsi_editor):
    item = items["exchange"]
    client.force_login(zsi_editor)
    back = url("plan_table", network, plan, status="planned")
    response = client.post(
        url("item_row_edit", network, item),
        {"version": item.version, "status": "done", "when_text": item.when_text, "next": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    page = client.get(back).content.decode()
    assert "Saved. &#x27;Exchange with advisory partners&#x27; is now done." in page


def test_a_foreign_next_is_not_followed(client, network, plan, items, zsi_editor):
    item = items["exchange"]
    client.force_login(zsi_editor)
    response = client.post(
        url("item_row_edit", network, item),
        {"version": item.version, "status": "done", "when_text": item.when_text, "next": "https://evil.example/"},
    )
    assert response["Location"] == url("plan_table", network, plan)


def test_the_secretariat_reassigns_owners_in_the_row(client, network, plan, items, orgs, secretariat):
    item = items["mapping"]
    client.force_login(secretariat)
    client.post(
        url("item_row_edit", network, item),
        {"version": item.version, "status": item.status, "owners": "zsi / CNRS, Symlog", "when_text": ""},
        **HTMX,
    )
    owners = list(ItemOwner.objects.filter(item=item).order_by("position"))
    assert [(o.organisation, o.text) for o in owners] == [(orgs["ZSI"], ""), (orgs["CNRS"], ""), (None, "Symlog")]


def test_a_member_editor_cannot_slip_owners_into_a_row_save(client, network, plan, items, orgs, zsi_editor):
    item = items["exchange"]
    client.force_login(zsi_editor)
    client.post(
        url("item_row_edit", network, item),
        {"version": item.version, "status": item.status, "when_text": item.when_text, "owners": "VUB"},
        **HTMX,
    )
    assert [o.organisation for o in ItemOwner.objects.filter(item=item).order_by("position")] == [
        orgs["ZSI"],
        orgs["CNRS"],
    ]


def test_a_stale_row_save_shows_both_versions_and_changes_nothing(
    client, network, plan, items, zsi_editor, secretariat
):
    item = items["exchange"]
    loaded = item.version
    plan_actions.do_update_item(secretariat, item, status=ItemStatus.DONE, when_text="October")
    item.refresh_from_db()
    client.force_login(zsi_editor)
    before = AuditEntry.objects.count()
    response = client.post(
        url("item_row_edit", network, item),
        {"version": loaded, "status": "dropped", "when_text": "September (tbc)"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This item changed while you were editing" in html
    assert "dropped" in html and "done" in html and "October" in html and "September (tbc)" in html
    assert AuditEntry.objects.count() == before
    fresh = Item.objects.get(pk=item.pk)
    assert fresh.status == ItemStatus.DONE and fresh.version == item.version
    # "Keep mine" resubmits the person's values with the current version.
    assert f'name="version" value="{item.version}"' in html and 'name="status" value="dropped"' in html
    assert "Keep mine" in html and "Take the current" in html
    client.post(
        url("item_row_edit", network, item),
        {"version": item.version, "status": "dropped", "when_text": "September (tbc)"},
        **HTMX,
    )
    fresh.refresh_from_db()
    assert fresh.status == ItemStatus.DROPPED and fresh.when_text == "September (tbc)"


def test_an_invalid_row_save_shows_the_error_next_to_the_field(client, network, plan, items, zsi_editor):
    item = items["exchange"]
    client.force_login(zsi_editor)
    html = client.post(
        url("item_row_edit", network, item), {"version": item.version, "status": "finished"}, **HTMX
    ).content.decode()
    assert "Select a valid choice" in html and 'class="editing"' in html
    assert Item.objects.get(pk=item.pk).version == item.version


def test_cancel_returns_the_row(client, network, plan, items, zsi_editor):
    item = items["exchange"]
    client.force_login(zsi_editor)
    html = client.get(url("item_row", network, item), **HTMX).content.decode()
    assert html.strip().startswith(f'<tr id="item-{item.pk}"') and "Exchange with advisory partners" in html


# Live interval --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Last week of November / early December", "Understood: 24 Nov 2021 – 10 Dec 2021"),
        ("15/10/2021", "Understood: 15 Oct 2021"),
        ("early December (tbc)", "tentative"),
        ("Ongoing", "ongoing"),
        ("by end of October", "by 31 Oct 2021"),
        ("", "No date"),
        ("when pigs fly", "Not understood as a date"),
    ],
)
def test_the_when_preview_reads_the_words_in_the_plans_period(client, network, plan, viewer, text, expected):
    client.force_login(viewer)
    html = client.get(url("plan_when", network, plan, when_text=text), **HTMX).content.decode()
    assert expected in html


def test_the_when_preview_uses_the_sections_own_period(client, network, plan, viewer):
    older = f.make_section(
        plan, "IR Strategic priorities 2018", context_start=dt.date(2018, 1, 1), context_end=dt.date(2018, 12, 31)
    )
    client.force_login(viewer)
    html = client.get(url("plan_when", network, plan, when_text="September", section=older.pk)).content.decode()
    assert "1 Sep 2018" in html


# Open calls -----------------------------------------------------------------------------------------------------


def test_we_take_an_open_call_from_the_table(client, network, plan, items, orgs, zsi_editor):
    item = items["mapping"]
    client.force_login(zsi_editor)
    html = client.get(url("plan_table", network, plan)).content.decode()
    assert unescape(html).count("We'll take it") == 1
    response = client.post(url("item_take", network, item), {"from": "row"}, **htmx(f"item-{item.pk}"))
    body = response.content.decode()
    assert response.status_code == 200 and "Thank you: ZSI now owns" in body
    item.refresh_from_db()
    assert not item.open_call and [o.organisation for o in item.owners.all()] == [orgs["ZSI"]]
    assert "We'll take it" not in unescape(body)


def test_the_viewer_sees_no_take_button(client, network, plan, items, viewer):
    client.force_login(viewer)
    html = client.get(url("plan_table", network, plan)).content.decode()
    assert "Owner wanted" in html and "take it" not in html


# Timeline -------------------------------------------------------------------------------------------------------


def test_the_timeline_embeds_its_data_and_lists_items_without_dates(client, network, plan, items, viewer):
    f.make_item(
        items["assembly"].section,
        what="</script><b>sneaky</b>",
        start=dt.date(2021, 8, 1),
        end=dt.date(2021, 8, 1),
        when_text="1 August",
    )
    client.force_login(viewer)
    html = client.get(url("plan_timeline", network, plan)).content.decode()
    assert "vendor/vis-timeline/vis-timeline-graph2d.min.js" in html
    assert "</script><b>sneaky" not in html
    raw = re.search(r'<script id="timeline-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    by_id = {i["id"]: i for i in data["items"]}
    assert items["mapping"].pk not in by_id  # no date
    assert by_id[items["newsletter"].pk]["recurrence"] == "ongoing"
    assert by_id[items["exchange"].pk]["tentative"] is True
    assert by_id[items["assembly"].pk]["start"] == "2021-11-24" and by_id[items["assembly"].pk]["end"] == "2021-12-10"
    # The window covers the plan's period (1 July - 31 December 2021) with a margin either side.
    assert data["start"] < "2021-07-01" and data["end"] > "2022-01-01" and data["scale"] is None
    undated = html[html.index("Items without dates") :]
    assert "Stakeholder mapping" in undated and "General Assembly" not in undated


# Changes --------------------------------------------------------------------------------------------------------


def test_changes_lists_this_plans_entries_newest_first(client, network, plan, items, secretariat):
    other = f.make_plan(network, title="Another plan")
    other_item = f.make_item(f.make_section(other), what="Elsewhere")
    plan_actions.do_update_item(secretariat, items["exchange"], status=ItemStatus.DONE)
    plan_actions.do_update_item(secretariat, other_item, status=ItemStatus.DONE)
    client.force_login(secretariat)
    html = client.get(url("plan_changes", network, plan)).content.decode()
    assert "Elsewhere" not in html
    assert html.index("Status: Planned → Done") < html.index("General Assembly")
    assert reverse("plans:item", args=[network.slug, items["exchange"].pk]) in html


def test_changes_are_paginated(client, network, plan, section, secretariat):
    item = f.make_item(section, what="Busy item")
    for i in range(60):
        plan_actions.do_update_item(secretariat, item, progress_note=f"note {i}")
    client.force_login(secretariat)
    html = client.get(url("plan_changes", network, plan)).content.decode()
    assert "note 59" in html and "→ note 5<" not in html and "Page 1 of 2" in html
    assert "→ note 5<" in client.get(url("plan_changes", network, plan, page=2)).content.decode()


# Query counts ---------------------------------------------------------------------------------------------------


def _bulk_items(section, orgs, n: int) -> None:
    plan = section.plan
    created = Item.objects.bulk_create(
        [
            Item(
                plan=plan,
                section=section,
                what=f"Bulk {i}",
                order=i,
                when_text="September",
                start=dt.date(2021, 9, 1) if i % 3 else None,
                end=dt.date(2021, 9, 30) if i % 3 else None,
                open_call=i % 7 == 0,
                tentative=i % 5 == 0,
            )
            for i in range(n)
        ]
    )
    ItemOwner.objects.bulk_create(
        [ItemOwner(item=it, position=0, organisation=orgs["ZSI"]) for it in created]
        + [ItemOwner(item=it, position=1, text="Symlog") for it in created]
    )


def _count(client, django_assert_num_queries, path, expected=None):
    """Queries to build the page (its cached body emptied first), then to show it again."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    result = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        result.append(len(ctx))
    return tuple(result)


# A cold build's queries: session, user, roles with the network, the plan, then the tab's own (Document: sections,
# items, owners' names, chair terms for the header's Trio and the Trio owners at once, the plans it continues
# into; Table: sections, owner choices, a page of rows with the count beside them, their owners, chair terms).
COLD_QUERIES = {"plan": 9, "plan_table": 9, "plan_timeline": 7, "plan_changes": 7}


@pytest.mark.parametrize("name", ["plan", "plan_table", "plan_timeline", "plan_changes"])
def test_plan_tabs_cost_the_same_queries_for_10_and_1000_items(
    client, network, plan, section, orgs, make_member, name, django_assert_num_queries
):
    editor = make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    client.force_login(editor)
    path = url(name, network, plan)
    _bulk_items(section, orgs, 10)
    client.get(path)
    small = _count(client, django_assert_num_queries, path)
    _bulk_items(section, orgs, 990)
    large = _count(client, django_assert_num_queries, path)
    assert small == large, f"{name}: {small} queries (cold, cached) with 10 items, {large} with 1000"
    assert large[1] < large[0] <= COLD_QUERIES[name]
    filtered = url("plan_table", network, plan, owner=orgs["ZSI"].pk, tentative="on", start="2021-09-01")
    assert max(_count(client, django_assert_num_queries, filtered)) <= 12


# Vendored JavaScript --------------------------------------------------------------------------------------------


def test_vendored_libraries_match_their_recorded_checksums_and_no_template_uses_a_cdn():
    import importlib.util
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("vendor_js", root / "scripts" / "vendor_js.py")
    vendor_js = importlib.util.module_from_spec(spec)
    sys.modules["vendor_js"] = vendor_js  # dataclasses look their module up
    spec.loader.exec_module(vendor_js)
    assert vendor_js.check() == 0
    for pkg in vendor_js.PACKAGES:
        assert any(p.name.upper().startswith("LICEN") for p in pkg.folder.iterdir()), pkg.name
    for template in (root / "accord").rglob("templates/**/*.html"):
        text = template.read_text()
        assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', text), template


def test_continued_by_names_only_the_successors_the_person_may_see(db, client):
    """A public plan's Document tab, opened by someone without a role, names a public successor but not a private
    one (the successors are read with the visibility rule, not as the plan's relation)."""
    from accord.plans.models import Plan

    net = f.make_network("Open Alliance", slug="open-alliance", is_public=True)
    first = f.make_plan(net, title="First chair's programme", is_public=True)
    later = {"start": dt.date(2022, 1, 1), "end": dt.date(2022, 6, 30)}
    shown = f.make_plan(net, title="Second chair's programme", is_public=True, **later)
    hidden = f.make_plan(net, title="Draft of a confidential programme", **later)
    Plan.objects.filter(pk__in=[shown.pk, hidden.pk]).update(previous=first)
    page = client.get(reverse("plans:plan", args=[net.slug, first.pk])).content.decode()
    assert "Second chair&#x27;s programme" in page or "Second chair's programme" in page
    assert "confidential" not in page
    member = f.make_user()
    f.grant(member, net, NetworkRole.VIEWER)
    client.force_login(member)
    as_member = client.get(reverse("plans:plan", args=[net.slug, first.pk])).content.decode()
    assert "Draft of a confidential programme" in as_member


@pytest.mark.parametrize("tab", ["plans:plan", "plans:plan_table"])
def test_a_tabs_owners_are_read_with_its_items_and_no_other_plans(client, network, plan, items, orgs, viewer, tab):
    """The Document tab reads its sections' items and their owners (joined to the plan's items, an index lookup
    each) together: on PostgreSQL in one round trip, with the chair terms. The Table tab, unfiltered, reads its
    page's owners by the same page's slice (a subquery with its LIMIT), with the page and its filters' choices.
    Another plan's owners never show."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other = f.make_plan(network, title="Another plan")
    f.make_item(f.make_section(other, "Elsewhere"), what="Not this plan", owners=[orgs["ZSI"]])
    client.force_login(viewer)
    cache.clear()
    with CaptureQueriesContext(connection) as queries, sent_statements() as pipelined:
        html = client.get(reverse(tab, args=[network.slug, plan.pk])).content.decode()
    owners = [q["sql"] for q in queries if 'FROM "plans_itemowner"' in q["sql"] and '"item_id" AS' in q["sql"]]
    assert len(owners) == 1
    by_plan = '"plans_item"."plan_id"' in owners[0]
    assert by_plan is (tab == "plans:plan"), owners
    if tab == "plans:plan_table":
        assert " IN (SELECT " in owners[0] and " LIMIT " in owners[0].split(" IN (SELECT ", 1)[1]
    if connection.vendor == "postgresql":
        together = {sql.split(" FROM ")[1].split(" ")[0] for sql, on in pipelined if on}
        assert {'"plans_item"', '"plans_itemowner"', '"network_chairterm"'} <= together, pipelined
    assert "DLR-PT" in html and "Not this plan" not in html


def test_a_plan_or_item_read_by_its_key_is_not_sorted(network, plan, items):
    """The plan's tabs and the item page read one plan or item by its key: with no ORDER BY, which the models'
    default orders would add with a join of the network (plans) or the section (items) to sort one row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.plans import queries

    item = next(iter(items.values())) if isinstance(items, dict) else items[0]
    with CaptureQueriesContext(connection) as ctx:
        assert queries.plan_page_head(plan.pk, network) == plan
        assert queries.item_page_head(item.pk) == item
        assert queries.item_with_owners(item.pk) == item
    heads = [
        q["sql"] for q in ctx.captured_queries if '"plans_item"."id" =' in q["sql"] or '"plans_plan"."id" =' in q["sql"]
    ]
    assert len(heads) == 3, heads
    assert not [sql for sql in heads if "ORDER BY" in sql]
    assert not [sql for sql in heads if '"network_network"' in sql]  # none of them shows the network
