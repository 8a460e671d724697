"""The plans app's chokepoints: each action as every role (the role fixtures, the system and a forgotten actor).
Allowed roles succeed and write their audit entry; refused roles raise and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.plans import actions
from accord.plans.models import Comment, Item, Plan, Section
from accord.testing import factories as f
from tests.chokepoints import EDITORS, MEMBERS, actors, check_action


@pytest.fixture
def world(plan, section, orgs, every_role):
    later = f.make_plan(plan.network, title="Next programme", start=dt.date(2022, 1, 1), end=dt.date(2022, 6, 30))
    return {
        "plan": plan,
        "section": section,
        "later": f.make_section(later, "Next"),
        "other": f.make_section(plan, "Another"),
        "zsi": f.make_item(section, what="ZSI's", owners=[orgs["ZSI"]]),
        "dlr": f.make_item(section, what="DLR-PT's", owners=[orgs["DLR-PT"]]),
        "open": f.make_item(section, what="Anyone?", open_call=True),
        "comment": actions.do_add_comment(every_role["viewer"], Item.objects.get(what="DLR-PT's"), "Agreed"),
        "orgs": orgs,
    }


def plan_(w):
    return Plan.objects.get(pk=w["plan"].pk)


def section_(w, key="section"):
    return Section.objects.get(pk=w[key].pk)


def item_(w, key):
    return Item.objects.select_related("plan").get(pk=w[key].pk)


ZSI_EDITS = EDITORS | {"zsi_editor"}

ACTIONS = {
    "create plan": (EDITORS, lambda u, w: actions.do_create_plan(u, w["plan"].network, title="New"), 1),
    "update plan": (EDITORS, lambda u, w: actions.do_update_plan(u, plan_(w), theme="Oceans"), 1),
    "delete plan": (EDITORS, lambda u, w: actions.do_delete_plan(u, plan_(w)), 1),
    "create section": (EDITORS, lambda u, w: actions.do_create_section(u, plan_(w), title="More"), 1),
    "update section": (EDITORS, lambda u, w: actions.do_update_section(u, section_(w), narrative="Why"), 1),
    "delete section": (EDITORS, lambda u, w: actions.do_delete_section(u, section_(w, "other")), 1),
    "create item": (EDITORS, lambda u, w: actions.do_create_item(u, section_(w), what="Newsletter"), 1),
    "update own item's status": (ZSI_EDITS, lambda u, w: actions.do_update_item(u, item_(w, "zsi"), status="done"), 1),
    "update another's item": (EDITORS, lambda u, w: actions.do_update_item(u, item_(w, "dlr"), status="done"), 1),
    "update own item's What": (EDITORS, lambda u, w: actions.do_update_item(u, item_(w, "zsi"), what="Other"), 1),
    "edit own item": (ZSI_EDITS, lambda u, w: actions.do_edit_item(u, item_(w, "zsi"), progress_note="On track"), 1),
    "set owners": (EDITORS, lambda u, w: actions.do_set_item_owners(u, item_(w, "zsi"), [w["orgs"]["VUB"]]), 1),
    "take open call": ({"zsi_editor"}, lambda u, w: actions.do_take_open_call(u, item_(w, "open")), 1),
    "move item": (EDITORS, lambda u, w: actions.do_move_item(u, item_(w, "zsi"), section_(w, "other"), order=0), 1),
    "delete item": (EDITORS, lambda u, w: actions.do_delete_item(u, item_(w, "dlr")), 1),
    "carry over": (EDITORS, lambda u, w: actions.do_carry_over(u, item_(w, "zsi"), section_(w, "later")), 2),
    "comment": (MEMBERS, lambda u, w: actions.do_add_comment(u, item_(w, "dlr"), "Can we help?"), 1),
    "remove comment": (EDITORS, lambda u, w: actions.do_delete_comment(u, Comment.objects.get(pk=w["comment"].pk)), 1),
}


@pytest.mark.parametrize("name", ACTIONS)
def test_each_plans_action_as_every_role(world, every_role, name):
    allowed, act, entries = ACTIONS[name]
    wrong = check_action(actors(every_role), allowed, lambda user: act(user, world), entries)
    assert not wrong, "\n".join(wrong)
