"""Fixtures shared by the whole suite. Data is built through actions (accord.testing.factories)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.audit.actors import SYSTEM
from accord.network.models import NetworkRole
from accord.testing import factories as f

# Two periods of member organisations' work, read by the organisation and workload pages' tests.
pytest_plugins = ["tests.workload_world"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and at the end of the run no connection left on it: a live-server request thread or a
    worker process that is still closing would make PostgreSQL refuse to drop the database (a warning that
    `filterwarnings = error` turns into an error of the last test)."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session", autouse=True)
def _private_page_cache(tmp_path_factory):
    """The shared page cache (files under ACCORD_HOME) in a folder of this run's own: two runs at once (SQLite and
    PostgreSQL) never clear or read each other's bodies."""
    from django.conf import settings
    from django.test import override_settings

    backend = dict(settings.CACHES["default"])
    if backend["BACKEND"].endswith(("PrivateDiskCache", "FileBasedCache")):
        backend["LOCATION"] = str(tmp_path_factory.mktemp("cache"))
    with override_settings(CACHES={"default": backend}):
        yield


@pytest.fixture(scope="session", autouse=True)
def _checked_baked_reads():
    """Every baked read is compared with its query built the usual way (SQL, parameters and rows)."""
    from django.test import override_settings

    with override_settings(ACCORD_BAKED_CHECK=True):
        yield


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Cached page bodies are keyed on row versions, which a rolled-back test database hands out again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path_factory):
    """Uploads land in a folder of their own per test, never in the developer's ACCORD_HOME."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def network(db):
    return f.make_network("Northern Lights Research Diplomacy Network", slug="northern-lights", short_name="NLRDN")


@pytest.fixture
def other_network(db):
    return f.make_network("Another Alliance", slug="another")


@pytest.fixture
def orgs(db):
    return {name: f.make_organisation(name) for name in ("ZSI", "DLR-PT", "CNRS", "VUB", "FECYT")}


@pytest.fixture
def plan(network):
    return f.make_plan(network, title="Draft Work Programme", start=dt.date(2021, 7, 1), end=dt.date(2021, 12, 31))


@pytest.fixture
def section(plan):
    return f.make_section(plan, "Awareness-raising", number="1")


@pytest.fixture
def fast_passwords(settings):
    """Accounts made by the role fixtures hash their password cheaply (a test makes up to seven of them)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_member(network, fast_passwords):
    """make_member(role, organisation=None) -> a signed-in-able user with that role in `network`."""

    def make(role: str = NetworkRole.VIEWER, organisation=None, net=None):
        user = f.make_user()
        f.grant(user, net or network, role, organisation)
        return user

    return make


@pytest.fixture
def viewer(make_member):
    return make_member(NetworkRole.VIEWER)


@pytest.fixture
def secretariat(make_member):
    return make_member(NetworkRole.SECRETARIAT)


@pytest.fixture
def zsi_editor(make_member, orgs):
    """A member editor acting for ZSI."""
    return make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])


@pytest.fixture
def network_admin(make_member):
    return make_member(NetworkRole.ADMIN)


@pytest.fixture
def superuser(db, fast_passwords):
    return f.make_user("root", is_superuser=True, is_staff=True)


@pytest.fixture
def outsider(other_network, fast_passwords):
    """An admin of another network: a role there grants nothing in `network`."""
    user = f.make_user()
    f.grant(user, other_network, NetworkRole.ADMIN)
    return user


ROLES = ("anonymous", "viewer", "zsi_editor", "secretariat", "network_admin", "superuser", "outsider")


@pytest.fixture
def every_role(request, viewer, zsi_editor, secretariat, network_admin, superuser, outsider):
    """Each role of the fixtures above by name, the anonymous visitor included."""
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "viewer": viewer,
        "zsi_editor": zsi_editor,
        "secretariat": secretariat,
        "network_admin": network_admin,
        "superuser": superuser,
        "outsider": outsider,
    }


