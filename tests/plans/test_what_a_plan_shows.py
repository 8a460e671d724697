"""What a plan shows: open calls closed by owners, owners as written, removed items, human words."""

from __future__ import annotations

import pytest

from accord.audit.actors import SYSTEM
from accord.plans import actions as plan_actions
from accord.plans.models import Item
from accord.testing import factories as f

# Assigning owners answers the open call --------------------------------------------------------------------------


def test_assigning_owners_closes_the_open_call(section, orgs, secretariat):
    item = f.make_item(section, what="Find a host for the workshop", open_call=True)
    plan_actions.do_set_item_owners(secretariat, item, [orgs["ZSI"], orgs["CNRS"]])
    item.refresh_from_db()
    assert item.open_call is False
    assert not Item.objects.filter(pk=item.pk, open_call=True).exists()


def test_an_edit_form_that_left_the_box_as_loaded_closes_the_call(section, orgs, secretariat):
    item = f.make_item(section, what="Find a host for the workshop", open_call=True)
    plan_actions.do_edit_item(secretariat, item, expected_version=item.version, open_call=True, owners=[orgs["ZSI"]])
    item.refresh_from_db()
    assert item.open_call is False


def test_asking_for_more_owners_explicitly_keeps_the_call(section, orgs, secretariat):
    item = f.make_item(section, what="Find a host for the workshop", owners=[orgs["ZSI"]])
    plan_actions.do_edit_item(
        secretariat, item, expected_version=item.version, open_call=True, owners=[orgs["ZSI"], orgs["CNRS"]]
    )
    item.refresh_from_db()
    assert item.open_call is True


# Human words -------------------------------------------------------------------------------------------------------


def test_history_and_changes_speak_in_words_not_field_names(client, network, plan, section, orgs, secretariat):
    from django.urls import reverse

    item = f.make_item(section, what="Mapping of stakeholders", who_text="ZSI")
    plan_actions.do_update_item(
        secretariat, item, who_text="ASO", status="in_progress", when_text="May 2021", precision="month"
    )
    plan_actions.do_set_item_owners(secretariat, item, ["ASO"])
    client.force_login(secretariat)
    for url in (
        reverse("plans:item", args=[network.slug, item.pk]),
        reverse("plans:plan_changes", args=[network.slug, plan.pk]),
    ):
        html = client.get(url).content.decode()
        html = html[html.index('id="history-h"') :] if 'id="history-h"' in html else html[html.index("changes-h") :]
        for raw in ("who_text", "when_text", "in_progress", "['ASO']", "owners "):
            assert raw not in html, (url, raw)
        assert "Who" in html and "In progress" in html and "Owners" in html and "Date precision" in html
        assert "Month" in html and html.count("precision") == html.count("Date precision")


def test_recent_changes_link_to_what_changed(client, network, section, secretariat):
    from django.urls import reverse

    item = f.make_item(section, what="Mapping of stakeholders")
    plan_actions.do_update_item(secretariat, item, status="in_progress")
    client.force_login(secretariat)
    html = client.get(reverse("workspace:home")).content.decode()
    changes = html[html.index('id="changes-h"') :]
    assert f'href="{reverse("plans:item", args=[network.slug, item.pk])}"' in changes


def test_each_kind_of_change_links_to_its_page_and_a_deletion_to_none(client, network, section, secretariat):
    """The recent changes link an item's, a plan's and an event's change to its page (one address made per kind of
    page, filled in per entry), and a deletion to nothing: its page is gone."""
    from django.urls import reverse

    from accord.events.actions import do_create_event

    plan = section.plan
    kept = f.make_item(section, what="Mapping of stakeholders")
    gone = f.make_item(section, what="Newsletter")
    plan_actions.do_update_item(secretariat, kept, status="in_progress")
    plan_actions.do_update_plan(secretariat, plan, theme="Oceans")
    event = do_create_event(secretariat, network, title="Ministerial dialogue", when_text="March 2027")
    gone_pk = gone.pk
    plan_actions.do_delete_item(secretariat, gone)
    client.force_login(secretariat)
    html = client.get(reverse("workspace:home")).content.decode()
    changes = html[html.index('id="changes-h"') :]
    for page, key in (("plans:item", kept.pk), ("plans:plan", plan.pk), ("events:event", event.pk)):
        assert f'href="{reverse(page, args=[network.slug, key])}"' in changes, page
    (deletion,) = [line for line in changes.split("<li>") if "deleted" in line]
    assert "Newsletter" in deletion and "href" not in deletion  # listed, without a link: its page is gone
    assert reverse("plans:item", args=[network.slug, gone_pk]) not in deletion


