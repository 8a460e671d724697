"""Conflicts through HTTP: 200 conflicting edit pairs lose no update; 50 members taking one open call at once
leave it with one owner (real threads on PostgreSQL; one after another on SQLite, whose test database is one
connection's)."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from accord.network.models import NetworkRole
from accord.plans.models import Item
from accord.testing import factories as f

PAIRS = 200
ITEMS = 20
TAKERS = 50


def edit(client: Client, network, item, version: int, words: str):
    """The plan table's row form (an htmx fragment), saved with the version it was loaded with."""
    return client.post(
        f"/n/{network.slug}/items/{item.pk}/row/edit/",
        {"version": version, "status": "in_progress", "owners": "", "when_text": words},
        headers={"HX-Request": "true"},
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_two_hundred_conflicting_edit_pairs_lose_no_update(network, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan = f.make_plan(network)
    section = f.make_section(plan, "Priority")
    items = [f.make_item(section, what=f"Item {i}") for i in range(ITEMS)]
    first, second = Client(), Client()
    for client in (first, second):
        user = f.make_user()
        f.grant(user, network, NetworkRole.SECRETARIAT)
        client.force_login(user)
    conflicts = 0
    versions: dict[int, int] = {}
    for k in range(PAIRS):
        item = items[k % ITEMS]
        if k < ITEMS:  # the form as a person loads it; afterwards the version is known from the last save
            form = first.get(f"/n/{network.slug}/items/{item.pk}/row/edit/", headers={"HX-Request": "true"})
            version = int(re.search(r'name="version" value="(\d+)"', form.content.decode()).group(1))
        else:
            version = versions[item.pk]
        assert edit(first, network, item, version, f"week {k} first").status_code == 200
        answer = edit(second, network, item, version, f"week {k} second")  # loaded before the first save
        conflicts += "changed while you were editing" in answer.content.decode()
        saved = Item.objects.get(pk=item.pk)
        assert saved.when_text == f"week {k} first", f"pair {k}: the first save was overwritten"
        versions[item.pk] = saved.version
        assert saved.version == version + 1
    assert conflicts == PAIRS


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_fifty_members_taking_one_open_call_leave_one_owner(network, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan = f.make_plan(network)
    item = f.make_item(f.make_section(plan, "Priority"), what="Anyone?", open_call=True, who_text="Any volunteers?")
    clients = []
    for i in range(TAKERS):
        user = f.make_user()
        f.grant(user, network, NetworkRole.MEMBER_EDITOR, f.make_organisation(f"TAKER{i}"))
        client = Client()
        client.force_login(user)
        clients.append(client)
    url = f"/n/{network.slug}/items/{item.pk}/take/"
    answers: list[int] = []
    errors: list[BaseException] = []

    def take(client: Client, start: threading.Barrier | None) -> None:
        try:
            if start is not None:
                start.wait()
            answers.append(client.post(url).status_code)
        except BaseException as exc:  # a thread's failure must reach the test
            errors.append(exc)
        finally:
            if start is not None:
                connection.close()

    if connection.vendor == "postgresql":
        start = threading.Barrier(TAKERS)
        threads = [threading.Thread(target=take, args=(c, start)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    else:
        for client in clients:
            take(client, None)
    assert not errors, errors
    item.refresh_from_db()
    assert list(item.owners.values_list("organisation__short_name", flat=True)).__len__() == 1
    assert not item.open_call
    assert sorted(answers).count(302) == 1 and len(answers) == TAKERS
    assert all(code in (302, 403) for code in answers), answers
