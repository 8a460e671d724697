"""CSRF: every route of the URL configuration refuses a POST without a valid token, even from someone allowed to
make the change, and the refused POST changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.audit.models import AuditEntry
from accord.plans.models import Comment, Item
from accord.testing.routes import all_routes
from tests.reliability.conftest import values

FORM = {
    "what": "changed",
    "status": "done",
    "body": "a comment",
    "version": "1",
    "title": "x",
    "username": "vault-secretariat",
    "password": "pw-for-tests-only",
    "email": "a@example.org",
}


def state(world):
    item = Item.objects.get(pk=world["item"].pk)
    return (
        AuditEntry.objects.count(),
        Comment.objects.count(),
        item.version,
        item.status,
        Item.objects.get(pk=world["open_call"].pk).open_call,
    )


@pytest.mark.parametrize("token", ["missing", "wrong"])
def test_every_route_refuses_a_post_without_a_valid_token(vault, token):
    client = Client(enforce_csrf_checks=True)
    client.force_login(vault["secretariat"])
    choices = {**values(vault), "network": ["vault"]}
    before = state(vault)
    posted = 0
    for route in all_routes():
        for path in route.paths(choices):
            data = dict(FORM)
            headers = {}
            if token == "wrong":
                data["csrfmiddlewaretoken"] = "x" * 64
                headers["X-CSRFToken"] = "y" * 64
                client.cookies["csrftoken"] = "z" * 32
            for as_htmx in (False, True):
                response = client.post(path, data, headers={**headers, **({"HX-Request": "true"} if as_htmx else {})})
                posted += 1
                assert response.status_code == 403, f"{route.name} {path}: {response.status_code}"
    assert posted >= 40
    assert state(vault) == before


def test_a_post_with_the_token_is_accepted_so_the_check_above_means_something(vault):
    client = Client(enforce_csrf_checks=True)
    client.force_login(vault["secretariat"])
    page = client.get(f"/n/vault/items/{vault['item'].pk}/")
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
    response = client.post(
        f"/n/vault/items/{vault['item'].pk}/comments/", {"body": "with a token"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code in (200, 302)
    assert Comment.objects.filter(body="with a token").exists()