def test_my_work_says_truthfully_what_its_lists_hold(client, network, other_network, orgs, make_member):
    from django.urls import reverse

    from accord.network.models import NetworkRole

    user = make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    f.grant(user, other_network, NetworkRole.VIEWER)
    client.force_login(user)
    html = client.get(reverse("workspace:home")).content.decode()
    assert "what your organisation owns;" not in html
    assert "every item of" in html and other_network.name in html


# Owners as written ---------------------------------------------------------------------------------------------


def _import_owners(network, cells):
    from accord.imports.actions import do_import_draft
    from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location
    from accord.text.who import parse_who

    items = []
    for n, cell in enumerate(cells):
        who = parse_who(cell or None)
        items.append(
            DraftItem(
                kind=ItemKind.ACTION,
                what=f"Task number {n + 1}",
                who_raw=who.raw,
                owners=who.owners,
                open_call=who.open_call,
                location=Location(line=n + 1),
            )
        )
    report = do_import_draft(
        SYSTEM,
        network,
        Draft(
            source="owners.txt",
            title="Owners Programme",
            checksum="o1",
            sections=[DraftSection(number="1", title="Tasks", items=items)],
        ),
    )
    return list(Item.objects.filter(plan_id=report.plan_id).order_by("order"))


def test_owners_keep_how_they_were_written(network, orgs):
    items = _import_owners(
        network,
        [
            "ZSI or DLR-PT",
            "CNRS, other",
            "All interested",
            "",
            "ZSI, CNRS. Others by invitation",
            "Any volunteers?",
            "ZSI/CNRS",
        ],
    )
    assert [i.owners_mode for i in items] == [
        "either",
        "and_others",
        "everyone",
        "unspecified",
        "all",
        "open_call",
        "all",
    ]
    assert items[4].owners_note == "Others by invitation"
    # The owners themselves are what the importer gave.
    assert [o.name for o in items[0].owners.all()] == ["ZSI", "DLR-PT"]
    assert [o.name for o in items[4].owners.all()] == ["ZSI", "CNRS"]


def test_the_plan_pages_show_owners_as_written(client, network, orgs, viewer):
    from django.urls import reverse

    items = _import_owners(
        network,
        ["ZSI or DLR-PT", "CNRS, other", "All interested", "", "ZSI, CNRS. Others by invitation", "Any volunteers?"],
    )
    plan = items[0].plan
    client.force_login(viewer)
    for name in ("plans:plan", "plans:plan_table"):
        html = client.get(reverse(name, args=[network.slug, plan.pk])).content.decode()
        rows = {i.what: html[html.index(i.what) :][:1500] for i in items}
        assert '<span class="sep-word">or</span>' in rows["Task number 1"]
        assert "and others" in rows["Task number 2"]
        assert "Everyone interested" in rows["Task number 3"] and "Owner wanted" not in rows["Task number 3"][:600]
        assert "No owner named" in rows["Task number 4"]
        assert "Others by invitation" in rows["Task number 5"]
        assert "Owner wanted" in rows["Task number 6"]
    html = client.get(reverse("plans:item", args=[network.slug, items[0].pk])).content.decode()
    assert '<span class="sep-word">or</span>' in html


# A re-import that drops an item ---------------------------------------------------------------------------------


def _programme(network, whats, checksum):
    from accord.imports.actions import do_import_draft
    from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location

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
        **({"delete_removed": True} if checksum.endswith("delete") else {}),
    )


def test_a_reimport_that_drops_an_item_keeps_it_marked_removed(client, network, orgs, secretariat):
    from django.urls import reverse

    report = _programme(network, ["Map the stakeholders", "Write the annual report"], "v1")
    dropped = Item.objects.get(what="Write the annual report")
    plan_actions.do_add_comment(secretariat, dropped, "Draft outline shared.")
    report = _programme(network, ["Map the stakeholders"], "v2")
    assert report.removed == ["Write the annual report"]
    dropped.refresh_from_db()
    assert dropped.removed_from_document is True
    assert dropped.comments.count() == 1
    # Importing the same version again removes nothing more.
    assert _programme(network, ["Map the stakeholders"], "v3").removed == []
    client.force_login(secretariat)
    plan_url = reverse("plans:plan", args=[network.slug, report.plan_id])
    assert "Removed from the document" in client.get(plan_url).content.decode()
    changes = client.get(reverse("plans:plan_changes", args=[network.slug, report.plan_id])).content.decode()
    assert "Removed from the document: No → Yes" in changes
    page = client.get(reverse("plans:item", args=[network.slug, dropped.pk])).content.decode()
    assert "Removed from the document" in page and "Draft outline shared." in page
    # The line comes back: the mark goes.
    _programme(network, ["Map the stakeholders", "Write the annual report"], "v4")
    dropped.refresh_from_db()
    assert dropped.removed_from_document is False


