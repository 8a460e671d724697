"""What a plan shows: open calls closed by owners, owners as written, removed items, human words."""

from __future__ import annotations

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
    plan_actions.do_edit_item(secretariat, item, expected_version=item.version, open_call=True,
                              owners=[orgs["ZSI"]])
    item.refresh_from_db()
    assert item.open_call is False


def test_asking_for_more_owners_explicitly_keeps_the_call(section, orgs, secretariat):
    item = f.make_item(section, what="Find a host for the workshop", owners=[orgs["ZSI"]])
    plan_actions.do_edit_item(secretariat, item, expected_version=item.version, open_call=True,
                              owners=[orgs["ZSI"], orgs["CNRS"]])
    item.refresh_from_db()
    assert item.open_call is True
