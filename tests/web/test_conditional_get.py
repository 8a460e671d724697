"""Conditional GET on the pages cached on versions: an ETag from the body's key and what the shell shows,
`Cache-Control: private, no-cache`, and 304 Not Modified to a matching If-None-Match."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.network.models import NetworkRole
from accord.plans import actions as plan_actions
from accord.testing import factories as f


@pytest.fixture
def pages(network, orgs):
    return [
        reverse("workspace:home"),
        reverse("workspace:network", args=[network.slug]),
        reverse("plans:plans", args=[network.slug]),
        reverse("network:organisation", args=[network.slug, orgs["ZSI"].slug]),
        reverse("workspace:workload", args=[network.slug]),
        reverse("workspace:calendar", args=[network.slug]),
        reverse("search:search") + "?q=mapping",
    ]


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_page_the_browser_holds_is_answered_304_with_nothing_rendered(section, orgs, zsi_editor, pages, monkeypatch):
    from accord.web import page_cache

    f.make_item(section, what="Mapping of partners", owners=[orgs["ZSI"]])
    client = _signed_in(zsi_editor)
    rendered: list = []
    for path in pages:
        first = client.get(path)
        assert first.status_code == 200 and first.has_header("ETag"), path
        assert {p.strip() for p in first["Cache-Control"].split(",")} == {"private", "no-cache"}, path
        with CaptureQueriesContext(connection) as warm:
            assert client.get(path)["ETag"] == first["ETag"]
        rendered.clear()
        monkeypatch.setattr(page_cache, "render_page", lambda *a, **k: rendered.append(a))
        with CaptureQueriesContext(connection) as queries:
            again = client.get(path, headers={"if-none-match": first["ETag"]})
        monkeypatch.undo()
        assert again.status_code == 304 and again.content == b"", path
        assert again["ETag"] == first["ETag"] and rendered == []
        # The versions are read, to know the page is unchanged; the body is neither read nor rendered.
        assert len(queries) <= len(warm), path


def test_a_write_the_page_shows_changes_its_etag(section, orgs, zsi_editor):
    item = f.make_item(section, what="Mapping of partners", owners=[orgs["ZSI"]])
    client = _signed_in(zsi_editor)
    path = reverse("network:organisation", args=[section.plan.network.slug, orgs["ZSI"].slug])
    tag = client.get(path)["ETag"]
    plan_actions.do_add_comment(zsi_editor, item, "Draft sent")  # the organisation's page shows no comments
    assert client.get(path, headers={"if-none-match": tag}).status_code == 304
    plan_actions.do_edit_item(zsi_editor, item, status="in_progress")
    response = client.get(path, headers={"if-none-match": tag})
    assert response.status_code == 200 and response["ETag"] != tag
    assert "in progress" in response.content.decode()


def test_my_works_etag_moves_with_each_of_its_parts_and_a_304_reads_none(section, orgs, zsi_editor, monkeypatch):
    """My work is tagged on its body's key and its parts' keys: a comment (recent changes) and a status change in
    another organisation's item (the current plan's card) each change it, and a 304 fills no part."""
    from accord.web import page_cache

    ours = f.make_item(section, what="Mapping of partners", owners=[orgs["ZSI"]])
    theirs = f.make_item(section, what="Survey of funders", owners=[orgs["CNRS"]])
    client, path = _signed_in(zsi_editor), reverse("workspace:home")
    tag = client.get(path)["ETag"]
    filled: list = []
    original = page_cache.Part.__call__
    monkeypatch.setattr(page_cache.Part, "__call__", lambda self: filled.append(self) or original(self))
    assert client.get(path, headers={"if-none-match": tag}).status_code == 304 and filled == []
    plan_actions.do_add_comment(zsi_editor, ours, "Draft sent to the partners")
    response = client.get(path, headers={"if-none-match": tag})
    assert response.status_code == 200 and "Draft sent to the partners" in response.content.decode()
    tag = response["ETag"]
    plan_actions.do_update_item(SYSTEM, theirs, status="done")
    response = client.get(path, headers={"if-none-match": tag})
    assert response.status_code == 200 and "1 of 2 items done" in response.content.decode()


def test_each_person_and_each_browser_has_its_own_etag(network, make_member, orgs):
    one = _signed_in(make_member(NetworkRole.VIEWER))
    two = _signed_in(make_member(NetworkRole.VIEWER))  # the same scope: the same cached body
    path = reverse("plans:plans", args=[network.slug])
    tag = one.get(path)["ETag"]
    assert two.get(path)["ETag"] != tag  # another person (name in the shell, own CSRF secret)
    response = two.get(path, headers={"if-none-match": tag})
    assert response.status_code == 200


def test_a_page_that_shows_a_message_has_no_etag(network, secretariat):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    client = _signed_in(secretariat)
    path = reverse("plans:plans", args=[network.slug])
    tag = client.get(path)["ETag"]
    # A message waiting to be shown, as an action leaves it before redirecting here.
    storage = CookieStorage(SimpleNamespace(COOKIES={}))
    client.cookies[storage.cookie_name] = storage._encode([Message(constants.SUCCESS, "Plan saved.")])
    response = client.get(path, headers={"if-none-match": tag})
    assert response.status_code == 200 and not response.has_header("ETag")
    assert "Plan saved." in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_signing_out_asks_the_browser_to_drop_its_copies(client, viewer):
    client.force_login(viewer)
    response = client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"cache"'


def test_the_plan_tabs_and_the_item_page_answer_304_too(network, plan, section, secretariat):
    item = f.make_item(section, what="Mapping of partners")
    client = _signed_in(secretariat)
    paths = [
        reverse("plans:plan", args=[network.slug, plan.pk]),
        reverse("plans:plan_table", args=[network.slug, plan.pk]),
        reverse("plans:item", args=[network.slug, item.pk]),
    ]
    tags = {}
    for path in paths:
        tags[path] = client.get(path)["ETag"]
        assert client.get(path, headers={"if-none-match": tags[path]}).status_code == 304, path
    # The tab panel alone (htmx) is another representation of the same URL: its own tag.
    panel = client.get(paths[0], headers={"hx-request": "true", "hx-target": "plan-tabs"})
    assert panel.status_code == 200 and panel["ETag"] != tags[paths[0]]
    plan_actions.do_add_comment(secretariat, item, "Draft sent")  # only the item page shows comments
    assert [client.get(p, headers={"if-none-match": tags[p]}).status_code for p in paths] == [304, 304, 200]
