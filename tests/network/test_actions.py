"""The network app's chokepoints: each action as every role (the role fixtures, the system and a forgotten actor).
Allowed roles succeed and write their audit entries; refused roles raise and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from accord.audit.actors import SYSTEM
from accord.network import actions
from accord.network.models import ChairTerm, Group, Membership, Network, NetworkRole, Organisation, Person
from accord.testing import factories as f
from tests.chokepoints import ADMINS, EDITORS, SITE, actors, check_action


@pytest.fixture
def world(network, orgs, every_role):
    return {
        "network": network,
        "orgs": orgs,
        "person": actions.do_create_person(SYSTEM, name="Ada", organisation=orgs["ZSI"]),
        "membership": actions.do_add_membership(SYSTEM, network, orgs["ZSI"]),
        "term": actions.do_add_chair_term(
            SYSTEM, network, orgs["ZSI"], start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30)
        ),
        "group": actions.do_create_group(SYSTEM, network, name="Board", kind="board"),
        "newcomer": f.make_user("newcomer"),
    }


def net_(w):
    return Network.objects.get(pk=w["network"].pk)


def org_(w, name="VUB"):
    return Organisation.objects.get(pk=w["orgs"][name].pk)


def group_(w):
    return Group.objects.get(pk=w["group"].pk)


ACTIONS = {
    # A user who makes a network holds its admin role from the start (two entries); the system holds none.
    "create network": (
        SITE,
        lambda u, w: actions.do_create_network(u, name="Southern Cross"),
        lambda role: 1 if role == "system" else 2,
    ),
    "update network": (ADMINS, lambda u, w: actions.do_update_network(u, net_(w), description="Who we are"), 1),
    "delete network": (SITE, lambda u, w: actions.do_delete_network(u, net_(w)), 1),
    "add organisation in a network": (
        EDITORS,
        lambda u, w: actions.do_create_organisation(u, short_name="NKI", network=net_(w)),
        1,
    ),
    "add organisation": (SITE, lambda u, w: actions.do_create_organisation(u, short_name="NKI"), 1),
    "update organisation": (SITE, lambda u, w: actions.do_update_organisation(u, org_(w), country="BE"), 1),
    "delete organisation": (SITE, lambda u, w: actions.do_delete_organisation(u, org_(w)), 1),
    "learn an alias": (EDITORS, lambda u, w: actions.do_add_alias(u, org_(w), "VU Brussel", network=net_(w)), 1),
    "add person in a network": (ADMINS, lambda u, w: actions.do_create_person(u, name="Grace", network=net_(w)), 1),
    "update person": (
        SITE,
        lambda u, w: actions.do_update_person(u, Person.objects.get(pk=w["person"].pk), title="Director"),
        1,
    ),
    "delete person": (SITE, lambda u, w: actions.do_delete_person(u, Person.objects.get(pk=w["person"].pk)), 1),
    "add membership": (ADMINS, lambda u, w: actions.do_add_membership(u, net_(w), org_(w)), 1),
    "update membership": (
        ADMINS,
        lambda u, w: actions.do_update_membership(
            u, Membership.objects.get(pk=w["membership"].pk), until=dt.date(2030, 1, 1)
        ),
        1,
    ),
    "remove membership": (
        ADMINS,
        lambda u, w: actions.do_remove_membership(u, Membership.objects.get(pk=w["membership"].pk)),
        1,
    ),
    "add chair term": (
        ADMINS,
        lambda u, w: actions.do_add_chair_term(
            u, net_(w), org_(w), start=dt.date(2021, 7, 1), end=dt.date(2021, 12, 31)
        ),
        1,
    ),
    "update chair term": (
        ADMINS,
        lambda u, w: actions.do_update_chair_term(u, ChairTerm.objects.get(pk=w["term"].pk), label="ZSI Vienna"),
        1,
    ),
    "delete chair term": (
        ADMINS,
        lambda u, w: actions.do_delete_chair_term(u, ChairTerm.objects.get(pk=w["term"].pk)),
        1,
    ),
    "create group": (EDITORS, lambda u, w: actions.do_create_group(u, net_(w), name="Trio", kind="trio"), 1),
    "update group": (EDITORS, lambda u, w: actions.do_update_group(u, group_(w), description="Steers"), 1),
    "set group members": (EDITORS, lambda u, w: actions.do_set_group_members(u, group_(w), organisations=[org_(w)]), 1),
    "delete group": (EDITORS, lambda u, w: actions.do_delete_group(u, group_(w)), 1),
    "give a role": (ADMINS, lambda u, w: actions.do_set_role(u, net_(w), w["newcomer"], NetworkRole.VIEWER), 1),
}


@pytest.mark.parametrize("name", ACTIONS)
def test_each_network_action_as_every_role(world, every_role, name):
    allowed, act, entries = ACTIONS[name]
    wrong = check_action(actors(every_role), allowed, lambda user: act(user, world), entries)
    assert not wrong, "\n".join(wrong)


def test_a_role_in_one_network_grants_nothing_in_another(other_network, network_admin):
    with pytest.raises(PermissionDenied):
        actions.do_add_membership(network_admin, other_network, f.make_organisation("NKI"))
    assert not Membership.objects.filter(network=other_network).exists()