def test_a_reimport_deletes_a_dropped_item_when_asked(network, orgs):
    _programme(network, ["Map the stakeholders", "Write the annual report"], "v1")
    report = _programme(network, ["Map the stakeholders"], "v2-delete")
    assert report.removed == ["Write the annual report"]
    assert not Item.objects.filter(what="Write the annual report").exists()


def test_the_item_page_says_an_item_is_overdue(client, network, section, viewer):
    import datetime as dt

    from django.urls import reverse

    late = f.make_item(
        section,
        what="Send the survey",
        when_text="March 2020",
        start=dt.date(2020, 3, 1),
        end=dt.date(2020, 3, 31),
        precision="month",
    )
    client.force_login(viewer)
    html = client.get(reverse("plans:item", args=[network.slug, late.pk])).content.decode()
    assert "Overdue: due 31 March 2020" in html
    Item.objects.filter(pk=late.pk).update(status="done")
    from django.core.cache import cache

    cache.clear()
    assert "Overdue" not in client.get(reverse("plans:item", args=[network.slug, late.pk])).content.decode()


def test_a_when_that_says_tbc_carries_one_tbc_chip(client, network, plan, section, viewer):
    import datetime as dt

    from django.urls import reverse

    said = f.make_item(
        section,
        what="Hold the review",
        when_text="December 2026 (tbc)",
        start=dt.date(2026, 12, 1),
        end=dt.date(2026, 12, 31),
        precision="month",
        tentative=True,
    )
    unsaid = f.make_item(
        section,
        what="Hold the retreat",
        when_text="Spring 2026",
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 5, 31),
        precision="season",
        tentative=True,
    )
    client.force_login(viewer)
    for name in ("plans:plan", "plans:plan_table"):
        html = client.get(reverse(name, args=[network.slug, plan.pk])).content.decode()
        row = html[html.index(f'id="item-{said.pk}"') :]
        row = row[: row.index("</tr>")]
        assert row.count("tbc") == 1, row
        row = html[html.index(f'id="item-{unsaid.pk}"') :]
        assert '<span class="chip tbc">tbc</span>' in row[: row.index("</tr>")]


def test_the_owner_filter_includes_groups(client, network, plan, section, orgs, viewer):
    from django.urls import reverse

    from accord.network.models import Group

    board = Group.objects.create(network=network, name="Steering Board")
    mine = f.make_item(section, what="Agree the budget", owners=[board])
    other = f.make_item(section, what="Map the stakeholders", owners=[orgs["ZSI"]])
    client.force_login(viewer)
    url = reverse("plans:plan_table", args=[network.slug, plan.pk])
    html = client.get(url).content.decode()
    assert f'<option value="g{board.pk}">Steering Board</option>' in html
    html = client.get(url, {"owner": f"g{board.pk}"}).content.decode()
    assert mine.what in html and other.what not in html
    html = client.get(url, {"owner": str(orgs["ZSI"].pk)}).content.decode()
    assert other.what in html and mine.what not in html


def test_co_owner_lists_keep_groups_and_names_and_end_cleanly(client, network, section, orgs, viewer):
    from django.urls import reverse

    from accord.network.models import Group

    board = Group.objects.create(network=network, name="Steering Board")
    f.make_item(section, what="Agree the budget", owners=[board, "Symlog", orgs["ZSI"]])
    client.force_login(viewer)
    html = client.get(reverse("network:organisation", args=[network.slug, orgs["ZSI"].slug])).content.decode()
    assert "with Steering Board, Symlog</span>" in html


def test_the_search_box_has_a_visible_label(client, viewer):
    from django.urls import reverse

    client.force_login(viewer)
    html = client.get(reverse("search:search")).content.decode()
    assert '<label for="search-q">' in html


def test_the_header_search_box_has_a_visible_label(client, viewer, network):
    """The search box in every page's header is labelled in words a person sees, not by its placeholder."""
    from django.urls import reverse

    client.force_login(viewer)
    html = client.get(reverse("workspace:home")).content.decode()
    assert '<label for="top-search">Search</label>' in html


