"""The writes behind the network pages: who may make each one, what it refuses (and then leaves unchanged),
and that each leaves an audit entry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.network import actions
from accord.network.models import ChairTerm, Group, GroupKind, Membership, Network, NetworkRole, Person, Role
from accord.testing import factories as f

D = dt.date


def snapshot() -> tuple:
    """Everything the network actions write, to compare before and after a refused request."""
    User = get_user_model()
    return (
        Network.objects.count(),
        Membership.objects.count(),
        ChairTerm.objects.count(),
        Group.objects.count(),
        Person.objects.count(),
        Role.objects.count(),
        User.objects.count(),
        AuditEntry.objects.count(),
        list(Role.objects.order_by("pk").values_list("role", "organisation_id")),
        list(Group.objects.order_by("pk").values_list("name", "kind")),
        list(Network.objects.order_by("pk").values_list("name", "is_public")),
    )


@pytest.fixture
def admin(make_member):
    return make_member(NetworkRole.ADMIN)


@pytest.fixture
def member_org(network, orgs):
    actions.do_add_membership(SYSTEM, network, orgs["ZSI"], since=D(2020, 1, 1))
    return orgs["ZSI"]


@pytest.fixture
def people(make_member, orgs, other_network):
    outsider = f.make_user()
    f.grant(outsider, other_network, NetworkRole.ADMIN)
    return {
        "anonymous": _Anonymous(),
        "viewer": make_member(NetworkRole.VIEWER),
        "member_editor": make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"]),
        "secretariat": make_member(NetworkRole.SECRETARIAT),
        "admin": make_member(NetworkRole.ADMIN),
        "other_network_admin": outsider,
    }


class _Anonymous:
    is_authenticated = False
    is_active = False
    is_superuser = False


ADMIN_ONLY = {"admin"}
RUNNERS = {"admin", "secretariat"}


def _writes(network, member_org, orgs):
    """(name, who may, the write) for each network action with a permission rule."""

    def term(actor):
        actions.do_add_chair_term(actor, network, member_org, start=D(2030, 1, 1), end=D(2030, 6, 30))

    def invite(actor):
        actions.do_invite_person(actor, network, name="Ana Lopes", username="ana", role=NetworkRole.VIEWER)

    def update_network(actor):
        actions.do_update_network(actor, network, name="Renamed", is_public=True)

    def membership(actor):
        actions.do_add_membership(actor, network, orgs["CNRS"], role="observer")

    def group(actor):
        actions.do_create_group(actor, network, name="Ocean WG")

    def rename_org(actor):
        actions.do_update_organisation(actor, member_org, network=network, aliases=["Zentrum"])

    target = f.make_user()

    def role(actor):
        actions.do_set_role(actor, network, target, NetworkRole.VIEWER)

    existing_term = actions.do_add_chair_term(SYSTEM, network, member_org, start=D(2040, 1, 1), end=D(2040, 6, 30))
    existing_group = actions.do_create_group(SYSTEM, network, name=f"Existing {target.pk}")
    membership_row = Membership.objects.get(network=network, organisation=member_org)

    def update_term(actor):
        actions.do_update_chair_term(actor, existing_term, label="Relabelled")

    def delete_term(actor):
        actions.do_delete_chair_term(actor, ChairTerm.objects.filter(pk=existing_term.pk).first() or existing_term)

    def update_membership(actor):
        actions.do_update_membership(actor, membership_row, until=D(2039, 12, 31))

    def update_group(actor):
        actions.do_update_group(actor, existing_group, kind=GroupKind.BOARD)

    def group_members(actor):
        actions.do_set_group_members(actor, existing_group, organisations=[member_org])

    return [
        ("update chair term", ADMIN_ONLY, update_term),
        ("update membership", ADMIN_ONLY, update_membership),
        ("update group", RUNNERS, update_group),
        ("group members", RUNNERS, group_members),
        ("delete chair term", ADMIN_ONLY, delete_term),
        ("chair term", ADMIN_ONLY, term),
        ("invite", ADMIN_ONLY, invite),
        ("network settings", ADMIN_ONLY, update_network),
        ("membership", ADMIN_ONLY, membership),
        ("group", RUNNERS, group),
        ("organisation aliases", RUNNERS, rename_org),
        ("role", ADMIN_ONLY, role),
    ]


@pytest.mark.parametrize("who", ["anonymous", "viewer", "member_editor", "secretariat", "admin", "other_network_admin"])
def test_each_network_write_is_allowed_only_to_its_roles_and_a_refusal_changes_nothing(
    who, people, network, member_org, orgs
):
    actor = people[who]
    for name, allowed, write in _writes(network, member_org, orgs):
        before = snapshot()
        member_org.refresh_from_db()
        aliases_before = list(member_org.aliases)
        if who in allowed:
            write(actor)
            assert AuditEntry.objects.count() > before[7], f"{name}: no audit entry"
        else:
            with pytest.raises(PermissionDenied):
                write(actor)
            member_org.refresh_from_db()
            assert snapshot() == before, f"{name} refused to {who} but changed the database"
            assert member_org.aliases == aliases_before


def test_create_network_is_for_superusers_who_become_its_admin(db):
    boss = f.make_user(is_superuser=True)
    plain = f.make_user()
    with pytest.raises(PermissionDenied):
        actions.do_create_network(plain, name="Nope")
    net = actions.do_create_network(boss, name="Ocean Science Diplomacy Network", short_name="OSDN")
    assert net.slug == "osdn"
    assert Role.objects.get(network=net, user=boss).role == NetworkRole.ADMIN
    with pytest.raises(ValidationError) as e:
        actions.do_create_network(boss, name="Again", slug="osdn")
    assert "taken" in str(e.value)
    with pytest.raises(ValidationError):
        actions.do_create_network(boss, name="   ")


def test_chair_terms_cannot_overlap_or_end_before_they_start(network, admin, member_org, orgs):
    actions.do_add_chair_term(admin, network, member_org, start=D(2026, 1, 1), end=D(2026, 6, 30))
    before = snapshot()
    with pytest.raises(ValidationError, match="already has a chair"):
        actions.do_add_chair_term(admin, network, orgs["CNRS"], start=D(2026, 6, 1), end=D(2026, 12, 31))
    with pytest.raises(ValidationError, match="cannot end before"):
        actions.do_add_chair_term(admin, network, orgs["CNRS"], start=D(2027, 6, 1), end=D(2027, 1, 1))
    assert snapshot() == before
    term = ChairTerm.objects.get()
    actions.do_update_chair_term(admin, term, label="ZSI Vienna")
    actions.do_delete_chair_term(admin, term)
    assert not ChairTerm.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_repr__contains="ZSI").exists()


def test_memberships_validate_their_dates_and_duplicates(network, admin, member_org):
    with pytest.raises(ValidationError, match="already a member"):
        actions.do_add_membership(admin, network, member_org)
    with pytest.raises(ValidationError, match="cannot end before"):
        actions.do_add_membership(admin, network, member_org, role="observer", since=D(2022, 1, 1), until=D(2021, 1, 1))
    membership = Membership.objects.get(organisation=member_org)
    actions.do_update_membership(admin, membership, until=D(2025, 12, 31))
    membership.refresh_from_db()
    assert membership.until == D(2025, 12, 31)
    actions.do_remove_membership(admin, membership)
    assert not Membership.objects.filter(organisation=member_org).exists()


def test_invitation_makes_an_account_without_password_a_person_and_a_role(network, admin, member_org):
    invitation = actions.do_invite_person(
        admin,
        network,
        name="Ana Lopes",
        username="ana",
        email="ana@example.org",
        role=NetworkRole.MEMBER_EDITOR,
        organisation=member_org,
    )
    user = invitation.user
    assert not user.has_usable_password()
    assert user.person.name == "Ana Lopes" and user.person.organisation == member_org
    assert Role.objects.get(network=network, user=user).organisation == member_org
    assert invitation.set_password_path.startswith("/accounts/reset/")
    before = snapshot()
    with pytest.raises(ValidationError, match="taken"):
        actions.do_invite_person(admin, network, name="Ana Other", username="ANA", role=NetworkRole.VIEWER)
    with pytest.raises(ValidationError, match="acts for an organisation"):
        actions.do_invite_person(admin, network, name="Bo", username="bo", role=NetworkRole.MEMBER_EDITOR)
    assert snapshot() == before


def test_an_admin_cannot_remove_their_own_role(network, admin):
    with pytest.raises(ValidationError, match="your own role"):
        actions.do_set_role(admin, network, admin, None)
    assert Role.objects.filter(network=network, user=admin).exists()


def test_groups_names_aliases_members_leaders_and_deletion(network, secretariat, member_org, orgs):
    group = actions.do_create_group(secretariat, network, name="  Ocean   WG ", aliases=["WG Ocean", "wg ocean", ""])
    assert group.name == "Ocean WG" and group.aliases == ["WG Ocean"]
    with pytest.raises(ValidationError, match="already has a group"):
        actions.do_create_group(secretariat, network, name="ocean wg")
    lead = actions.do_create_person(SYSTEM, name="Lea Lead", organisation=member_org)
    changes = actions.do_set_group_members(
        secretariat, group, organisations=[member_org], people=[lead], leaders=[lead]
    )
    assert set(changes) == {"member_organisations", "member_people", "leaders"}
    assert list(group.leaders.all()) == [lead]
    assert actions.do_set_group_members(secretariat, group, organisations=[member_org]) == {}
    plan = f.make_plan(network)
    item = f.make_item(f.make_section(plan), owners=[group])
    actions.do_update_group(secretariat, group, kind=GroupKind.BOARD)
    actions.do_delete_group(secretariat, group)
    assert item.owners.get().text == "Ocean WG"  # the item keeps the name as written
