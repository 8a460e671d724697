import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accord.audit.actors import SYSTEM
from accord.plans import actions
from accord.plans.models import Item, ItemOwner, Plan
from accord.testing import factories as f

D = dt.date


def test_plan_period_must_not_end_before_it_starts(network):
    with pytest.raises(ValidationError):
        f.make_plan(network, start=D(2022, 1, 1), end=D(2021, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(network=network, title="x", period_start=D(2022, 1, 1), period_end=D(2021, 1, 1))


def test_item_needs_a_what(section):
    with pytest.raises(ValidationError):
        f.make_item(section, what="   ")
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(plan=section.plan, section=section, what="")


def test_item_interval_must_not_run_backwards(section):
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(plan=section.plan, section=section, what="x", start=D(2021, 9, 1), end=D(2021, 8, 1))


def test_owners_keep_their_order_and_kinds(section, orgs):
    from accord.network.actions import do_create_group

    trio = do_create_group(SYSTEM, section.plan.network, name="Trio", kind="trio")
    item = f.make_item(section, owners=[orgs["ZSI"], orgs["DLR-PT"], trio, "InsSciDE partners"])
    assert [o.name for o in item.owners.all()] == ["ZSI", "DLR-PT", "Trio", "InsSciDE partners"]
    assert [type(o.target).__name__ if o.target else "text" for o in item.owners.all()] == [
        "Organisation",
        "Organisation",
        "Group",
        "text",
    ]


def test_an_owner_is_exactly_one_thing(section, orgs):
    item = f.make_item(section)
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemOwner.objects.create(item=item, position=0, organisation=orgs["ZSI"], text="ZSI")
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemOwner.objects.create(item=item, position=1)


def test_overlapping_finds_items_in_a_window(section):
    inside = f.make_item(section, what="inside", start=D(2021, 11, 24), end=D(2021, 12, 10))
    f.make_item(section, what="before", start=D(2021, 7, 1), end=D(2021, 7, 31))
    open_ended = f.make_item(section, what="asap", start=D(2021, 7, 1), end=None)
    undated = f.make_item(section, what="no date")
    found = set(Item.objects.overlapping(D(2021, 12, 1), D(2021, 12, 31)))
    assert found == {inside, open_ended}
    assert undated not in found


def test_stale_edit_is_refused(section):
    item = f.make_item(section)
    actions.do_update_item(SYSTEM, item, status="in_progress", expected_version=1)
    with pytest.raises(actions.StaleEdit) as err:
        actions.do_update_item(SYSTEM, item, status="done", expected_version=1)
    assert err.value.current.status == "in_progress"
    item.refresh_from_db()
    assert item.status == "in_progress" and item.version == 2


def test_carry_over_links_the_new_item_to_its_predecessor(network, section, orgs):
    item = f.make_item(section, what="Stakeholder mapping", owners=[orgs["CNRS"]])
    nxt = f.make_plan(network, title="Next", start=D(2022, 1, 1), end=D(2022, 6, 30))
    new = actions.do_carry_over(SYSTEM, item, f.make_section(nxt))
    item.refresh_from_db()
    assert new.predecessor == item and item.status == "carried_over"
    assert [o.name for o in new.owners.all()] == ["CNRS"]
    with pytest.raises(ValidationError):
        actions.do_carry_over(SYSTEM, item, f.make_section(nxt))


def test_an_item_moves_only_within_its_plan_and_the_move_is_logged(network, plan, section):
    from accord.audit.models import AuditEntry

    item = f.make_item(section, what="Stakeholder mapping")
    other = f.make_section(plan, "Trainings", number="3")
    actions.do_move_item(SYSTEM, item, other, order=4, note="moved by hand")
    item.refresh_from_db()
    assert (item.section, item.order) == (other, 4)
    entry = AuditEntry.objects.for_object(item).filter(action="update").get()
    assert entry.note == "moved by hand" and entry.changes["order"] == [0, 4]
    elsewhere = f.make_section(f.make_plan(network, title="Another plan"))
    with pytest.raises(ValidationError):
        actions.do_move_item(SYSTEM, item, elsewhere, order=0)