# Periods and titles --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ((2025, 3, 25), (2025, 3, 26), "25–26 March 2025"),
        ((2025, 3, 30), (2025, 4, 2), "30 March – 2 April 2025"),
        ((2025, 12, 30), (2026, 1, 2), "30 December 2025 – 2 January 2026"),
        ((2025, 3, 25), (2025, 3, 25), "25 March 2025"),
        ((2022, 1, 1), (2022, 6, 30), "January–June 2022"),
        ((2025, 3, 1), (2025, 3, 31), "March 2025"),
        ((2021, 7, 1), (2022, 6, 30), "July 2021–June 2022"),
    ],
)
def test_a_plan_period_reads_as_a_person_writes_it(network, start, end, label):
    import datetime as dt

    from accord.plans.models import period_label_of

    plan = f.make_plan(network, title="Event programme", start=dt.date(*start), end=dt.date(*end))
    assert plan.period_label == label
    assert period_label_of(dt.date(*start), dt.date(*end)) == label  # pages showing plans read as plain values


def test_an_untitled_section_has_one_wording(client, network, plan, viewer):
    from django.urls import reverse

    from accord.plans.models import Section

    untitled = Section.objects.create(plan=plan, order=5)
    f.make_item(untitled, what="Something without a heading")
    assert str(untitled) == "Untitled section"
    client.force_login(viewer)
    for name in ("plans:plan", "plans:plan_table"):
        html = client.get(reverse(name, args=[network.slug, plan.pk])).content.decode()
        assert "Untitled section" in html and "Section 6" not in html and "(untitled section)" not in html


# Timeline ------------------------------------------------------------------------------------------------------


def _timeline(client, network, plan):
    import json

    from django.urls import reverse

    html = client.get(reverse("plans:plan_timeline", args=[network.slug, plan.pk])).content.decode()
    start = html.index('id="timeline-data"')
    return json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])


def test_a_two_day_event_gets_a_day_axis_with_room_either_side(client, network, viewer):
    import datetime as dt

    plan = f.make_plan(network, title="Forum programme", start=dt.date(2025, 3, 25), end=dt.date(2025, 3, 26))
    section = f.make_section(plan, "Day one")
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
        what="Both days",
        when_text="25-26 March",
        start=dt.date(2025, 3, 25),
        end=dt.date(2025, 3, 26),
        precision="day",
    )
    client.force_login(viewer)
    data = _timeline(client, network, plan)
    assert data["scale"] == "day"
    assert data["start"] < "2025-03-25T00:00" and data["end"] > "2025-03-27T00:00"  # nothing clipped
    assert [i["type"] for i in data["items"]] == ["point", "range"]


def test_a_yearly_plan_has_its_own_scale_and_milestones_as_points(client, network, viewer):
    import datetime as dt

    plan = f.make_plan(network, title="Year plan", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    section = f.make_section(plan, "All year")
    f.make_item(
        section,
        what="Assembly",
        when_text="12 October",
        start=dt.date(2025, 10, 12),
        end=dt.date(2025, 10, 12),
        precision="day",
    )
    f.make_item(
        section,
        what="Report",
        when_text="by February 2026",
        start=dt.date(2026, 2, 1),
        end=dt.date(2026, 2, 28),
        precision="month",
    )
    client.force_login(viewer)
    data = _timeline(client, network, plan)
    assert data["scale"] is None
    assert data["items"][0]["type"] == "point"
    assert data["end"] > "2026-03-01"  # widened to the item after the period


def test_random_bytes_named_pdf_are_told_they_are_not_a_readable_pdf():
    import os

    from accord.text.errors import UnsupportedFormat
    from accord.text.readers import detect_format

    data = bytes(range(256)) * 8 + os.urandom(512)
    with pytest.raises(UnsupportedFormat) as caught:
        detect_format("minutes.pdf", data)
    message = str(caught.value)
    assert "not a readable PDF" in message and ".pdf or" not in message


def test_my_work_open_calls_say_how_the_owners_were_written(client, network, orgs, make_member):
    """An item with an owner that welcomes others is not "Owner wanted" on My work."""
    from django.urls import reverse

    from accord.network.models import NetworkRole

    items = _import_owners(network, ["ZSI, other", "All interested", "Any volunteers?"])
    assert all(i.open_call for i in items), [(i.who_text, i.open_call) for i in items]
    client.force_login(make_member(NetworkRole.VIEWER))
    html = client.get(reverse("workspace:home")).content.decode()
    rows = {i.what: html[html.index(i.what) :][:400] for i in items}
    assert "More owners welcome" in rows["Task number 1"] and "Owner wanted" not in rows["Task number 1"]
    assert "Everyone interested" in rows["Task number 2"]
    assert "Owner wanted" in rows["Task number 3"]
