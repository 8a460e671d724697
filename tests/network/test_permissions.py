"""The visibility rules of networks, organisations and people: each predicate agrees with its queryset form for
every role, over networks public and private with organisations and people shared between them; and what the
rules say, role by role."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accord.network.models import Network, Organisation, Person
from accord.network.permissions import (
    can_view_network,
    can_view_organisation,
    can_view_person,
    require,
    visible_networks,
    visible_organisations,
    visible_people,
)
from accord.testing import factories as f
from tests.conftest import ROLES


@pytest.fixture(params=["private", "public"])
def network(db, request):
    """The network where the roles are held, once private and once public."""
    return f.make_network("Northern Lights", slug="northern-lights", is_public=request.param == "public")


def disagreements(predicate, queryset, candidates) -> list[str]:
    """Objects the predicate and the queryset decide differently."""
    listed = set(queryset.values_list("pk", flat=True))
    return [
        f"{obj} (predicate {predicate(obj)}, queryset {obj.pk in listed})"
        for obj in candidates
        if predicate(obj) != (obj.pk in listed)
    ]


@pytest.mark.parametrize("role", ROLES)
def test_networks_predicate_and_queryset_agree(shared_world, role):
    user = shared_world["users"][role]
    assert not disagreements(lambda n: can_view_network(user, n), visible_networks(user), Network.objects.all())


@pytest.mark.parametrize("role", ROLES)
def test_organisations_predicate_and_queryset_agree_through_every_network(shared_world, role):
    user = shared_world["users"][role]
    orgs = list(Organisation.objects.all())
    nets = list(shared_world["networks"].values())
    wrong = []
    for net in nets:
        wrong += [
            f"{net.slug}: {w}"
            for w in disagreements(
                lambda o, net=net: can_view_organisation(user, o, net), visible_organisations(user, net), orgs
            )
        ]
    # Without a network: those that may be opened through some network.
    wrong += [
        f"any: {w}"
        for w in disagreements(
            lambda o: any(can_view_organisation(user, o, n) for n in nets), visible_organisations(user), orgs
        )
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_people_predicate_and_queryset_agree_through_every_network(shared_world, role):
    user = shared_world["users"][role]
    people = list(Person.objects.all())
    nets = list(shared_world["networks"].values())
    wrong = []
    for net in nets:
        wrong += [
            f"{net.slug}: {w}"
            for w in disagreements(lambda p, net=net: can_view_person(user, p, net), visible_people(user, net), people)
        ]
    wrong += [
        f"any: {w}"
        for w in disagreements(lambda p: any(can_view_person(user, p, n) for n in nets), visible_people(user), people)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_the_pure_people_condition_through_a_baked_read_agrees_with_the_predicate(shared_world, role):
    """The organisation page reads its people baked, from people_sight's values and people_q (the pure form
    visible_people is made of): the same people as the predicate, organisation by organisation."""
    from accord.network.queries import organisation_people

    user = shared_world["users"][role]
    people = list(Person.objects.all())
    wrong = []
    for net in shared_world["networks"].values():
        for org in Organisation.objects.all():
            listed = {p.pk for p in organisation_people(user, net, org)}
            expected = {p.pk for p in people if p.organisation_id == org.pk and can_view_person(user, p, net)}
            if listed != expected:
                wrong.append(f"{net.slug} {org}: baked {sorted(listed)}, predicate {sorted(expected)}")
    assert not wrong, "\n".join(wrong)


# What the rules say ---------------------------------------------------------------------------------------------

MEMBERS = {"viewer", "zsi_editor", "secretariat", "network_admin"}


def seen_through(world, net_key: str, kind: str, name: str) -> set[str]:
    """The roles that see the named organisation or person through the named network."""
    net = world["networks"][net_key]
    obj = world["organisations" if kind == "organisation" else "people"][name]
    rule = can_view_organisation if kind == "organisation" else can_view_person
    return {role for role, user in world["users"].items() if rule(user, obj, net)}


def test_an_organisation_only_in_another_network_is_seen_through_no_other_network(shared_world):
    for net in ("network", "open"):
        assert seen_through(shared_world, net, "organisation", "ONLY-OTHER") == set(), net
        assert seen_through(shared_world, net, "organisation", "NOWHERE") == set(), net
    assert seen_through(shared_world, "other", "organisation", "ONLY-OTHER") == {"outsider", "superuser"}


def test_a_shared_organisation_is_seen_through_each_of_its_networks(shared_world):
    public = shared_world["networks"]["network"].is_public
    seen = seen_through(shared_world, "network", "organisation", "DLR-PT")
    assert seen == MEMBERS | {"superuser"} | ({"anonymous", "outsider"} if public else set())
    assert seen_through(shared_world, "other", "organisation", "DLR-PT") == {"outsider", "superuser"}


def test_an_owner_of_private_work_only_is_seen_by_those_who_see_that_work(shared_world):
    assert seen_through(shared_world, "network", "organisation", "OWNS-PRIVATE") == MEMBERS | {"superuser"}
    public = shared_world["networks"]["network"].is_public
    assert seen_through(shared_world, "network", "organisation", "OWNS-PUBLIC") == MEMBERS | {"superuser"} | (
        {"anonymous", "outsider"} if public else set()
    )
    # A public network's organisation owning only its private work: hidden from every visitor without a role.
    assert seen_through(shared_world, "open", "organisation", "FECYT") == {"superuser"}
    assert seen_through(shared_world, "open", "organisation", "CNRS") == set(ROLES)
    assert seen_through(shared_world, "open", "organisation", "CHAIRS-OPEN") == set(ROLES)


def test_the_organisation_a_role_acts_for_is_seen_by_the_networks_members(shared_world):
    assert seen_through(shared_world, "network", "organisation", "ACTS") == MEMBERS | {"superuser"}


def test_people_are_seen_only_by_those_who_see_the_networks_private_content(shared_world):
    for name in ("member's", "shared org's", "role holder", "owner"):
        assert seen_through(shared_world, "network", "person", name) == MEMBERS | {"superuser"}, name
    for name in ("other's", "group member", "open member's", "nobody's"):
        assert seen_through(shared_world, "network", "person", name) == set(), name
    assert seen_through(shared_world, "other", "person", "other's") == {"outsider", "superuser"}
    assert seen_through(shared_world, "other", "person", "role holder") == {"outsider", "superuser"}
    # A public network's people: only its roles (none here) and superusers.
    assert seen_through(shared_world, "open", "person", "group member") == {"superuser"}


def test_the_guard_refuses_an_action_without_an_actor(superuser):
    with pytest.raises(PermissionDenied):
        require(None, True)
    require(superuser, True)
    with pytest.raises(PermissionDenied):
        require(superuser, False)
