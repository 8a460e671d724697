"""The network pages through HTTP: who sees them, forms that validate with clear errors, writes that go through
their action, refusals that change nothing, and a bounded number of queries whatever the network's size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.network import actions
from accord.network.models import ChairTerm, Group, Membership, NetworkRole, Organisation, Role
from accord.testing import factories as f

D = dt.date


@pytest.fixture
def admin(make_member):
    return make_member(NetworkRole.ADMIN)


def _grow(network, n: int) -> None:
    """n more member organisations, people with roles, chair terms and groups."""
    for i in range(n):
        org = f.make_organisation(f"GROW{network.pk}-{i}-{Organisation.objects.count()}")
        actions.do_add_membership(SYSTEM, network, org, since=D(2020, 1, 1))
        user = f.make_user()
        f.grant(user, network, NetworkRole.MEMBER_EDITOR, org)
        actions.do_create_person(SYSTEM, name=f"Person {user.pk}", organisation=org, user=user)
        year = 2040 + ChairTerm.objects.filter(network=network).count()
        actions.do_add_chair_term(SYSTEM, network, org, start=D(year, 1, 1), end=D(year, 12, 31))
        group = actions.do_create_group(SYSTEM, network, name=f"Group {i} {Group.objects.count()}")
        actions.do_set_group_members(SYSTEM, group, organisations=[org])


PAGES = ["settings", "people", "members", "chairs", "groups"]


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_costs_the_same_queries_for_a_small_and_a_larger_network(client, network, admin, page):
    client.force_login(admin)
    path = f"/n/{network.slug}/manage/{'' if page == 'settings' else page + '/'}"
    _grow(network, 2)
    small = _queries(client, path)
    _grow(network, 8)
    large = _queries(client, path)
    assert large == small, f"{page}: {small} queries with 2 of each, {large} with 10"
    assert small <= 16


def test_group_page_queries_are_bounded(client, network, admin):
    client.force_login(admin)
    _grow(network, 2)
    group = Group.objects.filter(network=network).first()
    small = _queries(client, f"/n/{network.slug}/manage/groups/{group.pk}/")
    _grow(network, 8)
    assert _queries(client, f"/n/{network.slug}/manage/groups/{group.pk}/") == small


@pytest.mark.parametrize("page", PAGES)
def test_viewers_and_member_editors_are_refused_and_other_networks_do_not_exist(
    client, network, make_member, orgs, other_network, page
):
    path = f"/n/{network.slug}/manage/{'' if page == 'settings' else page + '/'}"
    assert client.get(path).status_code == 302  # anonymous: sign in first
    for user in (make_member(NetworkRole.VIEWER), make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])):
        client.force_login(user)
        assert client.get(path).status_code == 403
    stranger = f.make_user()
    f.grant(stranger, other_network, NetworkRole.ADMIN)
    client.force_login(stranger)
    assert client.get(path).status_code == 404


def test_the_secretariat_sees_the_pages_but_not_the_admins_forms_and_a_forced_post_changes_nothing(
    client, network, secretariat, orgs
):
    client.force_login(secretariat)
    page = client.get(f"/n/{network.slug}/manage/members/").content.decode()
    assert "Add a member organisation" not in page
    before = (Membership.objects.count(), Organisation.objects.count(), AuditEntry.objects.count())
    response = client.post(
        f"/n/{network.slug}/manage/members/", {"short_name": "NEW", "role": "member", "type": "other"}
    )
    assert response.status_code == 403
    response = client.post(
        f"/n/{network.slug}/manage/chairs/",
        {"organisation": orgs["ZSI"].pk, "start": "2030-01-01", "end": "2030-06-30"},
    )
    assert response.status_code == 403
    assert (Membership.objects.count(), Organisation.objects.count(), AuditEntry.objects.count()) == before
    # Groups are the secretariat's.
    response = client.post(f"/n/{network.slug}/manage/groups/", {"name": "Board", "kind": "board"})
    assert response.status_code == 302
    assert Group.objects.filter(network=network, name="Board").exists()


def test_adding_a_new_member_organisation_with_aliases(client, network, admin):
    client.force_login(admin)
    response = client.post(
        f"/n/{network.slug}/manage/members/",
        {
            "short_name": "ASO",
            "full_name": "Aurora Science Office",
            "aliases": "Aurora Office\nA.S.O.; aso (Oslo)",
            "country": "no",
            "type": "research",
            "role": "member",
            "since": "2024-01-01",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(short_name="ASO")
    assert org.aliases == ["Aurora Office", "A.S.O.", "aso (Oslo)"] and org.country == "NO"
    assert Membership.objects.get(network=network, organisation=org).since == D(2024, 1, 1)
    page = client.get(f"/n/{network.slug}/manage/members/").content.decode()
    assert "Aurora Office; A.S.O." in page


def test_member_form_errors_say_what_and_where(client, network, admin, orgs):
    client.force_login(admin)
    before = (Membership.objects.count(), Organisation.objects.count())
    response = client.post(
        f"/n/{network.slug}/manage/members/",
        {
            "short_name": "",
            "role": "member",
            "type": "other",
            "country": "Norway",
            "since": "2024-05-01",
            "until": "2024-01-01",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "give the new one a short name" in page
    assert "two letters" in page and "cannot end before it begins" in page
    actions.do_add_membership(SYSTEM, network, orgs["ZSI"])
    response = client.post(
        f"/n/{network.slug}/manage/members/", {"existing": orgs["ZSI"].pk, "role": "member", "type": "other"}
    )
    assert response.status_code == 400 and "already a member" in response.content.decode()
    assert (Membership.objects.count(), Organisation.objects.count()) == (before[0] + 1, before[1])


def test_editing_an_organisations_aliases_from_its_member_page(client, network, secretariat, orgs):
    actions.do_add_membership(SYSTEM, network, orgs["DLR-PT"])
    client.force_login(secretariat)
    url = f"/n/{network.slug}/manage/members/{orgs['DLR-PT'].slug}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"short_name": "DLR-PT", "aliases": "DLR\nDLR Projektträger", "type": "funding"})
    assert response.status_code == 302
    orgs["DLR-PT"].refresh_from_db()
    assert orgs["DLR-PT"].aliases == ["DLR", "DLR Projektträger"]
    entry = AuditEntry.objects.filter(object_repr="DLR-PT").latest("id")
    assert entry.network_id == network.pk and entry.actor == secretariat
    # Two memberships (a member, then an observer): still one page.
    actions.do_add_membership(SYSTEM, network, orgs["DLR-PT"], role="observer", since=D(2030, 1, 1))
    assert client.get(url).status_code == 200
    # Not a member of this network: no page.
    assert client.get(f"/n/{network.slug}/manage/members/{orgs['CNRS'].slug}/").status_code == 404


def test_inviting_a_person_shows_a_one_time_link_that_sets_their_password(client, network, admin, orgs):
    actions.do_add_membership(SYSTEM, network, orgs["ZSI"])
    client.force_login(admin)
    response = client.post(
        f"/n/{network.slug}/manage/people/",
        {
            "name": "Ana Lopes",
            "email": "ana@example.org",
            "organisation": orgs["ZSI"].pk,
            "account": "on",
            "username": "ana",
            "role": NetworkRole.MEMBER_EDITOR,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Ana Lopes can now sign in as ana" in page
    link = page.split("one-time link: ", 1)[1].split("<", 1)[0].strip()
    role = Role.objects.get(network=network, user__username="ana")
    assert role.role == NetworkRole.MEMBER_EDITOR and role.organisation == orgs["ZSI"]
    client.logout()
    path = "/" + link.split("/", 3)[3]
    form = client.get(path, follow=True)
    assert form.status_code == 200 and "Choose a password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"new_password1": "a-long-pass-phrase-42", "new_password2": "a-long-pass-phrase-42"},
    )
    assert done.status_code == 302
    assert client.login(username="ana", password="a-long-pass-phrase-42")


def test_changing_and_removing_a_role(client, network, admin, make_member, orgs):
    actions.do_add_membership(SYSTEM, network, orgs["ZSI"])
    viewer = make_member(NetworkRole.VIEWER)
    row = Role.objects.get(network=network, user=viewer)
    client.force_login(admin)
    url = f"/n/{network.slug}/manage/people/{row.pk}/"
    response = client.post(url, {f"role-{row.pk}-role": NetworkRole.MEMBER_EDITOR}, follow=True)
    assert "acts for an organisation" in response.content.decode()
    assert Role.objects.get(pk=row.pk).role == NetworkRole.VIEWER
    client.post(url, {f"role-{row.pk}-role": NetworkRole.MEMBER_EDITOR, f"role-{row.pk}-organisation": orgs["ZSI"].pk})
    assert Role.objects.get(pk=row.pk).organisation == orgs["ZSI"]
    client.post(url, {"remove": "1"})
    assert not Role.objects.filter(pk=row.pk).exists()


def test_chair_terms_page_shows_each_terms_trio_and_refuses_overlaps(client, network, admin, orgs):
    for short in ("ZSI", "CNRS", "VUB"):
        actions.do_add_membership(SYSTEM, network, orgs[short])
    client.force_login(admin)
    url = f"/n/{network.slug}/manage/chairs/"
    for short, start, end in (
        ("ZSI", "2026-01-01", "2026-06-30"),
        ("CNRS", "2026-07-01", "2026-12-31"),
        ("VUB", "2027-01-01", "2027-06-30"),
    ):
        assert client.post(url, {"organisation": orgs[short].pk, "start": start, "end": end}).status_code == 302
    response = client.post(url, {"organisation": orgs["ZSI"].pk, "start": "2026-12-01", "end": "2027-02-01"})
    assert response.status_code == 400 and "already has a chair" in response.content.decode()
    page = client.get(url).content.decode()
    cnrs_row = page.split('id="term-', 3)[2]
    assert "ZSI" in cnrs_row and "<strong>CNRS</strong>" in cnrs_row and "VUB" in cnrs_row


def test_creating_a_network_is_for_superusers(client, db):
    plain = f.make_user()
    client.force_login(plain)
    assert client.get("/networks/new/").status_code == 403
    boss = f.make_user(is_superuser=True)
    client.force_login(boss)
    response = client.post("/networks/new/", {"name": "Ocean Diplomacy Network", "short_name": "ODN"})
    assert response.status_code == 302 and response["Location"] == "/n/odn/manage/members/"
    response = client.post("/networks/new/", {"name": "Another", "slug": "odn"})
    assert response.status_code == 400 and "taken" in response.content.decode()


def test_group_page_sets_members_and_leaders(client, network, secretariat, orgs):
    actions.do_add_membership(SYSTEM, network, orgs["ZSI"])
    lea = actions.do_create_person(SYSTEM, name="Lea Lead", organisation=orgs["ZSI"])
    group = actions.do_create_group(SYSTEM, network, name="Ocean WG")
    client.force_login(secretariat)
    url = f"/n/{network.slug}/manage/groups/{group.pk}/"
    response = client.post(
        url, {"m-organisations": [orgs["ZSI"].pk], "m-people": [lea.pk], "m-leaders": [lea.pk], "m-submit": "1"}
    )
    assert response.status_code == 302
    assert list(group.leaders.all()) == [lea] and list(group.member_organisations.all()) == [orgs["ZSI"]]
    response = client.post(url, {"g-name": "", "g-kind": "board", "g-submit": "1"})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    page = client.get(f"/n/{network.slug}/manage/groups/").content.decode()
    assert "Lea Lead" in page and "ZSI" in page


def test_saving_keeps_organisations_that_are_not_members(client, network, admin, orgs):
    """A role acting for, or a group holding, an organisation that is not a member keeps it when saved."""
    user = f.make_user()
    f.grant(user, network, NetworkRole.MEMBER_EDITOR, orgs["CNRS"])
    row = Role.objects.get(network=network, user=user)
    group = actions.do_create_group(SYSTEM, network, name="Partners", organisations=[orgs["VUB"]])
    client.force_login(admin)
    people = client.get(f"/n/{network.slug}/manage/people/").content.decode()
    assert f'<option value="{orgs["CNRS"].pk}" selected>CNRS</option>' in people
    client.post(
        f"/n/{network.slug}/manage/people/{row.pk}/",
        {f"role-{row.pk}-role": NetworkRole.MEMBER_EDITOR, f"role-{row.pk}-organisation": orgs["CNRS"].pk},
    )
    assert Role.objects.get(pk=row.pk).organisation == orgs["CNRS"]
    response = client.post(
        f"/n/{network.slug}/manage/groups/{group.pk}/", {"m-organisations": [orgs["VUB"].pk], "m-submit": "1"}
    )
    assert response.status_code == 302
    assert list(group.member_organisations.all()) == [orgs["VUB"]]
