"""The item page: the whole story of one line of work, its edit form, comments and open calls."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accord.audit.models import AuditEntry
from accord.events.models import Event, ItemEvent, ItemEventRelation
from accord.network.models import NetworkRole
from accord.plans import actions as plan_actions
from accord.plans.models import Comment, Item, ItemOwner, ItemStatus, SourceDocument
from accord.testing import factories as f


@pytest.fixture
def item(section, orgs):
    return f.make_item(
        section,
        what="Exchange with advisory partners",
        owners=[orgs["ZSI"], orgs["CNRS"]],
        when_text="September (tbc)",
        start=dt.date(2021, 9, 1),
        end=dt.date(2021, 9, 30),
        precision="month",
        tentative=True,
        who_text="ZSI/CNRS",
    )


def page(network, item) -> str:
    return reverse("plans:item", args=[network.slug, item.pk])


def form_data(item, **values):
    data = {
        "version": item.version,
        "status": item.status,
        "when_text": item.when_text,
        "progress_note": item.progress_note,
        "start": "",
        "end": "",
    }
    data.update(values)
    return data


# What the page shows -------------------------------------------------------------------------------------------


def test_the_item_page_tells_the_whole_story(client, network, item, orgs, viewer, secretariat):
    document = SourceDocument.objects.create(network=network, name="Work programme n°3.docx", checksum="x" * 64)
    Item.objects.filter(pk=item.pk).update(source_document=document, source_location={"table": 2, "row": 5})
    event = Event.objects.create(
        network=network,
        title="General Assembly in Brussels",
        when_text="1 December",
        start=dt.date(2021, 12, 1),
        end=dt.date(2021, 12, 1),
    )
    ItemEvent.objects.create(item=item, event=event, relation=ItemEventRelation.PREPARES)
    plan_actions.do_update_item(secretariat, item, status=ItemStatus.IN_PROGRESS)
    client.force_login(viewer)
    html = client.get(page(network, item)).content.decode()
    assert "<h1>Exchange with advisory partners</h1>" in html
    assert reverse("network:organisation", args=[network.slug, orgs["ZSI"].slug]) in html
    assert "as written: ZSI/CNRS" in html
    assert "September (tbc)" in html and "2021-09-01 – 2021-09-30" in html and "tbc" in html
    assert "Work programme n°3.docx, table 2, row 5" in html
    assert "prepares" in html and "General Assembly in Brussels" in html
    status = html[html.index("Status history") :]
    assert "planned → in progress" in status
    assert "Comments" in html and 'name="body"' in html  # a viewer may comment
    assert 'id="edit"' not in html and "take it" not in html  # but not edit


def test_the_edit_form_has_labelled_fields_and_the_loaded_version(client, network, item, zsi_editor, secretariat):
    client.force_login(zsi_editor)
    html = client.get(page(network, item)).content.decode()
    for label, field in (
        ("Status", "status"),
        ("When", "when_text"),
        ("Progress note", "progress_note"),
        ("Start", "start"),
        ("End", "end"),
    ):
        assert f'<label for="id_{field}">{label}</label>' in html
    assert 'for="id_owners"' not in html
    assert f'name="version" value="{item.version}"' in html and ">Save</button>" in html
    assert 'aria-live="polite"' in html and reverse("plans:plan_when", args=[network.slug, item.plan_id]) in html
    client.force_login(secretariat)
    html = client.get(page(network, item)).content.decode()
    assert '<label for="id_owners">Owners</label>' in html and 'value="ZSI, CNRS"' in html


# Saving --------------------------------------------------------------------------------------------------------


def test_saving_status_note_and_when_says_what_happened(client, network, item, zsi_editor):
    client.force_login(zsi_editor)
    response = client.post(
        page(network, item),
        form_data(
            item, status="in_progress", progress_note="Draft sent to the Board.", when_text="early December (tbc)"
        ),
    )
    assert response.status_code == 302 and response["Location"] == page(network, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS and item.progress_note == "Draft sent to the Board."
    assert (item.start, item.end, item.tentative) == (dt.date(2021, 12, 1), dt.date(2021, 12, 10), True)
    assert not item.when_set_by_hand and item.version == 2
    html = client.get(page(network, item)).content.decode()
    assert "Saved. &#x27;Exchange with advisory partners&#x27; is now in progress." in html
    assert 'aria-live="polite"' in html


def test_dates_set_by_hand_win_over_the_words_until_cleared(client, network, item, zsi_editor):
    client.force_login(zsi_editor)
    client.post(page(network, item), form_data(item, start="2021-09-15", end="2021-10-15"))
    item.refresh_from_db()
    assert (item.start, item.end, item.when_set_by_hand) == (dt.date(2021, 9, 15), dt.date(2021, 10, 15), True)
    assert item.when_text == "September (tbc)"
    html = client.get(page(network, item)).content.decode()
    assert 'value="2021-09-15"' in html and "dates set by hand" in html
    client.post(page(network, item), form_data(item, start="", end=""))
    item.refresh_from_db()
    assert (item.start, item.end, item.when_set_by_hand) == (dt.date(2021, 9, 1), dt.date(2021, 9, 30), False)


def test_an_end_before_the_start_is_refused_next_to_the_field(client, network, item, zsi_editor):
    client.force_login(zsi_editor)
    before = AuditEntry.objects.count()
    response = client.post(page(network, item), form_data(item, start="2021-10-15", end="2021-09-15"))
    assert response.status_code == 200
    assert "The end cannot be before the start." in response.content.decode()
    assert AuditEntry.objects.count() == before and Item.objects.get(pk=item.pk).version == item.version


def test_a_stale_save_shows_both_versions_side_by_side_and_overwrites_nothing(
    client, network, item, zsi_editor, secretariat
):
    loaded = item.version
    plan_actions.do_update_item(secretariat, item, status=ItemStatus.DONE, progress_note="Finished by the Trio.")
    client.force_login(zsi_editor)
    before = AuditEntry.objects.count()
    response = client.post(
        page(network, item), form_data(item, version=loaded, status="dropped", progress_note="We stop here.")
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "This item changed while you were editing" in html
    assert "We stop here." in html and "Finished by the Trio." in html
    assert "Your version" in html and "Current version" in html and "differs" in html
    assert AuditEntry.objects.count() == before
    current = Item.objects.get(pk=item.pk)
    assert current.status == ItemStatus.DONE and current.progress_note == "Finished by the Trio."
    # "Keep mine" and the edit form below (still holding the person's words) now carry the current version.
    assert f'name="version" value="{loaded}"' not in html
    assert html.count(f'name="version" value="{current.version}"') == 2
    assert html.count("We stop here.") >= 2
    client.post(page(network, item), form_data(current, status="dropped", progress_note="We stop here."))
    current.refresh_from_db()
    assert current.status == ItemStatus.DROPPED and current.progress_note == "We stop here."


def test_the_secretariat_reassigns_from_the_item_page(client, network, item, orgs, secretariat):
    client.force_login(secretariat)
    client.post(page(network, item), form_data(item, owners="DLR-PT / Trio"))
    owners = list(ItemOwner.objects.filter(item=item).order_by("position"))
    assert [(o.organisation, o.text) for o in owners] == [(orgs["DLR-PT"], ""), (None, "Trio")]


def test_a_member_editor_cannot_reassign_through_the_form(client, network, item, orgs, zsi_editor):
    client.force_login(zsi_editor)
    client.post(page(network, item), form_data(item, owners="VUB"))
    assert [o.organisation for o in ItemOwner.objects.filter(item=item).order_by("position")] == [
        orgs["ZSI"],
        orgs["CNRS"],
    ]


# Comments ------------------------------------------------------------------------------------------------------


def test_a_viewer_adds_a_comment_and_it_is_escaped_and_audited(client, network, item, viewer):
    client.force_login(viewer)
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("plans:item_comment", args=[network.slug, item.pk]), {"body": "  Can <b>DLR-PT</b> help here?  "}
    )
    comment = Comment.objects.get(item=item)
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.body == "Can <b>DLR-PT</b> help here?" and comment.author == viewer
    assert AuditEntry.objects.count() == before + 1
    html = client.get(page(network, item)).content.decode()
    assert "Can &lt;b&gt;DLR-PT&lt;/b&gt; help here?" in html and "Your comment was added." in html


def test_an_empty_comment_is_refused(client, network, item, viewer):
    client.force_login(viewer)
    client.post(reverse("plans:item_comment", args=[network.slug, item.pk]), {"body": "   "})
    assert not Comment.objects.exists()


def test_comments_are_shown_in_order(client, network, item, viewer, secretariat):
    plan_actions.do_add_comment(secretariat, item, "First")
    plan_actions.do_add_comment(viewer, item, "Second")
    client.force_login(viewer)
    html = client.get(page(network, item)).content.decode()
    assert html.index("First") < html.index("Second")


# Open calls ----------------------------------------------------------------------------------------------------


def test_we_take_an_open_call_from_the_item_page(client, network, section, orgs, zsi_editor):
    item = f.make_item(section, what="Stakeholder mapping", open_call=True, who_text="Any volunteers?")
    client.force_login(zsi_editor)
    html = client.get(page(network, item)).content.decode()
    assert "We'll take it</button>" in html
    response = client.post(reverse("plans:item_take", args=[network.slug, item.pk]))
    assert response.status_code == 302 and response["Location"] == page(network, item)
    item.refresh_from_db()
    assert not item.open_call and [o.organisation for o in item.owners.all()] == [orgs["ZSI"]]
    assert "Thank you: ZSI now owns" in client.get(page(network, item)).content.decode()


# Query counts --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.SECRETARIAT])
def test_the_item_page_costs_the_same_queries_in_a_plan_of_10_or_1000_items(
    client, network, section, orgs, item, make_member, role
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> tuple[int, int]:
        """Queries to build the page (cold), then to show it again (its body cached)."""
        cache.clear()
        result = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(page(network, item)).status_code == 200
            result.append(len(ctx))
        return result[0], result[1]

    user = make_member(role)
    plan_actions.do_add_comment(user, item, "A comment")
    client.force_login(user)
    Item.objects.bulk_create(
        [Item(plan=section.plan, section=section, what=f"Bulk {i}", order=i + 1) for i in range(10)]
    )
    client.get(page(network, item))
    small = count()
    Item.objects.bulk_create(
        [Item(plan=section.plan, section=section, what=f"More {i}", order=i + 20) for i in range(990)]
    )
    for i in range(20):
        plan_actions.do_add_comment(user, item, f"Comment {i}")
    assert count() == small
    # Cold: the item is read once with its plan and the relations its page shows (not again for the body).
    assert small[1] < small[0] <= 10


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ZSI / DLR-PT, Trio", ["ZSI", "DLR-PT", "Trio"]),
        ("CNRS/Sorbonne Université, ZSI", ["CNRS/Sorbonne Université", "ZSI"]),  # a known name keeps its slash
        ("zsi; zsi", ["ZSI"]),
        ("  ", []),
        ("Symlog + ZSI", ["Symlog", "ZSI"]),
        ("ZSI and DLR-PT", ["ZSI", "DLR-PT"]),  # what importing the same cell gives
    ],
)
def test_the_owners_field_reads_names_in_order(db, text, expected):
    from accord.plans.forms import split_owners

    zsi = f.make_organisation("ZSI")
    dlr = f.make_organisation("DLR-PT", aliases=["DLR"])
    cnrs = f.make_organisation("CNRS/Sorbonne Université")
    known = {n.casefold(): o for o in (zsi, dlr, cnrs) for n in o.names}
    owners = split_owners(text, known)
    assert [str(o) for o in owners] == expected
    assert all(not isinstance(o, str) for o in owners if str(o) in {"ZSI", "DLR-PT", "CNRS/Sorbonne Université"})


def test_an_item_of_another_network_answers_404_under_this_networks_address(
    client, network, other_network, item, secretariat
):
    """Loading the item page's data with this network's records must not make another network's item pass as
    this network's: reading, editing and commenting all answer 404."""
    foreign = f.make_item(f.make_section(f.make_plan(other_network, title="Their plan")), what="Their own line")
    client.force_login(secretariat)
    address = page(network, foreign)
    assert client.get(address).status_code == 404
    assert client.post(address, form_data(foreign, status=ItemStatus.DONE)).status_code == 404
    comment = reverse("plans:item_comment", args=[network.slug, foreign.pk])
    assert client.post(comment, {"body": "Not yours"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status != ItemStatus.DONE and not foreign.comments.exists()
