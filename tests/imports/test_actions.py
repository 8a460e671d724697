"""do_import_draft: one transaction, provenance, re-import diffs, edits kept, names resolved without merging."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.imports.actions import do_import_draft
from accord.imports.diff import find_existing_plan, title_key
from accord.imports.drafts import draft_from_json, read_draft
from accord.imports.resolve import Action, OwnerResolver
from accord.network.models import Group, GroupKind, NetworkRole, Organisation
from accord.plans import actions as plan_actions
from accord.plans.models import Item, Plan, Section, SourceDocument
from accord.testing import factories as f
from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location
from accord.text.timeframe import Context, Precision, Timeframe
from tests.imports.conftest import revise


def draft_of(text: str, name: str = "wp.txt") -> Draft:
    return read_draft(name, text.encode())


def hand_draft(**kw) -> Draft:
    items = kw.pop("items", None) or [
        DraftItem(
            kind=ItemKind.ACTION,
            what="Write the annual report",
            who_raw="ZSI/CNRS",
            owners=["ZSI", "CNRS"],
            when_raw="May 2021",
            timeframe=Timeframe("May 2021", dt.date(2021, 5, 1), dt.date(2021, 5, 31), Precision.MONTH),
            location=Location(line=7, table=1, row=1),
        ),
        DraftItem(
            kind=ItemKind.ACTION,
            what="Find a venue",
            who_raw="Any volunteers?",
            open_call=True,
            location=Location(line=8, table=1, row=2),
        ),
    ]
    return Draft(
        source=kw.pop("source", "hand.txt"),
        title=kw.pop("title", "Hand-made Programme"),
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 6, 30),
        checksum=kw.pop("checksum", "c1"),
        sections=[
            DraftSection(number="1", title="Reporting", narrative="Why.", items=items, context=kw.pop("context", None))
        ],
        **kw,
    )


def test_a_hand_made_draft_becomes_a_plan_with_provenance(network, orgs):
    report = do_import_draft(SYSTEM, network, hand_draft())
    plan = Plan.objects.get(pk=report.plan_id)
    assert (plan.title, plan.period_start, plan.source_document.name) == (
        "Hand-made Programme",
        dt.date(2021, 1, 1),
        "hand.txt",
    )
    item = Item.objects.get(what="Write the annual report")
    assert [o.organisation for o in item.owners.all()] == [orgs["ZSI"], orgs["CNRS"]]
    assert (item.start, item.end, item.when_text, item.precision) == (
        dt.date(2021, 5, 1),
        dt.date(2021, 5, 31),
        "May 2021",
        "month",
    )
    assert item.source_document.checksum == "c1"
    assert item.source_location == {"line": 7, "table": 1, "row": 1}
    assert Item.objects.get(what="Find a venue").open_call
    assert report.owners_matched == ["ZSI", "CNRS"] and report.owners_new == []


def test_section_context_is_saved(network):
    report = do_import_draft(SYSTEM, network, hand_draft(context=Context.year(2018)))
    section = Section.objects.get(plan_id=report.plan_id)
    assert (section.context_start, section.context_end) == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))


def test_provenance_of_a_document_read_from_text(network, wp_text):
    do_import_draft(SYSTEM, network, draft_of(wp_text))
    item = Item.objects.get(what="Summer school on negotiation")
    assert item.source_document.name == "wp.txt" and len(item.source_document.checksum) == 64
    assert item.source_location == {"line": 21, "table": 2, "row": 1}


def test_only_secretariat_and_admin_may_import(network, make_member):
    for role in (NetworkRole.VIEWER, NetworkRole.MEMBER_EDITOR):
        with pytest.raises(PermissionDenied):
            do_import_draft(make_member(role), network, hand_draft())
    assert not Plan.objects.exists()
    report = do_import_draft(make_member(NetworkRole.SECRETARIAT), network, hand_draft())
    assert report.outcome == "created"


def test_a_failure_half_way_leaves_nothing(network, monkeypatch, wp_text):
    calls = {"n": 0}
    real = plan_actions.do_create_item

    def failing(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full")
        return real(*args, **kw)

    monkeypatch.setattr(plan_actions, "do_create_item", failing)
    before = (Organisation.objects.count(), Group.objects.count(), AuditEntry.objects.count())
    with pytest.raises(RuntimeError):
        do_import_draft(SYSTEM, network, draft_of(wp_text))
    assert not Plan.objects.exists() and not Item.objects.exists() and not SourceDocument.objects.exists()
    assert (Organisation.objects.count(), Group.objects.count(), AuditEntry.objects.count()) == before


def test_the_same_file_again_changes_nothing(network, wp_text):
    do_import_draft(SYSTEM, network, draft_of(wp_text))
    entries = AuditEntry.objects.count()
    report = do_import_draft(SYSTEM, network, draft_of(wp_text))
    assert report.outcome == "unchanged" and not report.changed
    assert AuditEntry.objects.count() == entries and Plan.objects.count() == 1
    assert SourceDocument.objects.count() == 1


def test_the_same_content_in_another_file_changes_nothing(network, wp_text):
    do_import_draft(SYSTEM, network, draft_of(wp_text))
    entries = AuditEntry.objects.count()
    report = do_import_draft(SYSTEM, network, draft_of(wp_text + "\n\n", name="copy.txt"))
    assert report.outcome == "unchanged" and AuditEntry.objects.count() == entries


def revised(wp_text: str) -> str:
    return revise(
        wp_text,
        ("Work Programme\n", "Work Programme n°2\n"),
        ("Set up a mailing list\t", "Set up the members' mailing list\t"),  # reworded
        ("Quarterly newsletter\tBETA\tOngoing\n", ""),  # removed
        ("Annual meeting of members\tALPHA\tJune 2023", "Annual meeting of members\tGAMMA\tJune 2023"),  # re-owned
        (
            "Summer school on negotiation\tGAMMA and Steering Board\tMay 2023",
            "Summer school on negotiation\tGAMMA and Steering Board\tApril 2023",
        ),  # rescheduled
        ("Online seminar series", "Online seminar series\tBETA\tMarch 2023\nPodcast pilot"),  # added
    )


def test_a_revised_version_updates_the_plan_and_says_what_changed(network, wp_text):
    first = do_import_draft(SYSTEM, network, draft_of(wp_text))
    report = do_import_draft(SYSTEM, network, draft_of(revised(wp_text), name="wp-v2.txt"))
    assert report.outcome == "updated" and report.plan_id == first.plan_id
    assert report.reworded == ["Set up a mailing list → Set up the members' mailing list"]
    assert report.removed == ["Quarterly newsletter"]
    assert report.reowned == ["Annual meeting of members: ALPHA → GAMMA"]
    assert report.rescheduled == [
        "Summer school on negotiation: May 2023 → April 2023",
        "Online seminar series: sometime soonish → March 2023",
    ]
    assert report.added == ["Podcast pilot"]
    plan = Plan.objects.get(pk=first.plan_id)
    assert plan.title == "Work Programme n°2" and plan.source_document.name == "wp-v2.txt"
    summer = Item.objects.get(what="Summer school on negotiation")
    assert (summer.start, summer.end) == (dt.date(2023, 4, 1), dt.date(2023, 4, 30))
    assert summer.source_document.name == "wp-v2.txt"
    assert Item.objects.get(what="Quarterly newsletter").removed_from_document  # kept, marked
    # The reworded item is the same record: its history continues.
    mailing = Item.objects.get(what="Set up the members' mailing list")
    assert AuditEntry.objects.for_object(mailing).count() == 2
    assert Plan.objects.count() == 1


def test_edits_made_in_accord_are_kept_unless_the_document_version_is_chosen(network, wp_text, secretariat):
    do_import_draft(SYSTEM, network, draft_of(wp_text))
    summer = Item.objects.get(what="Summer school on negotiation")
    plan_actions.do_update_item(
        secretariat,
        summer,
        when_text="June 2023",
        start=dt.date(2023, 6, 1),
        end=dt.date(2023, 6, 30),
        status="in_progress",
    )
    newsletter = Item.objects.get(what="Quarterly newsletter")
    plan_actions.do_update_item(secretariat, newsletter, progress_note="First issue sent.")
    report = do_import_draft(SYSTEM, network, draft_of(revised(wp_text), name="wp-v2.txt"))
    assert "Summer school on negotiation" in report.kept and "Quarterly newsletter" in report.kept
    assert not any(r.startswith("Summer school") for r in report.rescheduled) and report.removed == []
    summer.refresh_from_db()
    assert summer.when_text == "June 2023" and summer.status == "in_progress"
    assert Item.objects.filter(what="Quarterly newsletter").exists()

    report = do_import_draft(
        SYSTEM, network, draft_of(revised(wp_text), name="wp-v2.txt"), choose_document_version=True
    )
    summer.refresh_from_db()
    assert summer.when_text == "April 2023" and summer.status == "in_progress"  # status is Accord's own
    assert report.removed == ["Quarterly newsletter"]


def test_items_added_in_accord_are_not_removed_by_a_re_import(network, wp_text):
    report = do_import_draft(SYSTEM, network, draft_of(wp_text))
    section = Section.objects.filter(plan_id=report.plan_id).first()
    f.make_item(section, what="Added by the secretariat")
    report = do_import_draft(SYSTEM, network, draft_of(revised(wp_text), name="wp-v2.txt"))
    assert Item.objects.filter(what="Added by the secretariat").exists()
    assert "Added by the secretariat" in report.kept


def test_re_import_is_found_by_title_without_version_words_and_period(network, wp_text):
    do_import_draft(SYSTEM, network, draft_of(wp_text))
    assert title_key("Draft Work Programme n°3") == title_key("Work Programme") == "work programme"
    other_period = draft_of(wp_text.replace("January – June 2023", "July – December 2023"))
    assert find_existing_plan(network, other_period) is None
    assert find_existing_plan(network, draft_of(revised(wp_text))) is not None


def test_names_resolve_by_alias_and_new_names_become_organisations_and_groups(network, alpha, wp_text):
    report = do_import_draft(SYSTEM, network, draft_of(wp_text.replace("ALPHA/BETA", "Alpha Inst./BETA")))
    mailing = Item.objects.get(what="Set up a mailing list")
    assert [o.name for o in mailing.owners.all()] == ["ALPHA", "BETA"]
    assert mailing.owners.all()[0].organisation == alpha
    assert set(report.owners_new) == {"BETA", "GAMMA", "Steering Board"}
    assert Group.objects.get(network=network, name="Steering Board").kind == GroupKind.BOARD


def test_acronyms_one_letter_apart_are_never_merged(network):
    cnr = f.make_organisation("CNR")
    f.make_plan(network)  # CNR owns something in this network, so the network knows it
    item = f.make_item(f.make_section(Plan.objects.get(network=network)), what="x", owners=[cnr])
    assert item.owners.get().organisation == cnr
    resolver = OwnerResolver(network)
    res = resolver.resolve("CNRS")
    assert res.action == Action.NEW_ORGANISATION and res.label == "CNRS"
    assert resolver.resolve("cnr").id == cnr.pk


def test_a_similar_name_is_matched_and_reported(network):
    dlr = f.make_organisation("DLR-PT")
    f.net_actions.do_add_membership(SYSTEM, network, dlr)
    draft = hand_draft(items=[DraftItem(kind=ItemKind.ACTION, what="Trio meetings", owners=["DLR"])])
    report = do_import_draft(SYSTEM, network, draft)
    assert Item.objects.get(what="Trio meetings").owners.get().organisation == dlr
    assert report.similar == ["DLR → DLR-PT"]
    dlr.refresh_from_db()
    assert "DLR" not in dlr.aliases  # not confirmed by a person: not learned


def test_a_persons_choice_is_learned_as_an_alias(network, orgs):
    draft = hand_draft(items=[DraftItem(kind=ItemKind.ACTION, what="Sign the agreement", owners=["Zentrum f. SI"])])
    do_import_draft(
        SYSTEM, network, draft, resolutions={"Zentrum f. SI": {"action": "organisation", "id": orgs["ZSI"].pk}}
    )
    orgs["ZSI"].refresh_from_db()
    assert "Zentrum f. SI" in orgs["ZSI"].aliases
    assert OwnerResolver(network).resolve("Zentrum f. SI").id == orgs["ZSI"].pk


def test_keep_as_text_and_existing_group(network):
    trio = f.net_actions.do_create_group(SYSTEM, network, name="Trio", kind=GroupKind.TRIO)
    draft = hand_draft(items=[DraftItem(kind=ItemKind.ACTION, what="Plan the year", owners=["Trio", "a friend"])])
    do_import_draft(SYSTEM, network, draft, resolutions={"a friend": {"action": "text"}})
    owners = list(Item.objects.get(what="Plan the year").owners.all())
    assert owners[0].group == trio and owners[1].text == "a friend"


def test_a_chair_term_is_recorded_only_when_none_overlaps(network, alpha, wp_text):
    f.net_actions.do_add_chair_term(SYSTEM, network, alpha, start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    report = do_import_draft(SYSTEM, network, draft_of(wp_text))
    assert report.chair_term_added is False
    assert Plan.objects.get().chair == alpha


def test_a_draft_survives_its_json_round_trip(wp_text):
    draft = draft_of(wp_text)
    assert draft_from_json(draft.to_json()).to_json() == draft.to_json()


ROUND_TRIP_DOCUMENTS = sorted(
    [
        p
        for p in (Path(__file__).resolve().parents[1] / "text" / "fixtures" / "layouts").glob("*")
        if p.suffix in {".txt", ".md", ".html"}
    ]
    + list((Path(__file__).resolve().parents[2] / "examples").glob("northern-lights-*"))
)


@pytest.mark.parametrize("path", ROUND_TRIP_DOCUMENTS, ids=lambda p: p.name)
def test_every_field_of_a_real_draft_survives_the_round_trip(path):
    """The review page keeps Drafts as JSON between requests: nothing the layout found may be lost there."""
    from accord.text.layout import import_text

    draft = import_text(path.name, path.read_bytes())
    assert draft_from_json(draft.to_json()).to_json() == draft.to_json()
