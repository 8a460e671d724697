"""Fixtures shared by the whole suite. Data is built through actions (accord.testing.factories)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.network.models import NetworkRole
from accord.testing import factories as f


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
def make_member(network):
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