@pytest.fixture
def shared_world(network, other_network, orgs, every_role):
    """Three networks (`network`, `other_network` private, a public one without roles) with public and private
    plans, items and events, organisations shared between them and people reached in several ways. Returns the
    objects by name."""
    from accord.events.actions import do_create_event
    from accord.network import actions as net
    from accord.network.models import Organisation

    open_net = f.make_network("Open Alliance", slug="open", is_public=True)
    nets = {"network": network, "other": other_network, "open": open_net}
    extra = {
        name: f.make_organisation(name)
        for name in ("ONLY-OTHER", "OWNS-PRIVATE", "OWNS-PUBLIC", "CHAIRS-OPEN", "ACTS", "NOWHERE")
    }
    org = {**orgs, **extra}
    net.do_add_membership(SYSTEM, network, org["ZSI"])
    net.do_add_membership(SYSTEM, network, org["DLR-PT"])  # shared: a member of both
    net.do_add_membership(SYSTEM, other_network, org["DLR-PT"])
    net.do_add_membership(SYSTEM, other_network, org["ONLY-OTHER"])
    net.do_add_membership(SYSTEM, open_net, org["CNRS"])
    net.do_add_chair_term(SYSTEM, open_net, org["CHAIRS-OPEN"], start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30))
    net.do_set_role(SYSTEM, network, f.make_user(), NetworkRole.MEMBER_EDITOR, org["ACTS"])
    plans = {
        "public": f.make_plan(network, title="Public programme", is_public=True),
        "private": f.make_plan(network, title="Internal programme"),
        "other": f.make_plan(other_network, title="Their programme", is_public=True),
        "open public": f.make_plan(open_net, title="Open programme", is_public=True),
        "open private": f.make_plan(open_net, title="Open's internal programme"),
    }
    sections = {k: f.make_section(p) for k, p in plans.items()}
    people = {
        "member's": net.do_create_person(SYSTEM, name="Ada Member", organisation=org["ZSI"]),
        "shared org's": net.do_create_person(SYSTEM, name="Dee Shared", organisation=org["DLR-PT"]),
        "other's": net.do_create_person(SYSTEM, name="Cy Other", organisation=org["ONLY-OTHER"]),
        "role holder": net.do_create_person(
            SYSTEM, name="Vi Viewer", organisation=org["ONLY-OTHER"], user=every_role["viewer"]
        ),
        "owner": net.do_create_person(SYSTEM, name="Eve Owner"),
        "group member": net.do_create_person(SYSTEM, name="Fay Group"),
        "open member's": net.do_create_person(SYSTEM, name="Ola Open", organisation=org["CNRS"]),
        "nobody's": net.do_create_person(SYSTEM, name="Gus Nowhere", organisation=org["NOWHERE"]),
    }
    group = net.do_create_group(SYSTEM, open_net, name="Open WG")
    group.member_people.add(people["group member"])
    items = {
        "public": f.make_item(sections["public"], what="Public work", owners=[org["ZSI"], org["OWNS-PUBLIC"]]),
        "private": f.make_item(
            sections["private"], what="Internal work", owners=[org["OWNS-PRIVATE"], people["owner"]]
        ),
        "other": f.make_item(sections["other"], what="Their work", owners=[org["ONLY-OTHER"], org["DLR-PT"]]),
        "open public": f.make_item(sections["open public"], what="Open work", owners=[org["CNRS"]]),
        "open private": f.make_item(sections["open private"], what="Open's internal work", owners=[org["FECYT"]]),
    }
    events = {
        "public": do_create_event(SYSTEM, network, title="Public assembly", is_public=True),
        "private": do_create_event(SYSTEM, network, title="Board meeting"),
        "other": do_create_event(SYSTEM, other_network, title="Their assembly", is_public=True),
        "open public": do_create_event(SYSTEM, open_net, title="Open conference", is_public=True),
        "open private": do_create_event(SYSTEM, open_net, title="Open's board"),
    }
    assert Organisation.objects.count() == len(org)  # every organisation of the world is named here
    return {
        "networks": nets,
        "organisations": org,
        "plans": plans,
        "items": items,
        "events": events,
        "people": people,
        "users": every_role,
    }
