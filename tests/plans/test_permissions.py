"""The rules for plans and items: seeing (predicate and queryset agree for every role, over public and private
networks and plans) and changing (who may edit, reassign, take and comment), role by role."""

from __future__ import annotations

import pytest

from accord.audit.actors import SYSTEM
from accord.network.models import NetworkRole
from accord.plans import permissions as perms
from accord.plans.models import Item, Plan
from accord.testing import factories as f
from tests.conftest import ROLES
from tests.network.test_permissions import disagreements

MEMBERS = {"viewer", "zsi_editor", "secretariat", "network_admin"}


@pytest.fixture(params=["private", "public"])
def network(db, request):
    """The network where the roles are held, once private and once public."""
    return f.make_network("Northern Lights", slug="northern-lights", is_public=request.param == "public")


@pytest.mark.parametrize("role", ROLES)
def test_plans_predicate_and_queryset_agree(shared_world, role):
    user = shared_world["users"][role]
    plans = list(Plan.objects.select_related("network"))
    wrong = disagreements(lambda p: perms.can_view_plan(user, p), perms.visible_plans(user), plans)
    for net in shared_world["networks"].values():
        wrong += disagreements(
            lambda p, net=net: p.network_id == net.pk and perms.can_view_plan(user, p),
            perms.visible_plans(user, net),
            plans,
        )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_items_predicate_and_queryset_agree(shared_world, role):
    user = shared_world["users"][role]
    items = list(Item.objects.select_related("plan", "plan__network"))
    wrong = disagreements(lambda i: perms.can_view_item(user, i), perms.visible_items(user), items)
    for net in shared_world["networks"].values():
        wrong += disagreements(
            lambda i, net=net: i.plan.network_id == net.pk and perms.can_view_item(user, i),
            perms.visible_items(user, net),
            items,
        )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_the_pure_conditions_through_baked_reads_agree_with_the_predicates(shared_world, role):
    """The plan pages read plans and items baked, from content_sight's values and plans_q / items_q (the pure forms
    visible_plans and visible_items are made of): the same rows as the predicates, network by network."""
    from accord.plans.queries import items_owned_by, plan_versions_listed

    user = shared_world["users"][role]
    plans = list(Plan.objects.select_related("network"))
    items = list(Item.objects.select_related("plan", "plan__network").prefetch_related("owners"))
    owners = {o.organisation for i in items for o in i.owners.all() if o.organisation_id}
    assert owners  # the world's items have organisations as owners
    wrong = []
    for net in shared_world["networks"].values():
        listed = {pk for pk, _version in plan_versions_listed(user, net)}
        expected = {p.pk for p in plans if p.network_id == net.pk and perms.can_view_plan(user, p)}
        if listed != expected:
            wrong.append(f"{net.slug} plans: baked {sorted(listed)}, predicate {sorted(expected)}")
        for org in owners:
            owned = {i.pk for i in items_owned_by(user, net, org)}
            seen = {
                i.pk
                for i in items
                if i.plan.network_id == net.pk
                and any(o.organisation_id == org.pk for o in i.owners.all())
                and perms.can_view_item(user, i)
            }
            if owned != seen:
                wrong.append(f"{net.slug} items of {org}: baked {sorted(owned)}, predicate {sorted(seen)}")
    assert not wrong, "\n".join(wrong)


def who_sees(world, key: str) -> set[str]:
    plan = world["plans"][key]
    return {role for role, user in world["users"].items() if perms.can_view_plan(user, plan)}


def test_who_sees_which_plan(shared_world):
    public = shared_world["networks"]["network"].is_public
    everyone = set(ROLES)
    assert who_sees(shared_world, "public") == (everyone if public else MEMBERS | {"superuser"})
    assert who_sees(shared_world, "private") == MEMBERS | {"superuser"}
    # Marked public, but in a private network: only that network's people.
    assert who_sees(shared_world, "other") == {"outsider", "superuser"}
    assert who_sees(shared_world, "open public") == everyone
    assert who_sees(shared_world, "open private") == {"superuser"}


# Changing --------------------------------------------------------------------------------------------------------


@pytest.fixture
def items(section, orgs):
    return {
        "zsi": f.make_item(section, what="ZSI's", owners=[orgs["ZSI"]]),
        "dlr": f.make_item(section, what="DLR-PT's", owners=[orgs["DLR-PT"]]),
        "open": f.make_item(section, what="Anyone?", open_call=True),
    }


def allowed(rule, every_role, obj) -> set[str]:
    return {role for role, user in every_role.items() if rule(user, obj)}


EDITORS = {"secretariat", "network_admin", "superuser"}


def test_who_may_change_an_item(every_role, items, plan):
    assert allowed(perms.can_edit_item, every_role, items["zsi"]) == EDITORS | {"zsi_editor"}
    assert allowed(perms.can_edit_item, every_role, items["dlr"]) == EDITORS
    assert allowed(perms.can_reassign_item, every_role, items["zsi"]) == EDITORS
    assert allowed(perms.can_edit_plan, every_role, plan) == EDITORS


def test_who_may_take_an_open_call(every_role, items):
    # On behalf of an organisation: the member editor acting for one (the secretariat here acts for none).
    assert allowed(perms.can_take_open_call, every_role, items["open"]) == {"zsi_editor"}
    assert allowed(perms.can_take_open_call, every_role, items["zsi"]) == set()  # not asking for an owner


def test_a_lists_takeable_calls_are_those_each_may_take(every_role, items, other_network, orgs):
    """takeable_open_calls (a list's calls, each network's controls worked out once) gives what can_take_open_call
    gives item by item, for every role and the system, across networks where the person acts differently."""
    elsewhere = f.make_item(f.make_section(f.make_plan(other_network)), what="Theirs?", open_call=True)
    f.grant(every_role["zsi_editor"], other_network, NetworkRole.VIEWER)
    listed = [*items.values(), elsewhere]
    for who in [*every_role.values(), SYSTEM]:
        expected = {item.pk for item in listed if perms.can_take_open_call(who, item)}
        assert perms.takeable_open_calls(who, listed) == expected
    assert perms.takeable_open_calls(every_role["zsi_editor"], listed) == {items["open"].pk}


def test_who_may_comment(every_role, items):
    assert allowed(perms.can_comment_item, every_role, items["dlr"]) == MEMBERS | {"superuser"}


def test_the_system_may_change_but_not_act_for_an_organisation(items):
    assert perms.can_edit_item(SYSTEM, items["dlr"]) and perms.can_reassign_item(SYSTEM, items["dlr"])
    assert not perms.can_take_open_call(SYSTEM, items["open"])
    assert not perms.can_comment_item(SYSTEM, items["dlr"])
    assert not perms.can_edit_item(None, items["dlr"])  # a forgotten actor is nobody
