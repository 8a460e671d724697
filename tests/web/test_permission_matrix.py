"""Every page and fragment × every role × objects of another organisation and another network, GET and POST.

A denied request answers 403 (may see, may not change), 404 (another network's objects, or a network the person
is not in) or, for an anonymous visitor of a private network, a redirect to sign in; and it changes nothing: the
audit log, the comments and the item itself are compared before and after.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.network import actions as net_actions
from accord.network.models import NetworkRole
from accord.plans.models import Comment, Item
from accord.testing import factories as f

ROLES = ("anonymous", "viewer", "zsi_editor", "vub_editor", "secretariat", "admin", "outsider")
N_ROLES = frozenset({"viewer", "zsi_editor", "vub_editor", "secretariat", "admin"})

# Who may do what, written out by hand (not computed from accord.plans.permissions, which is under test).
EDIT = {
    "zsi_item": {"zsi_editor", "secretariat", "admin"},
    "dlr_item": {"secretariat", "admin"},
    "open_item": {"secretariat", "admin"},
    "far_item": {"outsider"},
}
TAKE = {"zsi_item": set(), "dlr_item": set(), "open_item": {"zsi_editor", "vub_editor"}, "far_item": set()}
SEE = {"zsi_item": N_ROLES, "dlr_item": N_ROLES, "open_item": N_ROLES, "far_item": {"outsider"}}


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # six users per test
    net = f.make_network("Northern Lights", slug="northern-lights")
    far = f.make_network("Another Alliance", slug="another")
    orgs = {name: f.make_organisation(name) for name in ("ZSI", "DLR-PT", "VUB", "FAR", "SHARED", "PARTNER", "NOWHERE")}
    # Organisations are shared between networks: SHARED is a member of both, PARTNER a member of the other network
    # that owns work in this one, FAR the other network's alone, NOWHERE in no network at all.
    for network, org in ((net, "ZSI"), (net, "SHARED"), (far, "SHARED"), (far, "PARTNER"), (far, "FAR")):
        net_actions.do_add_membership(SYSTEM, network, orgs[org])
    plan = f.make_plan(net, title="Work Programme")
    section = f.make_section(plan, "Priority", number="1")
    far_plan = f.make_plan(far, title="Their programme")
    far_section = f.make_section(far_plan, "Theirs")
    objects = {
        "zsi_item": f.make_item(
            section,
            what="ZSI's item",
            owners=[orgs["ZSI"]],
            when_text="September",
            start=dt.date(2021, 9, 1),
            end=dt.date(2021, 9, 30),
        ),
        "dlr_item": f.make_item(section, what="DLR-PT's item", owners=[orgs["DLR-PT"], orgs["PARTNER"]]),
        "open_item": f.make_item(section, what="Anyone?", open_call=True, who_text="Any volunteers?"),
        "far_item": f.make_item(far_section, what="Far item", owners=[orgs["FAR"]]),
    }
    users = {"anonymous": None}
    for name, role, org, network in (
        ("viewer", NetworkRole.VIEWER, None, net),
        ("zsi_editor", NetworkRole.MEMBER_EDITOR, orgs["ZSI"], net),
        ("vub_editor", NetworkRole.MEMBER_EDITOR, orgs["VUB"], net),
        ("secretariat", NetworkRole.SECRETARIAT, None, net),
        ("admin", NetworkRole.ADMIN, None, net),
        ("outsider", NetworkRole.ADMIN, orgs["FAR"], far),
    ):
        users[name] = f.make_user(name)
        f.grant(users[name], network, role, org)
    # People of shared organisations: one works at SHARED, one at PARTNER with a role in the other network only.
    net_actions.do_create_person(SYSTEM, name="Sam Shared", organisation=orgs["SHARED"])
    net_actions.do_create_person(SYSTEM, name="Olga Partner", organisation=orgs["PARTNER"], user=users["outsider"])
    return {
        "net": net,
        "far": far,
        "plan": plan,
        "far_plan": far_plan,
        "orgs": orgs,
        "objects": objects,
        "users": users,
    }


def login(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return user


def state(item: Item) -> tuple:
    """Everything a denied request must leave alone."""
    fresh = Item.objects.get(pk=item.pk)
    owners = [(o.organisation_id, o.text) for o in fresh.owners.all()]
    return (
        fresh.version,
        fresh.status,
        fresh.when_text,
        fresh.progress_note,
        fresh.open_call,
        owners,
        AuditEntry.objects.count(),
        Comment.objects.count(),
    )


def denied(response, role: str) -> bool:
    if response.status_code in (403, 404):
        return True
    return role == "anonymous" and response.status_code == 302 and reverse("login") in response["Location"]


def home_of(world, key: str):
    return world["far"] if key == "far_item" else world["net"]


# GET -----------------------------------------------------------------------------------------------------------


def get_cases(world):
    """(label, url, allowed roles) for every page and fragment."""
    net, far, plan, far_plan = world["net"], world["far"], world["plan"], world["far_plan"]
    cases = [
        ("home", reverse("workspace:home"), set(ROLES) - {"anonymous"}),
        ("network", reverse("workspace:network", args=[net.slug]), N_ROLES),
        ("plans", reverse("plans:plans", args=[net.slug]), N_ROLES),
        ("organisation", reverse("network:organisation", args=[net.slug, world["orgs"]["ZSI"].slug]), N_ROLES),
        ("far network", reverse("workspace:network", args=[far.slug]), {"outsider"}),
    ]
    for name in ("plan", "plan_table", "plan_timeline", "plan_changes", "plan_when"):
        cases.append((name, reverse(f"plans:{name}", args=[net.slug, plan.pk]), N_ROLES))
        cases.append((f"far {name}", reverse(f"plans:{name}", args=[far.slug, far_plan.pk]), {"outsider"}))
        # Another network's plan through this network's address: nobody.
        cases.append((f"mixed {name}", reverse(f"plans:{name}", args=[net.slug, far_plan.pk]), set()))
    for key, item in world["objects"].items():
        home = home_of(world, key)
        for name in ("item", "item_row"):
            cases.append((f"{name} {key}", reverse(f"plans:{name}", args=[home.slug, item.pk]), SEE[key]))
        cases.append((f"item_row_edit {key}", reverse("plans:item_row_edit", args=[home.slug, item.pk]), EDIT[key]))
    far_item = world["objects"]["far_item"]
    for name in ("item", "item_row", "item_row_edit"):
        cases.append((f"mixed {name}", reverse(f"plans:{name}", args=[net.slug, far_item.pk]), set()))
    return cases


@pytest.mark.parametrize("role", ROLES)
def test_get_every_page_as_every_role(client, world, role):
    login(client, world, role)
    before = AuditEntry.objects.count()
    wrong = []
    for label, url, allowed in get_cases(world):
        response = client.get(url)
        if role in allowed:
            if response.status_code != 200:
                wrong.append(f"{label}: expected 200, got {response.status_code}")
        elif not denied(response, role):
            wrong.append(f"{label}: expected a denial, got {response.status_code}")
        elif response.status_code == 403 and role in {"outsider"}:
            wrong.append(f"{label}: another network's member must get 404, not 403")
    assert not wrong, "\n".join(wrong)
    assert AuditEntry.objects.count() == before


# Organisations and people shared between networks ---------------------------------------------------------------

# (network, organisation) -> the roles that may open its page there, and the people its page names to them.
ORGANISATION_PAGES = {
    ("net", "ZSI"): (N_ROLES, set()),
    ("net", "SHARED"): (N_ROLES, {"Sam Shared"}),
    ("far", "SHARED"): ({"outsider"}, {"Sam Shared"}),
    ("net", "PARTNER"): (N_ROLES, set()),  # owns work here; its person belongs to the other network only
    ("far", "PARTNER"): ({"outsider"}, {"Olga Partner"}),
    ("net", "FAR"): (set(), set()),
    ("far", "ZSI"): (set(), set()),
    ("net", "NOWHERE"): (set(), set()),
    ("far", "NOWHERE"): (set(), set()),
}
PEOPLE = {"Sam Shared", "Olga Partner"}


@pytest.mark.parametrize("role", ROLES)
def test_organisations_and_people_are_seen_only_through_their_networks(client, world, role):
    login(client, world, role)
    wrong = []
    for (net_key, org_key), (allowed, people) in ORGANISATION_PAGES.items():
        net, org = world[net_key], world["orgs"][org_key]
        response = client.get(reverse("network:organisation", args=[net.slug, org.slug]))
        html = response.content.decode()
        label = f"{org_key} through {net.slug}"
        if role in allowed:
            if response.status_code != 200:
                wrong.append(f"{label}: expected 200, got {response.status_code}")
            shown = {name for name in PEOPLE if name in html}
            if shown != people:
                wrong.append(f"{label}: shows people {sorted(shown)}, expected {sorted(people)}")
        elif not denied(response, role):
            wrong.append(f"{label}: expected a denial, got {response.status_code}")
        elif response.status_code != 404 and role != "anonymous":
            wrong.append(f"{label}: must answer 404 (organisations are shared), got {response.status_code}")
        if role not in allowed and org.full_name and org.full_name in html:
            wrong.append(f"{label}: a denial names the organisation")
    assert not wrong, "\n".join(wrong)


def test_anonymous_visitors_of_a_public_network_see_only_its_organisations(client, world):
    open_net = f.make_network("Open Alliance", slug="open", is_public=True)
    net_actions.do_add_membership(SYSTEM, open_net, world["orgs"]["VUB"])
    net_actions.do_create_person(SYSTEM, name="Vera Public", organisation=world["orgs"]["VUB"])
    page = reverse("network:organisation", args=[open_net.slug, world["orgs"]["VUB"].slug])
    response = client.get(page)
    assert response.status_code == 200 and "Vera Public" not in response.content.decode()  # people are private
    for key in ("ZSI", "SHARED", "PARTNER", "FAR", "NOWHERE", "DLR-PT"):
        url = reverse("network:organisation", args=[open_net.slug, world["orgs"][key].slug])
        assert client.get(url).status_code == 404, key


def test_member_roles_get_403_not_404_for_an_edit_they_may_not_make(client, world):
    item = world["objects"]["dlr_item"]
    for role in ("viewer", "zsi_editor", "vub_editor"):
        login(client, world, role)
        assert client.get(reverse("plans:item_row_edit", args=[world["net"].slug, item.pk])).status_code == 403


# POST ----------------------------------------------------------------------------------------------------------


def post_edit(client, url, item):
    fresh = Item.objects.get(pk=item.pk)
    return client.post(
        url,
        {
            "version": fresh.version,
            "status": "done",
            "when_text": fresh.when_text,
            "progress_note": "Changed",
            "start": "",
            "end": "",
        },
    )


ACTIONS = {
    "item": (EDIT, lambda client, url, item: post_edit(client, url, item), lambda before, after: after[1] == "done"),
    "item_row_edit": (
        EDIT,
        lambda client, url, item: post_edit(client, url, item),
        lambda before, after: after[1] == "done",
    ),
    "item_take": (
        TAKE,
        lambda client, url, item: client.post(url),
        lambda before, after: after[4] is False and len(after[5]) == len(before[5]) + 1,
    ),
    "item_comment": (
        SEE,
        lambda client, url, item: client.post(url, {"body": "A comment"}),
        lambda before, after: after[7] == before[7] + 1,
    ),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_post_every_action_as_every_role(client, world, role, action):
    allowed_by_object, do, changed = ACTIONS[action]
    login(client, world, role)
    wrong = []
    for key, item in world["objects"].items():
        url = reverse(f"plans:{action}", args=[home_of(world, key).slug, item.pk])
        before = state(item)
        response = do(client, url, item)
        after = state(item)
        if role in allowed_by_object[key]:
            if response.status_code not in (200, 302) or not changed(before, after):
                wrong.append(f"{key}: expected the change, got {response.status_code} and {after}")
            if response.status_code == 302 and reverse("login") in response["Location"]:
                wrong.append(f"{key}: sent to sign in instead of saving")
        else:
            if not denied(response, role):
                wrong.append(f"{key}: expected a denial, got {response.status_code}")
            if after != before:
                wrong.append(f"{key}: a denied request changed {before} into {after}")
    # Another network's item through this network's address: denied to everyone, and nothing changes.
    far_item = world["objects"]["far_item"]
    before = state(far_item)
    response = do(client, reverse(f"plans:{action}", args=[world["net"].slug, far_item.pk]), far_item)
    if not (response.status_code == 404 or denied(response, role)) or state(far_item) != before:
        wrong.append(f"mixed: got {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_get_is_refused_where_only_post_makes_sense(client, world):
    login(client, world, "secretariat")
    item = world["objects"]["zsi_item"]
    for name in ("item_take", "item_comment"):
        assert client.get(reverse(f"plans:{name}", args=[world["net"].slug, item.pk])).status_code == 405


# A public network: anonymous visitors read what is marked public and change nothing ---------------------------


def test_anonymous_on_a_public_network_reads_public_plans_and_changes_nothing(client, db):
    net = f.make_network("Open Alliance", slug="open", is_public=True)
    public = f.make_plan(net, title="Public programme", is_public=True)
    private = f.make_plan(net, title="Internal programme")
    item = f.make_item(f.make_section(public), what="Public item", open_call=True)
    hidden = f.make_item(f.make_section(private), what="Hidden item")
    for name in ("plan", "plan_table", "plan_timeline", "plan_when"):
        assert client.get(reverse(f"plans:{name}", args=[net.slug, public.pk])).status_code == 200
        assert client.get(reverse(f"plans:{name}", args=[net.slug, private.pk])).status_code == 302
    assert client.get(reverse("plans:plan_changes", args=[net.slug, public.pk])).status_code == 302
    assert client.get(reverse("plans:item", args=[net.slug, item.pk])).status_code == 200
    assert client.get(reverse("plans:item", args=[net.slug, hidden.pk])).status_code == 302
    html = client.get(reverse("plans:item", args=[net.slug, item.pk])).content.decode()
    assert "Comments" not in html and "History" not in html and "take it" not in html
    before = state(item)
    for name, data in (
        ("item", {"version": 1, "status": "done"}),
        ("item_row_edit", {"version": 1, "status": "done"}),
        ("item_take", {}),
        ("item_comment", {"body": "hi"}),
    ):
        response = client.post(reverse(f"plans:{name}", args=[net.slug, item.pk]), data)
        assert denied(response, "anonymous"), name
    assert client.get(reverse("plans:item_row_edit", args=[net.slug, item.pk])).status_code == 302
    assert state(item) == before
